/**
 * Bench: `mageup db compare` and `db health` on a real upgrade — a real Magento 2.4.4 store's database upgraded by
 * the real 2.4.7-p7 code's `bin/magento setup:upgrade` (../shared/real-store/setup.sh: `VERSION=2.4.4 setup.sh`,
 * then `setup.sh upgrade-test`, which copies database m244 to m244up, points the copy at its own port and search
 * index, and upgrades it with the code in /srv/m247up).
 *
 * "Before" is the database setup:upgrade ran on: a fresh copy of m244 (this bench's own `mageup_bench_m244_before`,
 * dropped at the end) with the two settings upgrade-test changes on its copy before upgrading (base URLs, search
 * index prefix), so that the comparison holds only what the upgrade did. "After" is m244up. Both are snapshotted
 * through the read-only session, with the Magento version read from each tree. Then: the comparison (every change
 * the upgrade makes itself should be expected), and `db health` of the 2.4.4 store (charset-only differences are
 * not pending setup) and of the upgraded one.
 *
 * Usage: node --import tsx bench/db-upgrade-real.ts      (SRV=/srv, DB_HOST/DB_PORT/DB_USER; MariaDB root, no password)
 * Says so and exits 0 when the stores are absent.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  bundledSchemaOf,
  checkDbHealth,
  compareSnapshots,
  parseDsn,
  ReadOnlySession,
  renderComparisonText,
  renderHealthText,
  snapshotToJson,
  takeSnapshot,
  type DbSnapshot,
} from '../src/db/index.js';
import { loadDataPatchConfig } from '../src/knowledge/data-patches.js';
import { loadDbSchemaIndex } from '../src/knowledge/db-schema/index.js';
import { loadProject } from '../src/project/load.js';

const SRV = process.env.SRV ?? '/srv';
const HOST = process.env.DB_HOST ?? '127.0.0.1';
const PORT = process.env.DB_PORT ?? '3306';
const USER = process.env.DB_USER ?? 'root';
const ROOT_244 = join(SRV, 'm244');
const ROOT_UP = join(SRV, 'm247up');
const DB_244 = 'm244';
const DB_UP = 'm244up';
const DB_BEFORE = 'mageup_bench_m244_before';
const PORT_244 = 8244;
const PORT_UP = 8248;
const OUT = join(import.meta.dirname, 'out', 'db-upgrade-real');

const sql = (args: string[], input?: string): string =>
  execFileSync('mysql', [`-h${HOST}`, `-P${PORT}`, `-u${USER}`, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    ...(input !== undefined ? { input } : {}),
  });
const dsn = (db: string): string => `mysql://${USER}@${HOST}:${PORT}/${db}`;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

function databaseExists(name: string): boolean {
  try {
    return sql(['-N', '-e', `SHOW DATABASES LIKE '${name}'`]).trim() === name;
  } catch {
    return false;
  }
}

async function snapshot(db: string, root: string): Promise<{ snap: DbSnapshot; ms: number }> {
  const project = await loadProject(root);
  const t = performance.now();
  const session = await ReadOnlySession.open(parseDsn(dsn(db)));
  try {
    const snap = await takeSnapshot(session, { magentoVersion: project.magento.version });
    return { snap, ms: performance.now() - t };
  } finally {
    await session.close();
  }
}

async function health(db: string, root: string): Promise<string> {
  const project = await loadProject(root);
  const session = await ReadOnlySession.open(parseDsn(dsn(db)));
  try {
    return renderHealthText(await checkDbHealth(session, { project, schemaIndex: loadDbSchemaIndex() }));
  } finally {
    await session.close();
  }
}

async function main(): Promise<void> {
  const absent = [
    ...[ROOT_244, ROOT_UP].filter((d) => !existsSync(join(d, 'app/etc/env.php'))),
    ...[DB_244, DB_UP].filter((d) => !databaseExists(d)).map((d) => `database ${d}`),
  ];
  if (absent.length > 0) {
    console.log(
      `real upgrade absent (${absent.join(', ')}): run MIRROR=… SEARCH=fake VERSION=2.4.4 bash ../shared/real-store/setup.sh, ` +
        'then MIRROR=… SEARCH=fake bash ../shared/real-store/setup.sh upgrade-test (bench skipped)',
    );
    return;
  }
  mkdirSync(OUT, { recursive: true });
  const load = (): string =>
    execFileSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).split(' ').slice(0, 3).join(' ');

  // The database setup:upgrade ran on: m244 as upgrade-test copied it, with the two settings it changes on the copy.
  let t = performance.now();
  sql(['-e', `DROP DATABASE IF EXISTS ${DB_BEFORE}; CREATE DATABASE ${DB_BEFORE}`]);
  const dump = execFileSync(
    'mysqldump',
    [`-h${HOST}`, `-P${PORT}`, `-u${USER}`, '--single-transaction', '--routines', '--triggers', DB_244],
    { maxBuffer: 1 << 30 },
  );
  execFileSync('mysql', [`-h${HOST}`, `-P${PORT}`, `-u${USER}`, DB_BEFORE], { input: dump, maxBuffer: 1 << 30 });
  sql([
    DB_BEFORE,
    '-e',
    `UPDATE core_config_data SET value=REPLACE(value, ':${PORT_244}/', ':${PORT_UP}/') WHERE path LIKE 'web/%url%'; ` +
      `UPDATE core_config_data SET value='${DB_UP}' WHERE path LIKE 'catalog/search/%index_prefix'`,
  ]);
  console.log(`copy of ${DB_244} as upgrade-test prepares it: ${seconds(performance.now() - t)}`);

  try {
    const before = await snapshot(DB_BEFORE, ROOT_244);
    const after = await snapshot(DB_UP, ROOT_UP);
    writeFileSync(join(OUT, 'before.json'), snapshotToJson(before.snap));
    writeFileSync(join(OUT, 'after.json'), snapshotToJson(after.snap));
    console.log(
      `snapshots: before (Magento ${before.snap.source.magentoVersion}, ${before.snap.tables.length} tables) ${seconds(before.ms)}, ` +
        `after (Magento ${after.snap.source.magentoVersion}, ${after.snap.tables.length} tables) ${seconds(after.ms)} (load average ${load()})`,
    );
    t = performance.now();
    // The upgraded code's vendor/ (as `db compare --project`): the db_schema.xml of the packages Magento bundles.
    const bundledSchema = bundledSchemaOf(await loadProject(ROOT_UP));
    console.log(`bundled db_schema.xml read from ${ROOT_UP}/vendor: ${bundledSchema.read.join(', ') || 'none'}`);
    const comparison = compareSnapshots(before.snap, after.snap, {
      schemaIndex: loadDbSchemaIndex(),
      dataPatchConfig: loadDataPatchConfig(),
      bundledSchema,
    });
    const text = renderComparisonText(comparison);
    writeFileSync(join(OUT, 'compare.txt'), text);
    const count = (v: string): number => comparison.items.filter((i) => i.verdict === v).length;
    console.log(
      `compare: ${seconds(performance.now() - t)}; verdict ${comparison.verdict}: ${count('suspicious')} suspicious, ` +
        `${count('expected')} expected, ${count('review')} to review`,
    );
    const state = comparison.items.find((i) => i.subject.startsWith('general/region/state_required'));
    console.log(`general/region/state_required: ${state ? `${state.verdict} — ${state.message}` : 'unchanged'}`);
    console.log(text);
    for (const [db, root, label] of [
      [DB_244, ROOT_244, '2.4.4 store'],
      [DB_UP, ROOT_UP, 'upgraded copy'],
    ] as const) {
      t = performance.now();
      const report = await health(db, root);
      writeFileSync(join(OUT, `health-${db}.txt`), report);
      const pending = report.split('\n').filter((l) => /pending-setup/.test(l));
      console.log(
        `health of the ${label} (${db}): ${seconds(performance.now() - t)}; pending setup: ${pending.length === 0 ? 'none' : pending.join(' | ')}`,
      );
      console.log(report);
    }
  } finally {
    sql(['-e', `DROP DATABASE IF EXISTS ${DB_BEFORE}`]);
  }
}

await main();
