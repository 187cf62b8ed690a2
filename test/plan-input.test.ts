import { strict as assert } from 'node:assert';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import ICAL from 'ical.js';
import { register } from '../src/cli/commands/plan.js';
import { EXIT } from '../src/cli/exit.js';
import { runCommand, type CommandResult } from './helpers/cli.js';
import { buildPlan, type PlanOptions } from '../src/plan/build-plan.js';
import { PlanInputError } from '../src/plan/errors.js';
import { thanksgiving } from '../src/plan/calendar.js';
import { FREEZE_PRESETS, parseFreeze } from '../src/plan/freeze.js';
import { escapeText, foldLine, renderIcs } from '../src/plan/ics.js';
import { buildSchedule } from '../src/plan/schedule.js';
import { renderHtml, renderMarkdown } from '../src/plan/document.js';
import { escapeHtml } from '../src/report/html/escape.js';
import { UnknownVersionError } from '../src/knowledge/errors.js';
import { fixedClock } from '../src/knowledge/clock.js';

const STORE = fileURLToPath(new URL('../examples/sample-store', import.meta.url));
const STORE_23 = fileURLToPath(new URL('../examples/sample-store-2.3', import.meta.url));
const SCHEMA = JSON.parse(readFileSync(new URL('../schemas/plan.schema.json', import.meta.url), 'utf8')) as object;
const work = mkdtempSync(join(tmpdir(), 'mageup-plan-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** No code analysis: these tests are about inputs, not findings. */
const noFindings: PlanOptions['check'] = async (targets) => ({ findings: targets.map(() => []), problems: [] });
const base = (over: Partial<PlanOptions>): PlanOptions => ({
  path: STORE,
  to: '2.4.8',
  clock: fixedClock('2026-02-02'),
  cacheDir: false,
  check: noFindings,
  ...over,
});

describe('plan: bad input', () => {
  it('a target older than the current release', async () => {
    await assert.rejects(
      buildPlan(base({ to: '2.4.5' })),
      (e: Error) => e instanceof PlanInputError && /older than the current release 2\.4\.6-p3/.test(e.message),
    );
  });
  it('a version the catalog lacks names the nearest', async () => {
    await assert.rejects(
      buildPlan(base({ to: '2.4.10' })),
      (e: Error) => e instanceof UnknownVersionError && /Nearest known: 2\.4\./.test(e.message),
    );
  });
  it('the current release as target is not an empty plan', async () => {
    await assert.rejects(buildPlan(base({ to: '2.4.6-p3' })), /already runs 2\.4\.6-p3/);
  });
  it('a release not published at the clock date', async () => {
    await assert.rejects(buildPlan(base({ to: '2.4.9' })), /not released on 2026-02-02/);
  });
  it('freeze windows covering the whole horizon', async () => {
    await assert.rejects(
      buildPlan(base({ freeze: ['2026-01-01..2031-12-31'] })),
      (e: Error) => e instanceof PlanInputError && /cover the whole horizon/.test(e.message),
    );
  });
  it('malformed freeze, capacity, platform', async () => {
    await assert.rejects(buildPlan(base({ freeze: ['next week'] })), /--freeze "next week" is not FROM\.\.TO/);
    await assert.rejects(buildPlan(base({ freeze: ['2026-03-10..2026-03-01'] })), /ends before it starts/);
    await assert.rejects(buildPlan(base({ capacity: 0 })), /--capacity must be a positive number/);
    await assert.rejects(buildPlan(base({ platform: { oracle: '19' } })), /Unknown platform service "oracle"/);
    await assert.rejects(buildPlan(base({ freezePresets: ['ramadan'] })), /Unknown freeze preset "ramadan"/);
  });
  it('an impossible deadline warns and says the end of support is missed', async () => {
    const plan = await buildPlan(base({ capacity: 2 }));
    assert.equal(plan.schedule.meetsEndOfSupport, false);
    assert.ok(plan.warnings.some((w) => /END OF SUPPORT MISSED/.test(w)));
    assert.ok(plan.hops.length > 0);
  });
});

describe('plan: options', () => {
  it('a bare X.Y.Z target is that release (as check), and a newer patch of its line is advice', async () => {
    const plan = await buildPlan(base({}));
    assert.equal(plan.target.version, '2.4.8');
    assert.match(
      plan.target.advice ?? '',
      /^2\.4\.8-p\d+ is the latest security patch of the 2\.4\.8 line on 2026-02-02/,
    );
  });
  it('--direct plans one hop and spells out the added risk', async () => {
    const plan = await buildPlan(base({ direct: true }));
    assert.equal(plan.hops.length, 1);
    assert.ok(plan.warnings.some((w) => /Direct jump requested/.test(w) && /same window/.test(w)));
  });
  it('declared platform versions replace assumptions; store size picks blue-green', async () => {
    const plan = await buildPlan(
      base({ platform: { mariadb: '10.6', php: '8.2' }, ordersPerDay: 5000, catalogSize: 200000 }),
    );
    assert.ok(plan.platformAssumptions.some((a) => /MariaDB 10\.6 — declared/.test(a)));
    assert.ok(!plan.platformAssumptions.some((a) => /MySQL/.test(a)));
    assert.equal(plan.hops[0]!.deployment.strategy, 'blue-green');
    assert.ok(
      plan.hops[0]!.runbook.some((s) =>
        s.steps.some((x) => x.commands?.includes('bin/magento setup:upgrade --keep-generated')),
      ),
    );
  });
  it('reads the plan section of mageup.config.yaml', async () => {
    const dir = join(work, 'configured');
    rmSync(dir, { recursive: true, force: true });
    (await import('node:fs')).mkdirSync(dir);
    for (const f of ['composer.json', 'composer.lock']) copyFileSync(join(STORE_23, f), join(dir, f));
    writeFileSync(
      join(dir, 'mageup.config.yaml'),
      'plan:\n  to: 2.4.7-p8\n  capacity: 100\n  start: 2026-03-02\n  freezePresets: [none]\n  freeze:\n    - 2026-03-09..2026-03-20:spring campaign\n',
    );
    const plan = await buildPlan({ path: dir, clock: fixedClock('2026-02-02'), cacheDir: false, check: noFindings });
    assert.equal(plan.target.version, '2.4.7-p8');
    assert.equal(plan.schedule.capacityHoursPerWeek, 100);
    assert.equal(plan.schedule.start, '2026-03-02');
    assert.ok(plan.schedule.freezes.some((f) => f.label === 'spring campaign'));
    assert.ok(plan.notes.some((n) => n.includes('mageup.config.yaml')));
    writeFileSync(join(dir, 'mageup.config.yaml'), 'plan:\n  capacity: lots\n');
    await assert.rejects(
      buildPlan({ path: dir, clock: fixedClock('2026-02-02'), cacheDir: false, check: noFindings }),
      /mageup\.config\.yaml: plan\.capacity must be a non-negative number/,
    );
  });
  it('JSON output matches schemas/plan.schema.json', async () => {
    const plan = await buildPlan(base({}));
    const ajv = new Ajv.default({ allErrors: true, strict: false });
    const validate = ajv.compile(SCHEMA);
    assert.ok(validate(JSON.parse(JSON.stringify(plan))), ajv.errorsText(validate.errors));
  });
});

describe('plan: calendar pieces', () => {
  it('Thanksgiving and the Black Friday–Cyber Monday preset', () => {
    assert.equal(thanksgiving(2026), '2026-11-26');
    assert.equal(thanksgiving(2025), '2025-11-27');
    assert.equal(thanksgiving(2024), '2024-11-28');
    const [w] = FREEZE_PRESETS.bfcm!.windows(2026);
    assert.equal(w!.from, '2026-11-23');
    assert.equal(w!.to, '2026-12-01');
  });
  it('work skips no-work windows; go-lives skip Fridays, weekends and freezes', () => {
    const s = buildSchedule({
      start: '2026-11-16',
      capacityHoursPerWeek: 40,
      hypercareDays: 2,
      freezes: [
        ...FREEZE_PRESETS.bfcm!.windows(2026),
        ...FREEZE_PRESETS.december!.windows(2026),
        parseFreeze('2026-11-18..2026-11-19'),
      ],
      hops: [
        { hop: 1, title: 'a', hours: 16 },
        { hop: 2, title: 'b', hours: 240 },
      ],
      endOfSupport: '2027-01-31',
      today: '2026-11-16',
    });
    // Hop 1 is ready on the 17th; the 18th–19th are frozen, the 20th a Friday, and hypercare of the 23rd would fall in BFCM.
    assert.equal(s.hops[0]!.ready, '2026-11-17');
    assert.equal(s.hops[0]!.goLive, '2026-12-02');
    // Hop 2's work pauses over the December holidays; its go-live comes after them.
    assert.ok(s.hops[1]!.ready > '2027-01-02', `hop 2 ready ${s.hops[1]!.ready}`);
    assert.ok(s.hops[1]!.goLive > s.hops[1]!.ready, 'go-live after ready');
    assert.equal(s.meetsEndOfSupport, true);
  });
  it('an Adobe Commerce line past regular support is judged against its extended support', () => {
    const input = {
      start: '2026-12-07',
      capacityHoursPerWeek: 40,
      hypercareDays: 2,
      freezes: [],
      hops: [{ hop: 1, title: '2.4.6-p3 → 2.4.8-p3', hours: 80 }],
      endOfSupport: '2026-08-11',
      today: '2026-12-03',
    };
    const openSource = buildSchedule(input);
    assert.equal(openSource.meetsEndOfSupport, false);
    assert.ok(openSource.warnings.some((w) => w.startsWith('END OF SUPPORT ALREADY PASSED')));
    const commerce = buildSchedule({ ...input, extendedSupportEnd: '2027-08-31' });
    assert.equal(commerce.meetsEndOfSupport, true);
    assert.ok(!commerce.warnings.some((w) => /no security fixes|MISSED/.test(w)), commerce.warnings.join('\n'));
    assert.ok(commerce.warnings.some((w) => w.includes('extended support delivers security fixes until 2027-08-31')));
  });
  it('ICS: escaping and folding at 75 octets without splitting UTF-8', () => {
    assert.equal(escapeText('a,b;c\\d\ne'), 'a\\,b\\;c\\\\d\\ne');
    const folded = foldLine(`SUMMARY:${'é'.repeat(80)}`);
    for (const line of folded.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75);
    assert.equal(
      folded
        .split('\r\n')
        .map((l, i) => (i ? l.slice(1) : l))
        .join(''),
      `SUMMARY:${'é'.repeat(80)}`,
    );
    const ics = renderIcs(
      {
        start: '2026-01-05',
        capacityHoursPerWeek: 40,
        hypercareDays: 2,
        freezes: [{ from: '2026-02-01', to: '2026-02-03', label: 'Sale, big; really', kind: 'deploy' }],
        hops: [{ hop: 1, workStart: '2026-01-05', ready: '2026-01-09', goLive: '2026-01-13', hours: 40 }],
        milestones: [{ kind: 'go-live', date: '2026-01-13', hop: 1, title: 'Go-live hop 1: 2.4.6-p3 → 2.4.7-p8' }],
        finish: '2026-01-13',
        endOfSupport: null,
        meetsEndOfSupport: null,
        warnings: [],
      },
      { now: new Date('2026-01-01T10:00:00Z'), project: 'x' },
    );
    const events = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    assert.ok(events.some((e) => e.summary === 'Freeze: Sale, big; really'));
    assert.ok(ics.includes('DTSTAMP:20260101T100000Z\r\n'));
  });
  it('Markdown and HTML escape what they show', () => {
    const blocks = [
      { kind: 'paragraph' as const, text: '<script>alert(1)</script> *x* | y' },
      { kind: 'code' as const, lines: ['echo ```'] },
    ];
    assert.ok(!renderHtml(blocks, '<t>').includes('<script>'));
    assert.equal(escapeHtml(`"'&`), '&quot;&#39;&amp;');
    const md = renderMarkdown(blocks);
    assert.ok(!md.includes('<script>') && md.includes('\\*x\\*') && md.includes('````sh'));
  });
});

/** `mageup plan ARGS` with its history store in the test's directory, its plan read back from `--output`. */
function cli(args: string[]): Promise<CommandResult> {
  return runCommand(register, ['plan', ...args, '--store', join(work, 'history')], { output: true });
}

describe('mageup plan (CLI)', () => {
  it('exit 2 with a clear message for bad input', async () => {
    const older = await cli([STORE, '--to', '2.4.5']);
    assert.equal(older.code, EXIT.failure);
    assert.match(older.stderr, /older than the current release/);
    const freeze = await cli([STORE, '--to', '2.4.8', '--freeze', 'soon']);
    assert.equal(freeze.code, EXIT.failure);
    assert.match(freeze.stderr, /not FROM\.\.TO/);
    const platform = await cli([STORE, '--to', '2.4.8', '--platform', 'mariadb']);
    assert.equal(platform.code, EXIT.failure);
    assert.equal(older.output, '');
  });
  it('exit 1 with the warning when the plan misses end of support (2.3 is long out of support)', async () => {
    const r = await cli([STORE_23, '--to', '2.4.7-p8', '--format', 'md']);
    assert.equal(r.code, EXIT.findings);
    assert.match(r.stderr, /END OF SUPPORT/);
    assert.match(r.output, /END OF SUPPORT/);
    assert.match(r.output, /## Hop 1: 2\.3\.7-p4 → /);
    // Recorded in the history store.
    const { RunStore } = await import('../src/history/index.js');
    const store = await RunStore.open(join(work, 'history'));
    try {
      const runs = await store.list({ project: STORE_23 });
      assert.ok(runs.some((run) => run.command === 'plan' && run.targets.at(-1) === '2.4.7-p8'));
    } finally {
      await store.close();
    }
  });
});
