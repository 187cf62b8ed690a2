#!/usr/bin/env -S node --import tsx
// Writes test/fixtures/db/upgrade-2.4.4-to-2.4.7-p7/{before,after}.json: the config (general/region/*,
// general/country/*) and patch_list sections of a real 2.4.4 → 2.4.7-p7 upgrade, for `db compare` tests. BEFORE is
// read from the real 2.4.4 store's database and AFTER from its copy upgraded by the real 2.4.7-p7 code's
// `bin/magento setup:upgrade` (../shared/real-store/setup.sh: `VERSION=2.4.4 setup.sh`, then `setup.sh upgrade-test`;
// databases m244 and m244up on 127.0.0.1:3306). Config values are hashed as `db snapshot` stores them.
// Usage: node --import tsx scripts/make-db-upgrade-fixture.ts [before-database] [after-database]
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const beforeDb = process.argv[2] ?? 'm244';
const afterDb = process.argv[3] ?? 'm244up';
const out = 'test/fixtures/db/upgrade-2.4.4-to-2.4.7-p7';
for (const db of [beforeDb, afterDb]) if (!/^\w+$/.test(db)) throw new Error(`not a database name: ${db}`);

const sql = (query: string): string[] =>
  execFileSync('mysql', ['-h127.0.0.1', '-uroot', '-N', '-B', '--raw', '-e', query]).toString().trim().split('\n');

const patchesOf = (db: string): string[] => sql(`SELECT patch_name FROM ${db}.patch_list ORDER BY patch_id`);
// Config as `db snapshot` stores it: values hashed on the server (LEFT(SHA2(value, 256), 16)).
const configOf = (db: string) =>
  sql(
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
const stateRequired = (db: string): string =>
  sql(`SELECT value FROM ${db}.core_config_data WHERE path = 'general/region/state_required'`)[0] ?? '';

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
const before = patchesOf(beforeDb);
const after = patchesOf(afterDb);
writeFileSync(`${out}/before.json`, `${JSON.stringify(snapshot('2.4.4', configOf(beforeDb), before), null, 1)}\n`);
writeFileSync(`${out}/after.json`, `${JSON.stringify(snapshot('2.4.7-p7', configOf(afterDb), after), null, 1)}\n`);
const applied = after.filter((p) => !before.includes(p));
console.log(
  `${out}: ${before.length} patches before, ${after.length} after; applied by the upgrade: ${applied.join(', ')}`,
);
console.log(`state_required 2.4.4: ${stateRequired(beforeDb)}\nstate_required 2.4.7-p7: ${stateRequired(afterDb)}`);
