/**
 * Builds `data/composer/releases.json.gz`: for every release in `../shared/data/magento-composer`, the non-magento
 * requirements of its product metapackage and of magento/magento2-base, and its project template
 * (magento/project-community-edition: root require, require-dev, conflict, minimum-stability, allow-plugins).
 *
 *   npx tsx scripts/build-composer-data.ts [--source ../shared/data] [--out data]
 *
 * Deterministic: a rebuild without source changes leaves git clean.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeChecksummedJson } from '../src/knowledge/integrity.js';
import { compareMagentoVersions } from '../src/knowledge/magento-version.js';
import {
  RELEASE_COMPOSER_FILE,
  RELEASE_COMPOSER_SCHEMA,
  type ReleaseComposerFile,
  type ReleaseComposerRecord,
} from '../src/knowledge/release-composer.js';

type Json = Record<string, unknown>;

function main(): void {
  const { values } = parseArgs({
    options: { source: { type: 'string', default: '../shared/data' }, out: { type: 'string', default: 'data' } },
  });
  const dir = join(resolve(values.source!), 'magento-composer');
  if (!existsSync(dir)) throw new Error(`${dir}: not found (pass --source <shared data dir>)`);
  const releases: ReleaseComposerRecord[] = [];
  // Metapackages the shared data lacks, read from public composer.lock files (scripts/build-lock-metapackages.ts). A
  // lock has no project template (the root composer.json is the project's own): `template: null`, and the check
  // takes the template of the nearest release of the line that has one, saying so (src/check/composer-facts.ts).
  const fromLocks = (readJson(join(import.meta.dirname, 'data/lock-metapackages.json'))?.releases ?? {}) as Record<
    string,
    { product: Json; base: Json }
  >;
  const versions = [...new Set([...readdirSync(dir), ...Object.keys(fromLocks)])].sort(compareMagentoVersions);
  for (const version of versions) {
    const shared = readJson(join(dir, version, 'product-community-edition.json'));
    const product = shared ?? fromLocks[version]?.product;
    if (!product) continue;
    const base = shared ? readJson(join(dir, version, 'magento2-base.json')) : fromLocks[version]?.base;
    const template = shared ? readJson(join(dir, version, 'project-community-edition.json')) : undefined;
    const config = (template?.config ?? {}) as Json;
    releases.push({
      version,
      product: nonMagento(product.require),
      base: map(base?.require),
      template: template
        ? {
            require: map(template.require),
            requireDev: map(template['require-dev']),
            conflict: map(template.conflict),
            minimumStability: typeof template['minimum-stability'] === 'string' ? template['minimum-stability'] : null,
            preferStable: typeof template['prefer-stable'] === 'boolean' ? template['prefer-stable'] : null,
            allowPlugins: Object.fromEntries(
              Object.entries((config['allow-plugins'] ?? {}) as Json).filter(
                (e): e is [string, boolean] => typeof e[1] === 'boolean',
              ),
            ),
          }
        : null,
    });
  }
  const doc: ReleaseComposerFile = {
    schema: RELEASE_COMPOSER_SCHEMA,
    source:
      '../shared/data/magento-composer (real product, magento2-base and project metapackages); scripts/data/lock-metapackages.json (product and magento2-base read from public composer.lock files, no template)',
    releases,
  };
  const file = join(resolve(values.out!), RELEASE_COMPOSER_FILE);
  const r = writeChecksummedJson(file, doc);
  console.log(`${file}: ${releases.length} releases, ${r.bytes} bytes, sha256 ${r.sha256}`);
}

function readJson(file: string): Json | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Json) : undefined;
}

function map(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k.toLowerCase()] = v;
  }
  return out;
}

function nonMagento(value: unknown): Record<string, string> {
  return Object.fromEntries(Object.entries(map(value)).filter(([k]) => !k.startsWith('magento/')));
}

main();
