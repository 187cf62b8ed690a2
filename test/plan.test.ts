import { strict as assert } from 'node:assert';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ICAL from 'ical.js';
import { buildPlan } from '../src/plan/build-plan.js';
import { renderPlan } from '../src/plan/render.js';
import { phpAllowed, listed } from '../src/plan/release-facts.js';
import { fits } from '../src/plan/service-version.js';
import { weekday } from '../src/plan/calendar.js';
import { loadReleaseCatalog } from '../src/knowledge/catalog.js';
import { fixedClock } from '../src/knowledge/clock.js';
import { cspHash } from '../src/report/html/page-assets.js';
import type { Plan } from '../src/plan/types.js';
import type { Release } from '../src/knowledge/types.js';

const STORE = fileURLToPath(new URL('../examples/sample-store', import.meta.url));
const STORE_23 = fileURLToPath(new URL('../examples/sample-store-2.3', import.meta.url));

const RUNBOOK_COMMANDS = [
  'composer update',
  'bin/magento setup:upgrade',
  'bin/magento setup:di:compile',
  'bin/magento setup:static-content:deploy',
  'bin/magento indexer:reindex',
  'bin/magento cache:flush',
  'bin/magento maintenance:enable',
  'bin/magento maintenance:disable',
];

/** Assertions that hold for any plan, checked against the catalog's own data. */
function assertPlanFollowsCatalog(plan: Plan, clockDate: string): void {
  const clock = fixedClock(clockDate);
  const catalog = loadReleaseCatalog({ clock, cacheDir: false });
  const all = catalog.all();
  const get = (v: string): Release => catalog.get(v)!;
  // Hops chain from the current release to the target.
  assert.equal(plan.hops[0]!.from, plan.current.version);
  assert.equal(plan.hops.at(-1)!.to, plan.target.version);
  for (let i = 1; i < plan.hops.length; i++) assert.equal(plan.hops[i]!.from, plan.hops[i - 1]!.to);
  for (const hop of plan.hops.slice(0, -1)) {
    // Every stop is the newest published patch of its line at the clock's date.
    const stop = get(hop.to);
    // (of the project's edition: both sample stores are Open Source)
    const latest = catalog.latestPatch(stop.minor, { now: clock.now(), edition: 'magento-open-source' });
    assert.equal(hop.to, latest?.version, `${hop.to} is its line's latest patch`);
    assert.ok(hop.why.length > 0);
  }
  for (const hop of plan.hops) {
    const from = get(hop.from);
    const to = get(hop.to);
    // The PHP the code upgrade runs on is one both releases accept (supported or allowed by Composer).
    const runs = (r: Release) => [...listed(r, 'php'), ...phpAllowed(r, all)];
    assert.ok(
      hop.phpDuring && fits(hop.phpDuring, runs(to)),
      `hop ${hop.index}: PHP ${hop.phpDuring} runs ${to.version}`,
    );
    assert.ok(
      hop.phpAfter && fits(hop.phpAfter, listed(to, 'php')),
      `hop ${hop.index}: PHP ${hop.phpAfter} supported by ${to.version}`,
    );
    for (const step of hop.platform) {
      const flavour = step.to.flavour;
      // Every new version is one the hop's target publishes; a change made before the hop is one the source supports.
      const targetList = step.track === 'composer' ? [...listed(to, 'composer'), '2.x'] : listed(to, flavour);
      if (step.track === 'php' && step.timing === 'before') {
        assert.ok(fits(step.to.version, runs(from)), `${step.to.version} runs on ${from.version}`);
      } else {
        assert.ok(
          fits(step.to.version, targetList) || fits(step.to.version, listed(from, flavour)),
          `${step.track} ${step.to.version} in ${to.version}`,
        );
      }
      if (step.timing === 'before' && step.supported && step.track !== 'composer') {
        assert.ok(
          fits(step.to.version, listed(from, flavour)),
          `${step.track} ${step.to.version} listed by ${from.version}`,
        );
      }
    }
    // Every command of the runbook is there, in order.
    const commands = hop.runbook.flatMap((s) => s.steps.flatMap((x) => x.commands ?? []));
    const text = commands.join('\n');
    assert.ok(text.includes(`composer require magento/product-community-edition=${hop.to} --no-update`));
    let at = text.indexOf(`composer require magento/product-community-edition=${hop.to} --no-update`);
    for (const c of [
      'composer update',
      'bin/magento setup:upgrade',
      'bin/magento setup:di:compile',
      'bin/magento setup:static-content:deploy',
      'bin/magento indexer:reindex',
      'bin/magento cache:flush',
      'bin/magento maintenance:disable',
    ]) {
      const next = text.indexOf(c, at);
      assert.ok(next > at, `hop ${hop.index}: ${c} after the previous command`);
      at = next;
    }
    for (const c of RUNBOOK_COMMANDS) assert.ok(text.includes(c), c);
    for (const step of hop.platform)
      for (const c of step.commands) assert.ok(text.includes(c), `service switch command ${c}`);
    const titles = hop.runbook.map((s) => s.title);
    for (const t of ['Pre-checks', 'Backups', 'Smoke checks', 'Rollback']) assert.ok(titles.includes(t), t);
    assert.match(hop.runbook.find((s) => s.title === 'Rollback')!.steps[0]!.text, /schema changes and data patches/);
    assert.ok(hop.effort.totalHours >= hop.effort.baseHours && hop.effort.bufferPercent >= 20);
  }
  // No finding counted in two hops.
  const seen = new Set<string>();
  for (const hop of plan.hops)
    for (const g of hop.code)
      for (const f of g.findings) {
        const key = `${f.ruleId}|${f.file}|${f.line}|${f.message}`;
        assert.ok(!seen.has(key), key);
        seen.add(key);
      }
  // Go-lives: Monday–Thursday, outside every freeze.
  for (const h of plan.schedule.hops) {
    assert.ok([1, 2, 3, 4].includes(weekday(h.goLive)), `${h.goLive} is Mon–Thu`);
    for (const f of plan.schedule.freezes)
      assert.ok(h.goLive < f.from || h.goLive > f.to, `${h.goLive} outside ${f.label}`);
    assert.ok(h.workStart <= h.ready && h.ready < h.goLive);
  }
}

function parseIcs(text: string): { summary: string; start: string; end: string }[] {
  assert.ok(text.endsWith('\r\n'));
  for (const line of text.split('\r\n')) assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `folded: ${line}`);
  assert.ok(!/[^\r]\n/.test(text), 'CRLF only');
  const component = new ICAL.Component(ICAL.parse(text));
  return component.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    assert.ok(e.uid);
    assert.ok(v.getFirstPropertyValue('dtstamp'));
    return { summary: e.summary, start: e.startDate.toString(), end: e.endDate.toString() };
  });
}

describe('mageup plan: sample store 2.4.6-p3 → 2.4.9', () => {
  const CLOCK = '2026-05-18';
  let plan: Plan;
  before(async () => {
    plan = await buildPlan({
      path: STORE,
      to: '2.4.9',
      clock: fixedClock(CLOCK),
      start: CLOCK,
      capacity: 80,
      freeze: ['2026-06-15..2026-06-26:summer sale'],
      cacheDir: false,
    });
  });

  it('hops, platform steps and their order follow the catalog', () => {
    assertPlanFollowsCatalog(plan, CLOCK);
    const catalog = loadReleaseCatalog({ clock: fixedClock(CLOCK), cacheDir: false });
    assert.equal(plan.current.version, '2.4.6-p3');
    assert.equal(plan.target.version, catalog.latestPatch('2.4.9', { now: new Date(CLOCK) })!.version);
    assert.ok(plan.hops.length >= 2, 'no direct jump: 2.4.6 and 2.4.9 share no PHP');
    // Elasticsearch → OpenSearch happens, on a release that supports OpenSearch 3, before the hop to 2.4.9.
    const toOpenSearch = plan.hops
      .flatMap((h) => h.platform.map((p) => ({ h, p })))
      .find(({ p }) => p.track === 'search' && p.to.flavour === 'opensearch');
    assert.ok(toOpenSearch, 'search engine switch planned');
    assert.ok(fits(toOpenSearch.p.to.version, listed(catalog.get(plan.target.version)!, 'opensearch')));
    // PHP climbs to what 2.4.9 supports.
    assert.deepEqual(plan.hops.at(-1)!.phpAfter, listed(catalog.get('2.4.9')!, 'php')[0]);
    // The direct jump is offered with its added risk.
    assert.deepEqual(plan.alternative?.hops, ['2.4.6-p3', plan.target.version]);
    assert.ok(plan.alternative!.addedRisk.some((r) => /PHP/.test(r) && /same window/.test(r)));
  });

  it('orders extensions by dependency and flags payment and shipping ones as critical', () => {
    const ext = plan.hops[0]!.extensions;
    // PayPal Braintree comes with Magento's metapackage: Composer updates it, it is no extension step of the client.
    assert.equal(
      ext.some((e) => e.package.startsWith('paypal/')),
      false,
    );
    const northwind = ext.find((e) => e.package === 'northwind/module-payment-gateway')!;
    assert.ok(northwind.critical && northwind.criticalBecause.length > 0);
    assert.ok(ext.find((e) => e.package === 'swiftship/module-shipping-rates')!.critical);
    assert.equal(ext.find((e) => e.package === 'pdfpro/module-pdf-invoice')!.critical, false);
    assert.ok(plan.hops.some((h) => h.extensions.some((e) => e.action === 'must-upgrade')));
    assert.ok(plan.hops[0]!.tests.some((t) => t.name.includes('northwind/module-payment-gateway')));
  });

  it('schedules around the freeze window and finishes before end of support', () => {
    assert.equal(plan.schedule.meetsEndOfSupport, true);
    assert.ok(plan.schedule.freezes.some((f) => f.label === 'summer sale'));
    assert.ok(
      plan.schedule.hops.some((h) => h.goLive > '2026-06-26' && h.ready <= '2026-06-26') ||
        plan.schedule.hops.every((h) => h.goLive < '2026-06-15' || h.goLive > '2026-06-26'),
    );
  });

  it('writes an ICS calendar a parser reads', () => {
    const events = parseIcs(renderPlan(plan, 'ics', fixedClock(CLOCK)));
    for (const h of plan.schedule.hops) {
      const live = events.find((e) => e.summary.startsWith(`Go-live hop ${h.hop}`));
      assert.ok(live, `go-live ${h.hop}`);
      assert.equal(live.start, h.goLive);
    }
    assert.ok(
      events.some((e) => e.summary === 'Freeze: summer sale' && e.start === '2026-06-15' && e.end === '2026-06-27'),
    );
  });

  it('renders text, Markdown, HTML and JSON', () => {
    const md = renderPlan(plan, 'md', fixedClock(CLOCK));
    assert.match(md, /^# Upgrade plan: 2\.4\.6-p3 → /);
    assert.ok(md.includes('composer require magento/product-community-edition='));
    const html = renderPlan(plan, 'html', fixedClock(CLOCK));
    assert.ok(html.startsWith('<!DOCTYPE html>') && !/<script/i.test(html));
    // Offline and script-free: a CSP allows only the page's own inline style, by hash.
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/
      .exec(html)?.[1]
      ?.replaceAll('&#39;', "'");
    assert.ok(csp, 'the plan page has a Content-Security-Policy meta tag');
    const style = /<style>([^<]*)<\/style>/.exec(html)?.[1] ?? '';
    assert.ok(csp.includes("default-src 'none'") && csp.includes("script-src 'none'"), csp);
    assert.ok(csp.includes(`style-src '${cspHash(style)}'`), csp);
    assert.ok(html.includes('&lt;') || html.includes('&gt;') || html.includes('&#39;'));
    const text = renderPlan(plan, 'text', fixedClock(CLOCK));
    assert.match(text, /Hop 1: 2\.4\.6-p3 → /);
    const json = JSON.parse(renderPlan(plan, 'json', fixedClock(CLOCK))) as Plan;
    assert.equal(json.hops.length, plan.hops.length);
  });
});

describe('mageup plan: 2.3.7-p4 → 2.4.8-p3', () => {
  const CLOCK = '2026-01-05';
  let plan: Plan;
  before(async () => {
    plan = await buildPlan({ path: STORE_23, to: '2.4.8-p3', clock: fixedClock(CLOCK), capacity: 60, cacheDir: false });
  });

  it('steps through the 2.4 line by PHP: 7.4 first, 8.x later, each hop on a PHP both sides accept', () => {
    assertPlanFollowsCatalog(plan, CLOCK);
    assert.equal(plan.target.version, '2.4.8-p3');
    assert.equal(plan.hops[0]!.phpDuring, '7.4');
    assert.ok(plan.hops.length >= 3);
    const catalog = loadReleaseCatalog({ clock: fixedClock(CLOCK), cacheDir: false });
    // No hop crosses from a release without PHP 8.x support to one that drops 7.4 while running a PHP neither runs.
    for (const hop of plan.hops) {
      assert.ok(
        !hop.platform.some((p) => p.track === 'php' && p.timing === 'in-window'),
        `hop ${hop.index}: PHP changes outside the window`,
      );
    }
    // Database: MySQL 5.7 (2.3.7-p4) is not supported by 2.4.8-p3: the plan upgrades it.
    const target = catalog.get('2.4.8-p3')!;
    const mysql = plan.hops
      .flatMap((h) => h.platform)
      .filter((p) => p.track === 'database' && p.to.flavour === 'mysql');
    assert.ok(mysql.length > 0 && fits(mysql.at(-1)!.to.version, listed(target, 'mysql')));
  });

  it('warns loudly that the 2.3 line is already out of support', () => {
    assert.equal(plan.schedule.meetsEndOfSupport, false);
    assert.ok(plan.warnings.some((w) => /END OF SUPPORT ALREADY PASSED/.test(w)));
  });
});
