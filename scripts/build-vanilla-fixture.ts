/**
 * Builds `test/fixtures/projects/vanilla-2.4.7-p7/`: a vanilla Magento Open Source 2.4.7-p7 store with no custom
 * code, for the "Magento's own code is not the client's work" acceptance test (test/vanilla-store.test.ts).
 *
 *   npx tsx scripts/build-vanilla-fixture.ts [--mirror /work/.mirror/lrvipuls+mage247/repo]
 *
 * Source (data, not code): the real composer.json, composer.lock and the `modules` list of app/etc/config.php of
 * lrvipuls/mage247, a full 2.4.7-p7 install (fetched git dir). The lock is trimmed to what MageUp reads (name,
 * version, type, require, abandoned, licence, dist type); env.php is written here (no secret of the source is read).
 * Output is deterministic, so a rerun leaves git clean.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { mirror: { type: 'string', default: '/work/.mirror/lrvipuls+mage247/repo' } },
});
const gitDir = values.mirror!;
const show = (path: string): string =>
  execFileSync('git', ['--git-dir', gitDir, 'show', `HEAD:${path}`], { encoding: 'utf8', maxBuffer: 64 << 20 });
const out = resolve(import.meta.dirname, '../test/fixtures/projects/vanilla-2.4.7-p7');

type Entry = Record<string, unknown>;
function trim(entry: Entry): Entry {
  const keep: Entry = { name: entry.name, version: entry.version, type: entry.type ?? 'library' };
  for (const key of ['require', 'abandoned', 'license'] as const) if (entry[key] !== undefined) keep[key] = entry[key];
  const dist = entry.dist as Entry | undefined;
  if (dist?.type) keep.dist = { type: dist.type };
  return keep;
}

const lock = JSON.parse(show('composer.lock')) as Entry & { packages: Entry[]; 'packages-dev': Entry[] };
const trimmed = {
  _readme: ['Trimmed from the composer.lock of lrvipuls/mage247 (2.4.7-p7) by scripts/build-vanilla-fixture.ts.'],
  packages: lock.packages.map(trim),
  'packages-dev': lock['packages-dev'].map(trim),
  'minimum-stability': lock['minimum-stability'],
  'prefer-stable': lock['prefer-stable'],
  platform: lock.platform,
  'platform-dev': lock['platform-dev'],
  'plugin-api-version': lock['plugin-api-version'],
};
const composerJson = JSON.parse(show('composer.json')) as Entry;
delete composerJson.repositories; // repo.magento.com credentials are never needed to read a lock

const modules = [...show('app/etc/config.php').matchAll(/'([A-Za-z0-9]+_[A-Za-z0-9]+)'\s*=>\s*([01])/g)].map(
  (m) => `        '${m[1]}' => ${m[2]},`,
);
const configPhp = `<?php
return [
    'modules' => [
${modules.join('\n')}
    ],
    'scopes' => [
        'websites' => [
            'admin' => ['website_id' => '0', 'code' => 'admin', 'name' => 'Admin', 'default_group_id' => '0'],
            'base' => ['website_id' => '1', 'code' => 'base', 'name' => 'Main Website', 'default_group_id' => '1'],
        ],
        'groups' => [
            0 => ['group_id' => '0', 'website_id' => '0', 'code' => 'default', 'name' => 'Default', 'root_category_id' => '0', 'default_store_id' => '0'],
            1 => ['group_id' => '1', 'website_id' => '1', 'code' => 'main_website_store', 'name' => 'Main Website Store', 'root_category_id' => '2', 'default_store_id' => '1'],
        ],
        'stores' => [
            'admin' => ['store_id' => '0', 'code' => 'admin', 'website_id' => '0', 'group_id' => '0', 'name' => 'Admin', 'sort_order' => '0', 'is_active' => '1'],
            'default' => ['store_id' => '1', 'code' => 'default', 'website_id' => '1', 'group_id' => '1', 'name' => 'Default Store View', 'sort_order' => '0', 'is_active' => '1'],
        ],
    ],
];
`;
const envPhp = `<?php
// Written by scripts/build-vanilla-fixture.ts: the services of a typical 2.4.7 store (no real credentials).
return [
    'backend' => ['frontName' => 'admin_vanilla'],
    'db' => [
        'table_prefix' => '',
        'connection' => [
            'default' => [
                'host' => 'localhost',
                'dbname' => 'magento',
                'username' => 'magento',
                'password' => 'not-a-real-password',
                'model' => 'mysql4',
                'engine' => 'innodb',
                'active' => '1',
            ],
        ],
    ],
    'crypt' => ['key' => 'not-a-real-key'],
    'MAGE_MODE' => 'production',
    'cache' => [
        'frontend' => [
            'default' => ['backend' => 'Magento\\\\Framework\\\\Cache\\\\Backend\\\\Redis', 'backend_options' => ['server' => '127.0.0.1', 'database' => '0', 'port' => '6379']],
            'page_cache' => ['backend' => 'Magento\\\\Framework\\\\Cache\\\\Backend\\\\Redis', 'backend_options' => ['server' => '127.0.0.1', 'database' => '1', 'port' => '6379']],
        ],
    ],
    'session' => ['save' => 'redis', 'redis' => ['host' => '127.0.0.1', 'port' => '6379', 'database' => '2']],
    'system' => [
        'default' => [
            'catalog' => ['search' => ['engine' => 'opensearch', 'opensearch_server_hostname' => 'localhost', 'opensearch_server_port' => '9200']],
        ],
    ],
];
`;

mkdirSync(join(out, 'app/etc'), { recursive: true });
writeFileSync(join(out, 'composer.json'), `${JSON.stringify(composerJson, null, 4)}\n`);
// One package per line: the file stays small and diffs stay readable.
const lockText = JSON.stringify(trimmed, null, 4).replace(
  /\n {8}\{\n[\s\S]*?\n {8}\}(?=,?\n)/g,
  (block) => `\n        ${JSON.stringify(JSON.parse(block))}`,
);
writeFileSync(join(out, 'composer.lock'), `${lockText}\n`);
writeFileSync(join(out, 'app/etc/config.php'), configPhp);
writeFileSync(join(out, 'app/etc/env.php'), envPhp);
process.stdout.write(
  `wrote ${out}: ${trimmed.packages.length} packages, ${trimmed['packages-dev'].length} dev packages, ${modules.length} modules\n`,
);
