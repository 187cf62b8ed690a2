/**
 * Bench: how long `mageup serve` takes to read its stores and render the dashboard.
 *   1. A team PostgreSQL store (a database of its own on 127.0.0.1:5432, dropped after) holding N projects, each with
 *      two check runs of the real sample store (2.4.6-p3 → 2.4.8, ~190 findings each): the first read (no cache),
 *      the page's size, and one run's HTML report (the drill-down).
 *   2. The embedded default: M projects, each its own PGlite store in a temporary user data directory.
 * Usage: node --import tsx bench/serve.ts [--projects N] [--embedded M]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { runCheck } from '../src/check/run-check.js';
import { RunStore, runOfCheck } from '../src/history/index.js';
import { projectDataDir } from '../src/knowledge/cache-dir.js';
import { fixedClock } from '../src/knowledge/clock.js';
import { readDashboard, readRunResult } from '../src/serve/overview.js';
import { renderDashboard } from '../src/serve/page.js';
import { storeSources } from '../src/serve/sources.js';
import { renderCheckReport } from '../src/report/json/render-report.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const PROJECTS = arg('--projects', 100);
const EMBEDDED = arg('--embedded', 5);
const PG_ADMIN = process.env.MAGEUP_TEST_PG_ADMIN ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SAMPLE = fileURLToPath(new URL('../examples/sample-store', import.meta.url));

const ms = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;
const result = await runCheck({
  path: SAMPLE,
  to: '2.4.8',
  clock: fixedClock('2026-11-23'),
  workers: 1,
  cacheDir: false,
});
const runsOf = (root: string) =>
  [new Date('2026-11-01T09:00:00Z'), new Date('2026-11-20T09:00:00Z')].map((at) =>
    runOfCheck({ ...result, project: { ...result.project, root } }, { recordedAt: at }),
  );

console.log(
  `load average at start: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);

// 1. PostgreSQL
const name = `mageup_bench_serve_${process.pid}`;
const admin = new pg.Client({ connectionString: PG_ADMIN });
await admin.connect();
await admin.query(`CREATE DATABASE "${name}"`);
const url = new URL(PG_ADMIN);
url.pathname = `/${name}`;
try {
  const store = await RunStore.open(url.href);
  for (let i = 0; i < PROJECTS; i++) for (const run of runsOf(`/srv/fleet/shop-${i}`)) await store.record(run);
  await store.close();
  let start = process.hrtime.bigint();
  const dashboard = await readDashboard(storeSources(url.href));
  const readMs = ms(start);
  start = process.hrtime.bigint();
  const html = renderDashboard(dashboard, { toolVersion: 'bench', storeLabel: 'PostgreSQL' });
  const renderMs = ms(start);
  start = process.hrtime.bigint();
  const run = await readRunResult(storeSources(url.href)[0]!, 2);
  const report = renderCheckReport(run!, 'html');
  const reportMs = ms(start);
  console.log(
    `PostgreSQL, ${PROJECTS} projects × 2 check runs (${result.findings.length} findings each): read ${(readMs / 1000).toFixed(2)} s, ` +
      `render ${renderMs.toFixed(0)} ms, page ${(html.length / 1024).toFixed(0)} KB; one run's report ${reportMs.toFixed(0)} ms (${(report.length / 1024).toFixed(0)} KB)`,
  );
} finally {
  await admin.query(
    'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
    [name],
  );
  await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
  await admin.end();
}

// 2. Embedded PGlite stores, one per project
const dataDir = mkdtempSync(join(tmpdir(), 'mageup-bench-serve-'));
try {
  const env = { MAGEUP_DATA_DIR: dataDir };
  for (let i = 0; i < EMBEDDED; i++) {
    const root = `/srv/local/shop-${i}`;
    const store = await RunStore.open(join(projectDataDir(root, env), 'history'));
    for (const run of runsOf(root)) await store.record(run);
    await store.close();
  }
  const start = process.hrtime.bigint();
  const dashboard = await readDashboard(storeSources(undefined, env));
  const readMs = ms(start);
  console.log(
    `Embedded, ${EMBEDDED} project stores: read ${(readMs / 1000).toFixed(2)} s (${(readMs / EMBEDDED / 1000).toFixed(2)} s per store), ${dashboard.stores.length} rows`,
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
console.log(
  `load average at end: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
