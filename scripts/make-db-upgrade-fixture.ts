#!/usr/bin/env -S node --import tsx
// Writes test/fixtures/db/upgrade-2.4.4-to-2.4.7-p7/{before,after}.json: the config and patch_list sections of a real
// 2.4.4 → 2.4.7-p7 upgrade, for `db compare` tests. AFTER is read from a real 2.4.7-p7 database (the `m247` store of
// ../shared/real-store, on 127.0.0.1:3306); BEFORE is the same minus what the 2.4.7-p7 patches that 2.4.4 does not
// ship wrote (their files absent from the magento-2.4.4 branch of controlaltdelete-nl/magento2-code-tracker):
// those patches leave patch_list, and general/region/state_required loses the countries whose regions they add.
// Usage: node --import tsx scripts/make-db-upgrade-fixture.ts [database] [code-tracker-git-dir]
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const db = process.argv[2] ?? 'm247';
const tracker = process.argv[3] ?? '/work/.mirror/controlaltdelete-nl+magento2-code-tracker/repo';
const out = 'test/fixtures/db/upgrade-2.4.4-to-2.4.7-p7';
if (!/^\w+$/.test(db)) throw new Error(`not a database name: ${db}`);

const sql = (query: string): string[] =>
  execFileSync('mysql', ['-h127.0.0.1', '-uroot', '-N', '-B', '--raw', '-e', query]).toString().trim().split('\n');

/** `Magento\CatalogRule\Setup\Patch\Schema\X` → `vendor/magento/module-catalog-rule/Setup/Patch/Schema/X.php`. */
const classFile = (fqcn: string): string => {
  const parts = fqcn.split('\\');
  const module = (parts[1] ?? '').replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  return `vendor/magento/module-${module}/${parts.slice(2).join('/')}.php`;
};

const patches = sql(`SELECT patch_name FROM ${db}.patch_list ORDER BY patch_id`);
const tree244 = new Set(
  execFileSync('git', ['--git-dir', tracker, 'ls-tree', '-r', '--name-only', 'magento-2.4.4'], { maxBuffer: 1 << 28 })
    .toString()
    .split('\n'),
);
const newer = patches.filter((p) => !tree244.has(classFile(p)));
const before = patches.filter((p) => tree244.has(classFile(p)));

// Config as `db snapshot` stores it: values hashed on the server (LEFT(SHA2(value, 256), 16)).
const config = sql(
  `SELECT scope, scope_id, path, IF(value IS NULL, NULL, LEFT(SHA2(value, 256), 16)) FROM ${db}.core_config_data ` +
    `WHERE path LIKE 'general/region/%' OR path LIKE 'general/country/%' ORDER BY path, scope, scope_id`,
).map((line) => {
  const [scope, id, path, hash] = line.split('\t');
  return {
    scope: scope ?? '',
    scopeId: Number(id),
    path: path ?? '',
    valueHash: hash === 'NULL' ? null : (hash ?? null),
  };
});
// The Directory patches new since 2.4.4 add regions for Costa Rica, Czechia, Ukraine (and more for India, already
// listed): before them, those countries were not in the list.
const addedByNewer: Record<string, string> = {
  AddDataForCostaRica: 'CR',
  AddDataForCzechia: 'CZ',
  AddDataForUkraine: 'UA',
};
const dropped = new Set(newer.map((p) => addedByNewer[p.split('\\').pop() ?? '']).filter(Boolean));
const value247 = sql(`SELECT value FROM ${db}.core_config_data WHERE path = 'general/region/state_required'`)[0] ?? '';
const value244 = value247
  .split(',')
  .filter((c) => !dropped.has(c))
  .join(',');
const hash244 = sql(`SELECT LEFT(SHA2('${value244.replace(/[^A-Z,]/g, '')}', 256), 16)`)[0] ?? '';

const snapshot = (version: string, entries: unknown, list: string[]) => ({
  kind: 'mageup-db-snapshot',
  schemaVersion: 1,
  tool: { name: 'mageup', version: '0.1.0' },
  takenAt: '2026-12-03T00:00:00.000Z',
  source: {
    origin: '--dsn',
    target: 'root@127.0.0.1:3306/magento',
    database: 'magento',
    tablePrefix: '',
    magentoVersion: version,
  },
  server: { version: '10.11.6-MariaDB', flavor: 'mariadb', number: '10.11.6' },
  partial: false,
  missing: [],
  aggregates: [],
  config: { scopes: [], entries },
  setupModules: null,
  patches: list,
  checksums: [],
  tables: [],
  durationMs: 1,
});
const beforeEntries = config.map((e) =>
  e.path === 'general/region/state_required' ? { ...e, valueHash: hash244 } : e,
);
writeFileSync(`${out}/before.json`, `${JSON.stringify(snapshot('2.4.4', beforeEntries, before), null, 1)}\n`);
writeFileSync(`${out}/after.json`, `${JSON.stringify(snapshot('2.4.7-p7', config, patches), null, 1)}\n`);
console.log(`${out}: ${patches.length} patches after, ${newer.length} new since 2.4.4: ${newer.join(', ')}`);
console.log(`state_required 2.4.4: ${value244}\nstate_required 2.4.7-p7: ${value247}`);
