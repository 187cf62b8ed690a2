// One effort for one upgrade (issue #11): `check` and `plan` price the same path with the same function (pathWork),
// so every check format (text, JSON, Markdown, HTML, SARIF) and every plan format print the same total for the same
// store and target: the path plan recommends by default, the direct jump with --direct. The sample store's path to
// 2.4.8-p3 stops on 2.4.7-p10; the vanilla store's is one hop.
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { checkProject } from '../src/check/check-project.js';
import { runCheck } from '../src/check/run-check.js';
import type { StoreOptions } from '../src/check/work.js';
import { fixedClock } from '../src/knowledge/clock.js';
import { buildPlan } from '../src/plan/build-plan.js';
import { renderPlan } from '../src/plan/render.js';
import { renderCheckReport } from '../src/report/json/render-report.js';
import { SAMPLE_STORE } from './helpers/expected.js';

const VANILLA = fileURLToPath(new URL('./fixtures/projects/vanilla-2.4.7-p7', import.meta.url));
const clock = fixedClock('2026-12-01T12:00:00Z');
// One analysis cache for the file: check and plan's own check parse each store once.
const cacheDir = mkdtempSync(join(tmpdir(), 'mageup-effort-'));
after(() => rmSync(cacheDir, { recursive: true, force: true }));

/** The effort each check format prints, in hours. */
function printedByCheck(result: Awaited<ReturnType<typeof runCheck>>): Record<string, number> {
  const number = (text: string, pattern: RegExp, format: string): number => {
    const m = pattern.exec(text);
    assert.ok(m, `${format}: no effort in the summary`);
    return Number(m[1]);
  };
  const json = JSON.parse(renderCheckReport(result, 'json')) as { summary: { effortHours: number } };
  const sarif = JSON.parse(renderCheckReport(result, 'sarif')) as {
    runs: { properties: { summary: { effortHours: number } } }[];
  };
  return {
    text: number(renderCheckReport(result, 'text', { color: false }), / effort ([\d.]+) h\n/, 'text'),
    json: json.summary.effortHours,
    md: number(renderCheckReport(result, 'md'), /\*\*Effort ([\d.]+) h:\*\*/, 'md'),
    html: number(renderCheckReport(result, 'html'), /([\d.]+) developer hours: platform/, 'html'),
    sarif: sarif.runs[0]!.properties.summary.effortHours,
  };
}

/** The optional clean-up each check format prints beside the effort, in hours (0 where none is printed). */
function optionalByCheck(result: Awaited<ReturnType<typeof runCheck>>): Record<string, number> {
  const note = /optional clean-up: ([\d.]+) h, not in the total/;
  const printed = (text: string): number => Number(note.exec(text)?.[1] ?? 0);
  const json = JSON.parse(renderCheckReport(result, 'json')) as { summary: { effort: { optionalHours: number } } };
  const sarif = JSON.parse(renderCheckReport(result, 'sarif')) as {
    runs: { properties: { summary: { optionalHours: number } } }[];
  };
  return {
    text: printed(renderCheckReport(result, 'text', { color: false })),
    json: json.summary.effort.optionalHours,
    md: printed(renderCheckReport(result, 'md')),
    html: printed(renderCheckReport(result, 'html')),
    sarif: sarif.runs[0]!.properties.summary.optionalHours,
  };
}

const round = (n: number): number => Math.round(n * 10) / 10;

/** Info findings are notes: in every hop their hours are the optional figure, never in a group's, code or base hours. */
function assertOptionalApart(plan: Awaited<ReturnType<typeof buildPlan>>): void {
  for (const hop of plan.hops) {
    for (const c of hop.code) {
      assert.ok(
        c.findings.every((f) => (f.severity === 'info') === (f.optional === true)),
        c.module,
      );
      const hours = (optional: boolean) =>
        round(c.findings.filter((f) => (f.optional === true) === optional).reduce((s, f) => s + f.hours, 0));
      assert.equal(c.hours, hours(false), `${c.module}: required hours only`);
      assert.equal(c.optionalHours, hours(true), `${c.module}: info hours apart`);
    }
    const e = hop.effort;
    assert.equal(e.codeHours, round(hop.code.reduce((s, c) => s + c.hours, 0)));
    assert.equal(e.optionalHours, round(hop.code.reduce((s, c) => s + c.optionalHours, 0)));
    assert.equal(e.baseHours, round(e.platformHours + e.extensionHours + e.codeHours + e.testHours + e.deployHours));
  }
  assert.equal(plan.optionalHours, round(plan.hops.reduce((s, h) => s + h.effort.optionalHours, 0)));
}

async function compare(path: string, to: string, direct: boolean, store: StoreOptions = {}) {
  const check = await runCheck({ path, to, clock, cacheDir, workers: 1, direct, ...store });
  const plan = await buildPlan({ path, to, clock, cacheDir, freezePresets: ['none'], direct, ...store });
  const total = plan.totalHours;
  assert.deepEqual(printedByCheck(check), { text: total, json: total, md: total, html: total, sarif: total });
  // The optional clean-up: one figure in every format of both commands, apart from the total.
  const optional = plan.optionalHours;
  assert.deepEqual(optionalByCheck(check), {
    text: optional,
    json: optional,
    md: optional,
    html: optional,
    sarif: optional,
  });
  assert.equal(check.summary.effort?.optionalHours, optional);
  assertOptionalApart(plan);
  const totalLine =
    optional > 0
      ? `Total effort ${total} h (optional clean-up: ${optional} h, not in the total);`
      : `Total effort ${total} h;`;
  for (const format of ['text', 'md', 'html'] as const)
    assert.ok(renderPlan(plan, format, clock).includes(totalLine), `plan ${format}: ${totalLine}`);
  const planJson = JSON.parse(renderPlan(plan, 'json', clock)) as { totalHours: number; optionalHours: number };
  assert.deepEqual([planJson.totalHours, planJson.optionalHours], [total, optional]);
  // The same hops, each with the same hours; every check format names them under the effort.
  const hops = plan.hops.map((h) => ({ from: h.from, to: h.to, hours: h.effort.totalHours }));
  assert.deepEqual(
    check.summary.path?.hops.map(({ from, to, hours }) => ({ from, to, hours })),
    hops,
  );
  assert.equal(check.summary.path?.direct, direct);
  assert.deepEqual(check.summary.effort, plan.hops.length === 1 ? plan.hops[0]!.effort : check.summary.effort);
  const named = `${hops[0]!.from} → ${hops.map((h) => `${h.to} (${h.hours} h)`).join(' → ')}`;
  for (const format of ['text', 'md', 'html'] as const) {
    const text = renderCheckReport(check, format, { color: false }).replaceAll('&gt;', '>');
    assert.ok(text.includes(named), `check ${format} names the hops it prices: ${named}`);
  }
  return { check, plan };
}

describe('check and plan print one effort for one store and target', () => {
  it('sample store → 2.4.8-p3: the recommended path stops on the way, and check prices it hop by hop', async () => {
    const { check, plan } = await compare(SAMPLE_STORE, '2.4.8-p3', false);
    assert.ok(plan.hops.length > 1, 'the path stops on the way');
    const e = check.summary.effort!;
    const sum = (part: (h: (typeof plan.hops)[number]) => number) =>
      Math.round(plan.hops.reduce((s, h) => s + part(h), 0) * 10) / 10;
    assert.deepEqual(
      [e.platformHours, e.extensionHours, e.codeHours, e.testHours, e.deployHours, e.baseHours],
      [
        sum((h) => h.effort.platformHours),
        sum((h) => h.effort.extensionHours),
        sum((h) => h.effort.codeHours),
        sum((h) => h.effort.testHours),
        sum((h) => h.effort.deployHours),
        sum((h) => h.effort.baseHours),
      ],
    );
    // The findings listed are the target's alone: the stop's are priced, not listed.
    assert.ok(check.findings.every((f) => f.target === '2.4.8-p3'));
    assert.deepEqual(
      check.targets.map((t) => t.version),
      ['2.4.8-p3'],
    );
  });

  it('sample store: its info findings in custom code carry hours, printed as optional clean-up, not in the total', async () => {
    const { plan } = await compare(SAMPLE_STORE, '2.4.8-p3', false);
    assert.ok(plan.optionalHours > 0, 'php-api/non-api in Acme_Checkout: 0.5 h');
    const notes = plan.hops.flatMap((h) => h.code.flatMap((c) => c.findings.filter((f) => f.optional)));
    assert.ok(notes.some((f) => f.ruleId === 'php-api/non-api' && f.hours === 0.5));
    assert.ok(renderPlan(plan, 'text', clock).includes('(0.5 h, optional)'), 'the plan lists it, marked optional');
  });

  it('sample store → 2.4.8-p3 --direct: check --direct prices the direct jump as plan --direct', async () => {
    const { check, plan } = await compare(SAMPLE_STORE, '2.4.8-p3', true);
    assert.equal(plan.hops.length, 1);
    assert.ok(check.summary.path!.recommended.length > 2, 'the note still names the recommended path');
  });

  it('vanilla store → 2.4.8-p3: one hop, with and without --direct', async () => {
    const path = await compare(VANILLA, '2.4.8-p3', false);
    const direct = await compare(VANILLA, '2.4.8-p3', true);
    assert.equal(path.plan.hops.length, 1);
    assert.equal(path.check.summary.effortHours, direct.check.summary.effortHours);
  });

  it('a bare --to 2.4.8 is one target: 2.4.8 itself for both, the newer patch advised the same way', async () => {
    const { check, plan } = await compare(VANILLA, '2.4.8', false);
    const [target] = check.targets;
    assert.equal(target!.version, '2.4.8');
    assert.equal(plan.target.version, '2.4.8');
    assert.match(target!.advice ?? '', /^2\.4\.8-p\d+ is the latest security patch of the 2\.4\.8 line on 2026-12-01/);
    assert.equal(plan.target.advice, target!.advice);
    const printed = `Advice: ${target!.advice}.`;
    assert.ok(renderCheckReport(check, 'text', { color: false }).includes(printed), 'check text');
    assert.ok(renderCheckReport(check, 'md').includes(printed), 'check md');
    assert.ok(renderPlan(plan, 'text', clock).includes(`Target 2.4.8. ${printed}`), 'plan text');
  });

  it('a custom module whose only finding is info with hours: listed as optional, the total unchanged', async () => {
    const dir = join(cacheDir, 'note-only');
    cpSync(VANILLA, dir, { recursive: true });
    const module = join(dir, 'app/code/Acme/Note');
    mkdirSync(join(module, 'etc'), { recursive: true });
    mkdirSync(join(module, 'Model'), { recursive: true });
    writeFileSync(
      join(module, 'registration.php'),
      "<?php\nuse Magento\\Framework\\Component\\ComponentRegistrar;\n\nComponentRegistrar::register(ComponentRegistrar::MODULE, 'Acme_Note', __DIR__);\n",
    );
    writeFileSync(
      join(module, 'etc/module.xml'),
      '<?xml version="1.0"?>\n<config xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="urn:magento:framework:Module/etc/module.xsd">\n    <module name="Acme_Note"/>\n</config>\n',
    );
    // Extends a non-@api core class and nothing else: php-api/non-api, info, 0.5 h.
    writeFileSync(
      join(module, 'Model/Invoice.php'),
      '<?php\ndeclare(strict_types=1);\n\nnamespace Acme\\Note\\Model;\n\nclass Invoice extends \\Magento\\Sales\\Model\\Order\\Pdf\\Invoice\n{\n}\n',
    );
    const { plan } = await compare(dir, '2.4.8-p3', false);
    const bare = await buildPlan({ path: VANILLA, to: '2.4.8-p3', clock, cacheDir, freezePresets: ['none'] });
    const group = plan.hops[0]!.code.find((c) => c.module === 'Acme_Note');
    assert.deepEqual(
      group?.findings.map((f) => [f.ruleId, f.severity, f.hours, f.optional]),
      [['php-api/non-api', 'info', 0.5, true]],
    );
    assert.deepEqual([group!.hours, group!.optionalHours], [0, 0.5]);
    assert.equal(plan.hops[0]!.effort.codeHours, bare.hops[0]!.effort.codeHours, 'the note adds no code hours');
    // Nothing in the module must change: no retest either, so the total is the store's without it.
    assert.deepEqual(plan.hops[0]!.tests, bare.hops[0]!.tests);
    assert.equal(plan.totalHours, bare.totalHours, 'the total excludes it');
    assert.equal(plan.optionalHours, round(bare.optionalHours + 0.5), 'it is optional clean-up');
  });

  it("a config's exclusions, severity overrides and waivers: plan prices what check keeps", async () => {
    const dir = join(cacheDir, 'governed');
    cpSync(VANILLA, dir, { recursive: true });
    const config = {
      exclude: ['vendor/web-token/**'],
      severity: { composer: 'off' },
      waivers: [{ rule: 'platform', reason: 'hosting upgrades the services', owner: 'ops', expires: '2027-12-31' }],
    };
    writeFileSync(join(dir, 'mageup.config.json'), JSON.stringify(config));
    const outcome = await checkProject({ path: dir, to: ['2.4.8-p3'], clock, cacheDir, workers: 1 });
    assert.equal(outcome.kind, 'report');
    const check = outcome.kind === 'report' ? outcome.result : undefined;
    assert.ok(check?.governance, 'check applied the config');
    const plan = await buildPlan({ path: dir, to: '2.4.8-p3', clock, cacheDir, freezePresets: ['none'] });
    const ungoverned = await buildPlan({ path: VANILLA, to: '2.4.8-p3', clock, cacheDir, freezePresets: ['none'] });
    assert.equal(check.summary.effortHours, plan.totalHours);
    assert.equal(check.summary.effort?.optionalHours, plan.optionalHours);
    // On this store `composer: off` removes info findings only (composer/root-template): notes, so the config changes
    // the optional clean-up, not the total.
    assert.ok(
      plan.optionalHours < ungoverned.optionalHours,
      `the config changes the optional clean-up (${ungoverned.optionalHours} h without)`,
    );
    assert.ok(plan.totalHours <= ungoverned.totalHours);
    assert.ok(plan.notes.some((n) => /exclusions, severity overrides and waivers of the config/.test(n)));
  });

  it("check takes plan's --platform, --orders-per-day and --catalog-size: the same store, the same total", async () => {
    const store = { platform: { mariadb: '10.6', php: '8.2' }, ordersPerDay: 5000, catalogSize: 200000 };
    const declared = await compare(VANILLA, '2.4.8-p3', false, store);
    assert.equal(declared.plan.hops[0]!.deployment.strategy, 'blue-green');
    const assumed = await buildPlan({ path: VANILLA, to: '2.4.8-p3', clock, cacheDir, freezePresets: ['none'] });
    assert.notEqual(declared.plan.totalHours, assumed.totalHours, 'the store settings change the total');
    for (const run of [
      () => runCheck({ path: VANILLA, to: '2.4.8-p3', clock, cacheDir, workers: 1, platform: { oracle: '19' } }),
      () => buildPlan({ path: VANILLA, to: '2.4.8-p3', clock, cacheDir, platform: { oracle: '19' } }),
    ])
      await assert.rejects(run(), /^StoreSettingError: Unknown platform service "oracle" \(known: /);
  });
});
