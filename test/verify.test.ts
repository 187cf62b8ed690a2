import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { main } from '../src/cli/main.js';
import { RunStore } from '../src/history/run-store.js';
import { Net, NetRefusal, disallowed, parseRobots } from '../src/verify/net.js';
import { renderVerify, VERIFY_FORMATS } from '../src/verify/render.js';
import { readBaseline, runVerify, writeBaseline } from '../src/verify/run.js';
import { discoverStorefronts } from '../src/verify/discover.js';
import { mannWhitney } from '../src/verify/stats.js';
import { schemaDiff } from '../src/verify/api.js';
import { parseSetCookie } from '../src/verify/security.js';
import { assessBulletins, versionDisclosure } from '../src/verify/bulletins.js';
import { loadReleaseCatalog } from '../src/knowledge/catalog.js';
import { loadPatchLevels } from '../src/knowledge/patch-levels.js';
import type { VerifyRun } from '../src/verify/types.js';
import { PLANTED, startStorefront, type Storefront } from './fixtures/storefront/server.js';

const PROJECT = fileURLToPath(new URL('./fixtures/verify-project', import.meta.url));
/**
 * The history goes to the real PostgreSQL server in a schema of its own (opening an embedded PGlite store takes
 * 10–30 s on a loaded machine; the embedded store has its own tests in test/history.test.ts).
 */
const PG_URL = process.env.MAGEUP_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const historySchema = `mageup_verify_${process.pid}_${Date.now()}`;
const historyUrl = `${PG_URL}?schema=${historySchema}`;
const work = mkdtempSync(join(tmpdir(), 'mageup-verify-'));

/** Fast settings: enough samples for the Mann-Whitney test to reach p < 0.05 (5 vs 5 → p ≥ 0.008). */
const FAST = { samples: 5, browserSamples: 2, durationS: 1, concurrency: 2, timeoutMs: 15_000 } as const;

const rules = (run: VerifyRun): string[] => run.findings.map((f) => `${f.ruleId} ${f.message}`);
const has = (run: VerifyRun, rule: string, text: string | RegExp): boolean =>
  run.findings.some(
    (f) => f.ruleId === rule && (typeof text === 'string' ? f.message.includes(text) : text.test(f.message)),
  );

/** Runs the CLI in-process. Only stderr is captured: stdout belongs to the test reporter (reports go to --output). */
async function cli(args: string[]): Promise<{ code: number; stderr: string }> {
  const err: string[] = [];
  const writeErr = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((s: string) => (err.push(String(s)), true)) as typeof process.stderr.write;
  try {
    const code = await main(args);
    return { code, stderr: err.join('') };
  } finally {
    process.stderr.write = writeErr;
  }
}

describe('mageup verify against the fixture storefront, before and after planted regressions', () => {
  let store: Storefront;
  let beforeRun: VerifyRun;
  let afterRun: VerifyRun;
  const baselineFile = join(work, 'before.json');

  before(async () => {
    store = await startStorefront();
  });
  after(async () => {
    await store.close();
    const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${historySchema}" CASCADE`);
    } finally {
      await client.end().catch(() => undefined);
    }
  });

  it('probes every store view of the project: smoke, security, API, performance, screenshots', async () => {
    beforeRun = await runVerify({
      baseUrl: store.url,
      projectDir: PROJECT,
      artifactsDir: join(work, 'before.files'),
      ...FAST,
    });
    writeBaseline(baselineFile, beforeRun);
    assert.deepEqual(
      beforeRun.stores.map((s) => [s.code, s.source]),
      [
        ['default', 'project'],
        ['fr', 'project'],
      ],
    );
    const kinds = beforeRun.stores[0]!.pages.map((p) => p.kind);
    for (const k of [
      'home',
      'category',
      'product',
      'product-configurable',
      'cms',
      'search',
      'cart',
      'login',
      'register',
      'admin',
      'not-found',
      'robots',
      'sitemap',
    ])
      assert.ok(kinds.includes(k as never), `page ${k} discovered: ${kinds.join(', ')}`);
    assert.ok(
      beforeRun.stores[1]!.pages.every(
        (p) => p.kind === 'admin' || p.kind === 'robots' || p.kind === 'sitemap' || p.url.includes('___store=fr'),
      ),
    );
    const page = (store: string, kind: string) => beforeRun.pages.find((p) => p.store === store && p.kind === kind)!;
    assert.equal(page('default', 'category').http?.status, 200);
    assert.equal(page('default', 'not-found').http?.status, 404);
    assert.equal(page('default', 'checkout').http?.redirects.length, 1, 'empty cart: checkout redirects to the cart');
    assert.deepEqual(page('default', 'home').browser?.pageErrors, []);
    assert.ok(existsSync(join(work, 'before.files', page('fr', 'home').browser!.screenshot!)), 'screenshot written');
    // Nothing planted yet: only what the fixture really has (admin at /admin, a public version, the product page's
    // gallery race that the real 2.4.7-p7 store showed).
    assert.deepEqual(
      [...new Set(beforeRun.findings.map((f) => f.ruleId))].sort(),
      [
        'verify/admin-path',
        'verify/exploited-bulletin',
        'verify/js-error',
        'verify/security-header',
        'verify/version-disclosure',
      ],
      rules(beforeRun).join('\n'),
    );
    // `Magento/2.4` names the line only: exploited bulletins are "could not verify" (info), never a guess.
    const unverified = beforeRun.findings.filter((f) => f.ruleId === 'verify/exploited-bulletin');
    assert.deepEqual(
      unverified.map((f) => f.severity),
      ['info'],
    );
    assert.match(
      unverified[0]!.message,
      /could not verify .* APSB24-40 CosmicSting \(CVE-2024-34102\).*names the line only/,
    );
    assert.deepEqual(beforeRun.security[0]!.disclosure, {
      version: '2.4',
      exact: false,
      edition: 'Community',
      source: '/magento_version',
    });
    assert.ok(has(beforeRun, 'verify/security-header', 'report-only'));
    const g = beforeRun.api!.graphql;
    assert.equal(g.introspection, 'ok');
    assert.ok(g.fields.includes('ProductInterface.price_range: PriceRange!'));
    assert.deepEqual(
      beforeRun.api!.rest.find((r) => r.path === '/V1/acme/ping'),
      {
        method: 'GET',
        path: '/V1/acme/ping',
        source: 'Acme_Ping (app/code/Acme/Ping/etc/webapi.xml:3)',
        status: 200,
        anonymous: 'answered',
      },
    );
    assert.ok(!beforeRun.api!.rest.some((r) => r.path.includes(':id')), 'routes with parameters are not guessed');
    const sec = beforeRun.security[0]!;
    assert.equal(sec.headers['x-frame-options'], 'SAMEORIGIN');
    assert.deepEqual(
      sec.cookies.find((c) => c.name === 'PHPSESSID'),
      { name: 'PHPSESSID', secure: false, httpOnly: true, sameSite: 'lax' },
    );
    assert.ok(sec.checks.filter((c) => c.id.startsWith('anonymous:')).every((c) => c.verdict === 'ok'));
    const perf = beforeRun.perf!;
    const home = perf.series.find((s) => s.store === 'default' && s.kind === 'home')!;
    assert.equal(home.ttfbMs.length, FAST.samples);
    assert.equal(home.domContentLoadedMs.length, FAST.browserSamples);
    assert.ok(home.lcpMs.length > 0, 'LCP observed');
    assert.match(home.cache ?? '', /X-Magento-Cache-Debug: HIT/);
    assert.ok(perf.load && perf.load.requests > 0 && perf.load.errors === 0, JSON.stringify(perf.load));
    // Pages are asked for as browsers ask (Accept with */*): Magento's cart fails on a bare text/html.
    const cart = perf.series.find((s) => s.store === 'default' && s.kind === 'cart')!;
    assert.deepEqual(cart.failed, []);
    assert.equal(cart.ttfbMs.length, FAST.samples);
    assert.ok(beforeRun.budget.requests < 600, `bounded: ${beforeRun.budget.requests} requests`);
    // Only the planted paths were asked for: never the checkout's place-order endpoint, never a write.
    assert.equal(store.orders, 0);
    assert.equal(store.customers.size, 0);
  });

  it('names every planted regression against the baseline, and nothing else as new', async () => {
    store.variant = 'after';
    afterRun = await runVerify({
      baseUrl: store.url,
      projectDir: PROJECT,
      baseline: baselineFile,
      stores: ['default'],
      artifactsDir: join(work, 'after.files'),
      ...FAST,
      // Browser samples were asserted on the baseline run; the planted slowdown is judged on the TTFB samples.
      browserSamples: 0,
    });
    const msg = rules(afterRun).join('\n');
    assert.ok(has(afterRun, 'verify/page-status', /category page .*HTTP 500/), msg);
    assert.equal(
      afterRun.findings.find((f) => f.ruleId === 'verify/page-status' && /category/.test(f.message))?.severity,
      'critical',
    );
    assert.ok(has(afterRun, 'verify/js-error', /product page .*priceBox is undefined/), msg);
    // The product page threw another exception in the baseline too: the new one is still a regression.
    const jsError = (text: RegExp) =>
      afterRun.findings.find((f) => f.ruleId === 'verify/js-error' && text.test(f.message));
    const isNew = (f: { fingerprint: string } | undefined) =>
      f !== undefined && afterRun.comparison!.regressionFingerprints.includes(f.fingerprint);
    assert.ok(jsError(/product page .*fotorama/) && !isNew(jsError(/fotorama/)), 'the baseline exception is unchanged');
    assert.ok(isNew(jsError(/priceBox/)), 'the new exception is a regression');
    assert.ok(has(afterRun, 'verify/perf-regression', /search page TTFB .*Mann-Whitney/), msg);
    assert.ok(has(afterRun, 'verify/graphql-removed', PLANTED.removedGraphqlField), msg);
    assert.ok(has(afterRun, 'verify/security-header', 'no X-Frame-Options'), msg);
    assert.ok(has(afterRun, 'verify/exposed-file', '.git/HEAD'), msg);
    assert.equal(afterRun.findings.find((f) => f.ruleId === 'verify/exposed-file')?.severity, 'critical');
    assert.ok(
      has(afterRun, 'verify/rest-changed', /\/rest\/V1\/acme\/ping answered HTTP 200 before, HTTP 404 now/),
      msg,
    );
    assert.ok(has(afterRun, 'verify/fpc-regression', 'cms page'), msg);
    // A served composer.lock tells the exact release: CosmicSting and the later exploited bulletins it lacks.
    assert.ok(has(afterRun, 'verify/exposed-file', 'composer.lock is served'), msg);
    const exploited = afterRun.findings.filter(
      (f) => f.ruleId === 'verify/exploited-bulletin' && f.severity === 'critical',
    );
    assert.ok(
      exploited.some((f) =>
        /^Exploited in the wild: APSB24-40 CosmicSting \(CVE-2024-34102\): Magento 2\.4\.6-p3 \(read from \/composer\.lock: magento\/product-community-edition\) lacks the fix \(fixed in 2\.4\.6-p6\)/.test(
          f.message,
        ),
      ),
      msg,
    );
    assert.ok(
      exploited.some((f) => /APSB25-88 SessionReaper/.test(f.message)),
      msg,
    );
    assert.ok(
      !afterRun.findings.some(
        (f) => f.ruleId === 'verify/exploited-bulletin' && f.severity === 'info' && /APSB24-40/.test(f.message),
      ),
      msg,
    );
    assert.ok(has(afterRun, 'verify/visual-change', 'home page'), msg);
    // Pages that did not change are not reported as slower (the test is statistical, not one number).
    assert.ok(
      !afterRun.findings.some((f) => f.ruleId === 'verify/perf-regression' && /home|cart/.test(f.message)),
      msg,
    );
    const c = afterRun.comparison!;
    // The baseline findings are unchanged, not new; its "could not verify" of exploited bulletins is gone (the
    // served composer.lock now tells the release).
    assert.equal(c.unchanged, beforeRun.findings.length - 1, 'the baseline findings are unchanged, not new');
    assert.equal(c.fixed, 1);
    assert.ok(c.regressions >= 10, `${c.regressions} regressions`);
    const diff = afterRun.visual.find((v) => v.store === 'default' && v.kind === 'home')!;
    assert.ok(diff.diffRatio > 0.01 && existsSync(join(work, 'after.files', diff.diff!)));
    const same = afterRun.visual.find((v) => v.store === 'default' && v.kind === 'contact');
    assert.ok(same && same.diffRatio < 0.01, `an unchanged page is not a visual change (${same?.diffRatio})`);
    assert.equal(afterRun.findings.filter((f) => f.ruleId === 'verify/visual-change').length, 1, msg);
  });

  it('renders every format; the HTML report embeds screenshots and diff images and loads nothing', () => {
    for (const format of VERIFY_FORMATS) {
      const text = renderVerify(afterRun, format);
      assert.ok(text.length > 100, format);
      if (format === 'json') assert.equal((JSON.parse(text) as VerifyRun).findings.length, afterRun.findings.length);
      if (format === 'sarif') {
        const sarif = JSON.parse(text) as {
          runs: {
            tool: { driver: { rules: { id: string; shortDescription: { text: string } }[] } };
            results: unknown[];
          }[];
        };
        assert.equal(sarif.runs[0]!.results.length, afterRun.findings.length);
        assert.ok(
          sarif.runs[0]!.tool.driver.rules.every((r) => r.shortDescription.text !== r.id),
          'rule descriptions',
        );
      }
      if (format === 'html') {
        assert.match(text, /Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-/);
        assert.ok((text.match(/src="data:image\/png;base64,/g) ?? []).length >= 3, 'before/after/diff images');
        assert.match(text, /Visual diff/);
        assert.ok(!/<script/i.test(text));
      }
      if (format === 'text') assert.match(text, /regression\(s\)/);
    }
  });

  it('the CLI exits 1 on regressions against the baseline, saves baselines, records history', async () => {
    const out = join(work, 'cli-report.json');
    const r = await cli([
      'verify',
      store.url,
      '--baseline',
      baselineFile,
      '--probes',
      'security',
      '--stores',
      'default',
      '--format',
      'json',
      '--output',
      out,
      '--quiet',
      '--store',
      historyUrl,
      '--artifacts',
      join(work, 'cli.files'),
    ]);
    assert.equal(r.code, 1, r.stderr);
    const run = JSON.parse(readFileSync(out, 'utf8')) as VerifyRun;
    assert.deepEqual(
      run.stores.map((s) => s.code),
      ['default'],
    );
    assert.ok(run.comparison!.regressions > 0);
    const history = await RunStore.open(historyUrl);
    try {
      const runs = await history.list({ limit: 5 });
      assert.equal(runs[0]?.command, 'verify');
      assert.equal(runs[0]?.findings, run.findings.length);
    } finally {
      await history.close();
    }
  });

  it('refuses bad input with a clear message: writes on a URL not marked staging, unknown store or probe, bad baseline', async () => {
    const writes = await cli([
      'verify',
      store.url,
      '--allow-writes',
      '--quiet',
      '--no-history',
      '--output',
      join(work, 'x.txt'),
    ]);
    assert.equal(writes.code, 2);
    assert.match(writes.stderr, /--allow-writes refused: .* is not marked staging/);
    const stores = await cli([
      'verify',
      store.url,
      '--stores',
      'nope',
      '--probes',
      'security',
      '--quiet',
      '--no-history',
    ]);
    assert.equal(stores.code, 2);
    assert.match(stores.stderr, /unknown store view nope \(known: default, fr\)/);
    const probe = await cli(['verify', store.url, '--probes', 'smoke,fuzz', '--quiet', '--no-history']);
    assert.equal(probe.code, 2);
    assert.match(probe.stderr, /unknown probe "fuzz"/);
    writeFileSync(join(work, 'bad.json'), '{"hello":1}');
    const bad = await cli(['verify', store.url, '--baseline', join(work, 'bad.json'), '--quiet', '--no-history']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /not a verify run saved with --save-baseline/);
    assert.throws(() => readBaseline(join(work, 'missing.json')), /cannot be read/);
    const url = await cli(['verify', 'not a url', '--quiet', '--no-history']);
    assert.equal(url.code, 2);
  });
});

describe('mageup verify flows (writes: staging only)', () => {
  let store: Storefront;
  let dir: string;
  before(async () => {
    store = await startStorefront();
    dir = mkdtempSync(join(tmpdir(), 'mageup-verify-flows-'));
    writeFileSync(join(dir, 'mageup.config.yaml'), `verify:\n  staging: ["${store.url}"]\n`);
  });
  after(async () => {
    await store.close();
  });

  it('adds to cart, opens the mini-cart, reaches the payment step, registers and logs in; no order without --place-order', async () => {
    const run = await runVerify({
      baseUrl: store.url,
      configFile: join(dir, 'mageup.config.yaml'),
      probes: ['flows'],
      allowWrites: true,
      stores: ['default'],
      artifactsDir: join(dir, 'files'),
    });
    const checkout = run.flows.find((f) => f.name === 'checkout')!;
    assert.ok(checkout.ok, JSON.stringify(checkout));
    assert.deepEqual(
      checkout.steps.map((s) => s.name),
      [
        'open product',
        'add to cart',
        'mini-cart',
        'checkout: shipping address',
        'checkout: shipping method',
        'checkout: payment step',
      ],
    );
    const account = run.flows.find((f) => f.name === 'register-login')!;
    assert.ok(account.ok, JSON.stringify(account));
    assert.equal(store.orders, 0);
    assert.equal(store.customers.size, 1);
    assert.match([...store.customers.keys()][0]!, /^mageup-verify\+\d+@example\.com$/);
  });

  it('places the test order only with --place-order', async () => {
    const run = await runVerify({
      baseUrl: store.url,
      configFile: join(dir, 'mageup.config.yaml'),
      probes: ['flows'],
      allowWrites: true,
      placeOrder: true,
      flows: ['checkout'],
      stores: ['default'],
      artifactsDir: join(dir, 'files2'),
    });
    const checkout = run.flows.find((f) => f.name === 'checkout')!;
    assert.ok(checkout.ok, JSON.stringify(checkout));
    assert.equal(checkout.steps.at(-1)!.name, 'place order');
    assert.equal(store.orders, 1);
  });

  it('a failing step is a finding naming the step', async () => {
    store.breakCart = true;
    try {
      const run = await runVerify({
        baseUrl: store.url,
        configFile: join(dir, 'mageup.config.yaml'),
        probes: ['flows'],
        allowWrites: true,
        flows: ['checkout'],
        stores: ['default'],
        artifactsDir: join(dir, 'files3'),
        timeoutMs: 4000,
      });
      const checkout = run.flows.find((f) => f.name === 'checkout')!;
      assert.equal(checkout.ok, false);
      assert.equal(checkout.steps.at(-1)!.name, 'add to cart');
      const finding = run.findings.find((f) => f.ruleId === 'verify/flow-failed')!;
      assert.match(finding.message, /checkout flow stopped at "add to cart"/);
      assert.equal(finding.severity, 'critical');
      assert.ok(existsSync(join(dir, 'files3', 'flows', 'default-checkout.png')), 'screenshot of the failed step');
    } finally {
      store.breakCart = false;
    }
  });
});

describe('verify: discovery, network bounds and statistics', () => {
  it('discovers store views from the storefront switcher when there is no project', async () => {
    const store = await startStorefront();
    const net = new Net({
      allowedHosts: [new URL(store.url).host],
      maxRequests: 100,
      timeoutMs: 5000,
      remoteIntervalMs: 0,
      robots: true,
    });
    try {
      const stores = await discoverStorefronts(net, { baseUrl: store.url });
      assert.deepEqual(
        stores.map((s) => [s.code, s.source]),
        [
          ['default', 'given'],
          ['fr', 'switcher'],
        ],
      );
      assert.match(stores[1]!.baseUrl, /\?___store=fr$/);
      await assert.rejects(net.fetch('http://example.com/'), NetRefusal);
    } finally {
      await net.close();
      await store.close();
    }
  });

  it('stops at the request budget', async () => {
    const store = await startStorefront();
    const net = new Net({
      allowedHosts: [new URL(store.url).host],
      maxRequests: 2,
      timeoutMs: 5000,
      remoteIntervalMs: 0,
      robots: false,
    });
    try {
      await net.fetch(store.url);
      await net.fetch(store.url);
      await assert.rejects(net.fetch(store.url), /request budget of 2 spent/);
    } finally {
      await net.close();
      await store.close();
    }
  });

  it('honours robots.txt (longest match, Allow on ties, Crawl-delay)', () => {
    const robots = parseRobots(
      'User-agent: *\nDisallow: /checkout/\nAllow: /checkout/cart/\nCrawl-delay: 2\n\nUser-agent: Googlebot\nDisallow: /',
    );
    assert.equal(disallowed(robots, '/checkout/onepage/'), true);
    assert.equal(disallowed(robots, '/checkout/cart/'), false);
    assert.equal(disallowed(robots, '/'), false);
    assert.equal(robots.crawlDelayMs, 2000);
    assert.equal(disallowed(parseRobots('User-agent: *\nDisallow: /*?q=\n'), '/catalogsearch/result/?q=x'), true);
  });

  it('Mann-Whitney U: exact p-values for small samples, tie-corrected approximation otherwise', () => {
    assert.equal(mannWhitney([1, 2, 3], [4, 5, 6])!.p, 0.1);
    assert.ok(Math.abs(mannWhitney([1, 2, 3, 4, 5], [6, 7, 8, 9, 10])!.p - 2 / 252) < 1e-12);
    assert.ok(Math.abs(mannWhitney([1, 5, 2, 6], [3, 4, 7, 8])!.p - 24 / 70) < 1e-12);
    const ties = mannWhitney([1, 1, 2, 2, 3, 3], [1, 2, 3, 3, 4, 4])!;
    assert.equal(ties.exact, false);
    assert.ok(ties.p > 0.05);
  });

  it('a store that discloses the 2.3 line is exposed to CosmicSting (no 2.3 release has the fix); one that hides its version cannot be verified', async () => {
    const store = await startStorefront();
    const dir = mkdtempSync(join(tmpdir(), 'mageup-verify-sec-'));
    try {
      store.magentoVersion = 'Magento/2.3 (Community)';
      const old = await runVerify({ baseUrl: store.url, probes: ['security'], stores: ['default'], artifactsDir: dir });
      const cosmic = old.findings.find((f) => f.ruleId === 'verify/exploited-bulletin' && /APSB24-40/.test(f.message));
      assert.equal(cosmic?.severity, 'critical', rules(old).join('\n'));
      assert.match(cosmic!.message, /"Magento\/2\.3" \(read from \/magento_version\): no 2\.3 release has the fix/);
      store.magentoVersion = null;
      const hidden = await runVerify({
        baseUrl: store.url,
        probes: ['security'],
        stores: ['default'],
        artifactsDir: dir,
      });
      const found = hidden.findings.filter((f) => f.ruleId === 'verify/exploited-bulletin');
      assert.deepEqual(
        found.map((f) => f.severity),
        ['info'],
      );
      assert.match(found[0]!.message, /could not verify .*: the store discloses no version/);
      assert.ok(!hidden.findings.some((f) => f.ruleId === 'verify/version-disclosure'));
    } finally {
      await store.close();
    }
  });

  it('exploited bulletins: judged from the version a store discloses, "could not verify" when it cannot tell', () => {
    const knowledge = { catalog: loadReleaseCatalog({ cacheDir: false }), patchLevels: loadPatchLevels() };
    const verdicts = (d: ReturnType<typeof versionDisclosure>) =>
      Object.fromEntries(assessBulletins(d, knowledge).map((b) => [b.bulletin, b.verdict]));
    // Every 2.3 release lacks CosmicSting's fix (the line got none); some 2.3 releases have TrojanOrder's.
    const v23 = verdicts(versionDisclosure({ magentoVersion: 'Magento/2.3 (Community)' }));
    assert.equal(v23['APSB24-40'], 'exposed');
    assert.equal(v23['APSB22-12'], 'unknown');
    // An exact release that can carry the July-2026-style patch files: the version cannot show them.
    const lock = versionDisclosure({
      composerLock: '{"packages": [{"name": "magento/product-community-edition",\n "version": "2.4.9"}]}',
    });
    assert.deepEqual(lock, {
      version: '2.4.9',
      exact: true,
      edition: 'Community',
      source: '/composer.lock: magento/product-community-edition',
    });
    const v249 = verdicts(lock);
    assert.equal(v249['APSB24-40'], 'fixed');
    assert.equal(v249['APSB26-146'], 'unknown', 'the StyleSmuggler hotfix is a patch file');
    // Below the -pN the patch files need: they cannot be applied, so the store lacks them.
    assert.equal(
      verdicts(versionDisclosure({ composerJson: '{"require": {"magento/product-community-edition": "2.4.8-p1"}}' }))[
        'APSB26-146'
      ],
      'exposed',
    );
    assert.deepEqual(
      versionDisclosure({
        setup: '<div class="text-center">\n    <h1>Magento</h1>\n    <br/>\n    <p>Version 2.3.5-p1</p>',
        magentoVersion: 'Magento/2.3 (Community)',
      }),
      { version: '2.3.5-p1', exact: true, edition: null, source: '/setup/ (the web setup tool)' },
    );
    // A constraint is not a version; no answer at all is not a version either.
    assert.equal(
      versionDisclosure({ composerJson: '{"require": {"magento/product-community-edition": "^2.4"}}' }),
      null,
    );
    assert.ok(Object.values(verdicts(null)).every((v) => v === 'unknown'));
  });

  it('GraphQL schema diff and cookie parsing', () => {
    const d = schemaDiff(
      ['A.x: Int', 'A.y(a: Int): String', 'B: OBJECT'],
      ['A.x: Int!', 'A.y(a: Int): String', 'C: OBJECT'],
    );
    assert.deepEqual(d.removed, ['B: OBJECT']);
    assert.deepEqual(d.changed, [{ before: 'A.x: Int', after: 'A.x: Int!' }]);
    assert.deepEqual(parseSetCookie('PHPSESSID=abc; path=/; Secure; HttpOnly; SameSite=Lax'), {
      name: 'PHPSESSID',
      secure: true,
      httpOnly: true,
      sameSite: 'lax',
    });
  });
});
