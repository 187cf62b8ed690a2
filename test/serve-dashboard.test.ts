import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { PNG } from 'pngjs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { runCheck } from '../src/check/index.js';
import type { CheckResult } from '../src/check/types.js';
import { isBlocker } from '../src/core/blocker.js';
import { unverifiedBulletins } from '../src/fleet/exploited.js';
import { addProject } from '../src/fleet/registry.js';
import { migrateFleet } from '../src/fleet/schema.js';
import { recordScan } from '../src/fleet/status.js';
import { RunStore, runOfCheck } from '../src/history/index.js';
import { projectDataDir } from '../src/knowledge/cache-dir.js';
import { fixedClock } from '../src/knowledge/clock.js';
import { loadPatchLevels } from '../src/knowledge/patch-levels.js';
import { hashPassword, readCredentials, ServeError } from '../src/serve/auth.js';
import { startServer, type RunningServer } from '../src/serve/server.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../src/verify/browser.js';
import { hostileCheckResult } from './fixtures/reports/hostile-check-result.js';

const SAMPLE_STORE = fileURLToPath(new URL('../examples/sample-store', import.meta.url));
const PG_ADMIN = process.env.MAGEUP_TEST_PG_ADMIN ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** Screenshots stay here for a person to look at (the path is printed). */
const outDir = process.env.MAGEUP_TEST_OUTPUT ?? mkdtempSync(join(tmpdir(), 'mageup-serve-'));
mkdirSync(outDir, { recursive: true });

/**
 * Four stores of one agency, recorded as `check` records them: "alpha" is the real sample store (2.4.6-p3, blocked,
 * CosmicSting open) checked twice, "beta" the same store with its blockers resolved (can move now), "gamma" a result
 * whose names carry HTML and script, "zeta" the sample store checked against 2.4.10-alpha1 (bulletins not verified). Project roots are absolute paths the page must never show.
 */
async function fixtures(): Promise<{ project: string; result: CheckResult; at: string }[]> {
  const sample = await runCheck({
    path: SAMPLE_STORE,
    to: '2.4.8',
    clock: fixedClock('2026-11-23'),
    workers: 1,
    cacheDir: false,
  });
  const earlier = {
    ...sample,
    findings: [
      ...sample.findings,
      ...sample.findings.slice(0, 5).map((f) => ({ ...f, fingerprint: `${f.fingerprint}-old` })),
    ],
  };
  earlier.summary = { ...sample.summary, findings: sample.summary.findings + 5 };
  // Its blockers resolved: the summary counts what is left (each finding once across targets).
  const resolved = (r: CheckResult): CheckResult => {
    const findings = r.findings.filter((f) => !isBlocker(f));
    const distinct = new Map(findings.map((f) => [f.fingerprint, f]));
    const bySeverity = { critical: 0, error: 0, warning: 0, info: 0 };
    for (const f of distinct.values()) bySeverity[f.severity]++;
    return {
      ...r,
      findings,
      targets: r.targets.map((t) => ({ ...t, findings: t.findings.filter((f) => !isBlocker(f)) })),
      summary: { ...r.summary, findings: distinct.size, bySeverity },
    };
  };
  // The same store checked against a release whose line the patch-level data has no record of: its isolated-patch
  // bulletins are "could not verify", by the check's own findings.
  const towardAlpha = await runCheck({
    path: SAMPLE_STORE,
    to: '2.4.10-alpha1',
    clock: fixedClock('2026-11-23'),
    workers: 1,
    cacheDir: false,
  });
  return [
    { project: '/srv/agency/alpha', result: earlier, at: '2026-11-01T09:00:00Z' },
    { project: '/srv/agency/alpha', result: sample, at: '2026-11-20T09:00:00Z' },
    { project: '/srv/agency/beta', result: resolved(sample), at: '2026-11-21T09:00:00Z' },
    { project: '/srv/agency/gamma', result: hostileCheckResult(), at: '2026-11-22T09:00:00Z' },
    { project: '/srv/agency/zeta', result: towardAlpha, at: '2026-11-22T10:00:00Z' },
  ];
}

async function recordAll(store: RunStore, list: Awaited<ReturnType<typeof fixtures>>): Promise<void> {
  for (const f of list) {
    const result = { ...f.result, project: { ...f.result.project, root: f.project } };
    await store.record(runOfCheck(result, { recordedAt: new Date(f.at) }));
  }
}

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', fail);
    req.end();
  });
}

function assertScreenshot(file: string): void {
  assert.ok(existsSync(file) && statSync(file).size > 10_000, `${file} missing or empty`);
  const png = PNG.sync.read(readFileSync(file));
  assert.ok(png.width >= 1200 && png.height >= 600, `${file}: ${png.width}×${png.height}`);
}

describe('mageup serve: the dashboard in Chromium', () => {
  let browser: Browser;
  let list: Awaited<ReturnType<typeof fixtures>>;
  let dataDir: string;
  let db: { url: string; name: string } | undefined;
  const servers: RunningServer[] = [];

  before(async () => {
    assert.ok(existsSync(CHROMIUM_PATH), `${CHROMIUM_PATH} missing: scripts/ensure-env.sh installs Debian's chromium`);
    list = await fixtures();
    dataDir = mkdtempSync(join(tmpdir(), 'mageup-serve-data-'));
    // The default: one embedded PGlite store per project in the user data directory.
    const env = { MAGEUP_DATA_DIR: dataDir };
    for (const project of new Set(list.map((f) => f.project))) {
      const dir = join(projectDataDir(project, env), 'history');
      const store = await RunStore.open(dir);
      await recordAll(
        store,
        list.filter((f) => f.project === project),
      );
      await store.close();
    }
    // The team store: a real PostgreSQL server, a database of its own for this run.
    const name = `mageup_serve_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: PG_ADMIN });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(PG_ADMIN);
    url.pathname = `/${name}`;
    db = { url: url.href, name };
    const store = await RunStore.open(db.url);
    await recordAll(store, list);
    await store.close();
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
    process.stderr.write(`serve screenshots: ${outDir}\n`);
  });

  after(async () => {
    for (const s of servers) await s.close();
    await browser?.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (db) {
      const admin = new pg.Client({ connectionString: PG_ADMIN });
      await admin.connect();
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [db.name],
      );
      await admin.query(`DROP DATABASE IF EXISTS "${db.name}"`);
      await admin.end();
    }
  });

  async function open(server: RunningServer, opts: { auth?: { username: string; password: string } } = {}) {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      ...(opts.auth ? { httpCredentials: opts.auth } : {}),
    });
    const page = await context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    return { page, requests, errors, context };
  }

  /** A store's row by its exact name (a target such as 2.4.10-alpha1 in another row must not match "alpha"). */
  const storeRow = (page: Page, name: string) =>
    page.locator('tr.store').filter({ has: page.getByRole('button', { name, exact: true }) });

  const visible = (page: Page): Promise<string[]> =>
    page.$$eval('tr.store:not([hidden]) td.name button', (els) => els.map((e) => e.textContent ?? ''));

  it('PostgreSQL store: every store with its facts; filters, sorting and drill-down work; nothing leaves the machine', async () => {
    const server = await startServer({ store: db!.url, port: 0 });
    servers.push(server);
    const { page, requests, errors } = await open(server);
    await page.goto(server.url);
    await page.waitForSelector('html[data-ready="1"]');
    assert.deepEqual(await visible(page), ['alpha', 'beta', 'gamma', 'zeta']);
    const alpha = storeRow(page, 'alpha');
    assert.match(await alpha.innerText(), /Open Source/);
    assert.match(await alpha.innerText(), /2\.4\.6-p3/);
    assert.match(await alpha.innerText(), /CosmicSting/);
    assert.match(await alpha.innerText(), /blocked for 2\.4\.8/);
    assert.match(await alpha.locator('td').nth(9).innerText(), /−5/, 'trend: 5 findings fewer than the first run');
    assert.match(await storeRow(page, 'beta').innerText(), /can move to 2\.4\.8 now/);
    assert.equal(await page.locator('#card-can-move .v').innerText(), '1');
    await page.screenshot({ path: join(outDir, 'dashboard.png'), fullPage: true });
    assertScreenshot(join(outDir, 'dashboard.png'));

    // Filters: status, then text; the URL keeps them.
    await page.selectOption('#f-status', 'can-move');
    assert.deepEqual(await visible(page), ['beta']);
    assert.match(page.url(), /status=can-move/);
    await page.selectOption('#f-status', '');
    await page.fill('#f-text', 'cosmicsting');
    assert.deepEqual(await visible(page), ['alpha', 'beta', 'zeta']);
    await page.selectOption('#f-status', 'blocked');
    assert.deepEqual(await visible(page), ['alpha', 'zeta']);
    assert.equal(await page.locator('#shown').innerText(), '2 of 4 stores shown');
    await page.screenshot({ path: join(outDir, 'filtered.png'), fullPage: true });
    assertScreenshot(join(outDir, 'filtered.png'));
    await page.fill('#f-text', '');
    await page.selectOption('#f-status', '');

    // Bulletins check could not verify: apart from the open ones, counted from the check's own findings.
    const zeta = storeRow(page, 'zeta');
    const zetaResult = list.find((f) => f.project === '/srv/agency/zeta')!.result;
    const gaps = unverifiedBulletins(zetaResult.findings, loadPatchLevels());
    assert.deepEqual(
      gaps.map((g) => g.bulletin),
      ['APSB26-73', 'APSB26-92', 'APSB26-146', 'APSB26-138', '2026-oct'],
    );
    assert.equal(
      gaps.length,
      zetaResult.findings
        .filter((f) => f.messageId === 'patchesNotVerified')
        .reduce((n, f) => n + (f.data!.bulletins as unknown[]).length, 0),
    );
    const cells = async (name: string): Promise<string[]> => storeRow(page, name).locator('td').allInnerTexts();
    assert.match((await cells('zeta'))[6]!, /^5 against 2\.4\.10-alpha1$/);
    assert.match((await cells('zeta'))[5]!, /CosmicSting/, 'still open, and counted apart');
    assert.equal((await cells('alpha'))[6], 'none');
    assert.equal(await page.locator('#card-not-verified .v').innerText(), '1');
    await page.selectOption('#f-status', 'bulletins-unverified');
    assert.deepEqual(await visible(page), ['zeta']);
    await zeta.locator('td.name button').click();
    const zetaDetail = page.locator('tr.detail:not([hidden])');
    assert.match(
      await zetaDetail.innerText(),
      /Bulletins not verified\s+APSB26-73, APSB26-92, APSB26-146, APSB26-138, 2026-oct against 2\.4\.10-alpha1: the patch-level data \(as of \d{4}-\d\d-\d\d\) has no record of the 2\.4\.10 line/,
    );
    await page.screenshot({ path: join(outDir, 'not-verified.png'), fullPage: true });
    assertScreenshot(join(outDir, 'not-verified.png'));
    await zeta.locator('td.name button').click();
    await page.selectOption('#f-status', '');

    // Sorting: by findings (worst first on the second click), by name back.
    const findingsHeader = page.locator('#stores > thead th', { hasText: 'Findings' });
    await findingsHeader.click();
    const ascending = await visible(page);
    await findingsHeader.click();
    assert.deepEqual(await visible(page), [...ascending].reverse());
    assert.equal(await findingsHeader.getAttribute('aria-sort'), 'descending');
    await page.screenshot({ path: join(outDir, 'sorted.png'), fullPage: true });
    assertScreenshot(join(outDir, 'sorted.png'));
    await page.locator('#stores > thead th', { hasText: 'Store' }).click();
    assert.deepEqual(await visible(page), ['alpha', 'beta', 'gamma', 'zeta']);

    // Drill-down: the store's runs, then its HTML report (the CLI's renderer).
    await alpha.locator('td.name button').click();
    const detail = page.locator('tr.detail:not([hidden])');
    assert.match(await detail.innerText(), /APSB24-40/);
    assert.equal(await detail.locator('a.report').count(), 2);
    await detail.locator('a.report').first().click();
    await page.waitForSelector('#summary');
    assert.match(await page.title(), /Upgrade check: alpha 2\.4\.6-p3 → 2\.4\.8/);
    assert.ok((await page.locator('#findings tbody tr').count()) > 10);
    await page.screenshot({ path: join(outDir, 'report.png') });
    assertScreenshot(join(outDir, 'report.png'));

    assert.deepEqual(errors, []);
    const origin = new URL(server.url).origin;
    assert.deepEqual(
      requests.filter((u) => !u.startsWith(origin)),
      [],
      'the dashboard and the report load nothing from elsewhere',
    );
    assert.equal(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned), undefined);
  });

  it('hostile names are text, and no absolute path or store URL reaches the page', async () => {
    const server = await startServer({ store: db!.url, port: 0 });
    servers.push(server);
    const { page } = await open(server);
    await page.goto(server.url);
    await page.waitForSelector('html[data-ready="1"]');
    await storeRow(page, 'gamma').locator('td.name button').click();
    assert.match(await page.locator('tr.detail:not([hidden])').innerText(), /<script>window\.__pwned=1<\/script>/);
    assert.equal(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned), undefined);
    const html = (await get(server.url)).body;
    assert.doesNotMatch(html, /\/srv\/agency/);
    assert.ok(!html.includes(db!.name), 'the database name is not shown');
    const report = await get(`${server.url}runs/store/4`);
    assert.equal(report.status, 200);
    assert.doesNotMatch(report.body, /\/srv\/agency/);
  });

  it('embedded default: every project store in the user data directory, the same rows', async () => {
    const server = await startServer({ port: 0, env: { MAGEUP_DATA_DIR: dataDir } });
    servers.push(server);
    const { page } = await open(server);
    // The first page opens every project's PGlite store: at load 30 on two cores that alone took over 30 s.
    await page.goto(server.url, { timeout: 120_000 });
    await page.waitForSelector('html[data-ready="1"]');
    assert.deepEqual(await visible(page), ['alpha', 'beta', 'gamma', 'zeta']);
    assert.match(await storeRow(page, 'beta').innerText(), /can move to 2\.4\.8 now/);
    assert.ok(!(await page.content()).includes(dataDir), 'the data directory is not shown');
    await storeRow(page, 'alpha').locator('td.name button').click();
    await page.locator('tr.detail:not([hidden]) a.report').first().click();
    await page.waitForSelector('#summary');
    assert.match(await page.title(), /alpha/);
  });

  it('authentication: refuses without credentials, admits the right ones; never open beyond loopback', async () => {
    const file = join(outDir, 'users');
    const password = 'correct horse battery staple';
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, `# team\nops:${await hashPassword(password)}\n`);
    assert.doesNotMatch(readFileSync(file, 'utf8'), /horse/);
    const server = await startServer({ store: db!.url, port: 0, credentials: readCredentials(file) });
    servers.push(server);
    // Chromium without credentials: the server answers 401 and asks for Basic authentication.
    const anonymous = await open(server);
    const refused = await anonymous.page.request.get(server.url);
    assert.equal(refused.status(), 401);
    assert.match(refused.headers()['www-authenticate'] ?? '', /^Basic realm="MageUp"/);
    assert.doesNotMatch(await refused.text(), /alpha|beta|gamma/);
    const wrong = await get(server.url, { Authorization: `Basic ${Buffer.from('ops:nope').toString('base64')}` });
    assert.equal(wrong.status, 401);
    assert.equal((await get(`${server.url}runs/store/1`)).status, 401, 'reports too');
    const admitted = await open(server, { auth: { username: 'ops', password } });
    assert.equal((await admitted.page.goto(server.url))?.status(), 200);
    await admitted.page.waitForSelector('html[data-ready="1"]');
    assert.deepEqual(await visible(admitted.page), ['alpha', 'beta', 'gamma', 'zeta']);

    await assert.rejects(startServer({ store: db!.url, host: '0.0.0.0', port: 0 }), (e: Error) => {
      assert.ok(e instanceof ServeError);
      assert.match(e.message, /refusing to listen on 0\.0\.0\.0 without authentication/);
      return true;
    });
    // Without authentication only loopback host names are answered (DNS rebinding).
    const open_ = await startServer({ store: db!.url, port: 0 });
    servers.push(open_);
    assert.equal((await get(open_.url, { Host: 'attacker.example' })).status, 421);
    assert.throws(() => readCredentials(join(outDir, 'missing')), /cannot read it/);
    writeFileSync(join(outDir, 'plain'), 'ops:secret\n');
    assert.throws(() => readCredentials(join(outDir, 'plain')), /never stored in clear/);
  });

  it('fleet registry in the store: fleet names and tags, a tag filter, registered stores not scanned yet', async () => {
    const store = await RunStore.open(db!.url);
    try {
      await migrateFleet(store.connection);
      await addProject(store.connection, {
        name: 'acme-alpha',
        location: 'https://git.example.com/acme/alpha.git',
        tags: ['acme', 'gold'],
      });
      await addProject(store.connection, {
        name: 'acme-delta',
        location: 'git@git.example.com:acme/delta.git',
        tags: ['acme'],
      });
      // alpha's second check run (id 2) was recorded by a fleet scan.
      await recordScan(store.connection, {
        project: 'acme-alpha',
        jobId: 'job-1',
        startedAt: '2026-11-20T08:59:00Z',
        finishedAt: '2026-11-20T09:00:00Z',
        worker: 'w1',
        attempt: 1,
        ok: true,
        error: null,
        auditRunId: null,
        checkRunId: 2,
        status: null,
      });
    } finally {
      await store.close();
    }
    const server = await startServer({ store: db!.url, port: 0 });
    servers.push(server);
    const { page } = await open(server);
    await page.goto(`${server.url}?tag=gold`);
    await page.waitForSelector('html[data-ready="1"]');
    assert.deepEqual(await visible(page), ['acme-alpha'], 'the tag filter, taken from the URL');
    await page.selectOption('#f-tag', 'acme');
    assert.deepEqual(await visible(page), ['acme-alpha', 'acme-delta']);
    assert.match(await storeRow(page, 'acme-delta').innerText(), /not scanned yet/);
    assert.match(await storeRow(page, 'acme-alpha').innerText(), /CosmicSting/);
    await page.selectOption('#f-tag', '');
    assert.deepEqual(await visible(page), ['acme-alpha', 'acme-delta', 'beta', 'gamma', 'zeta']);
    await page.screenshot({ path: join(outDir, 'fleet.png'), fullPage: true });
    assertScreenshot(join(outDir, 'fleet.png'));
  });
});
