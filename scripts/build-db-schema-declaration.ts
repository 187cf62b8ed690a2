#!/usr/bin/env -S node --import tsx
// Builds data/db-schema/declaration.json.gz: per release, what Magento accepts in a db_schema.xml, read from the
// release's own files — the declarative schema XSD (vendor/magento/framework/Setup/Declaration/Schema/etc/**.xsd,
// flattened into per-type attribute tables by src/knowledge/db-schema/xsd-flatten.ts), the types
// Dto\ElementFactory has factories for (app/etc/di.xml) and whether Db\SchemaBuilder::build() reads every merged
// declaration's columns and types (Db/SchemaBuilder.php). Sources: every release branch of a fetched
// magento2-code-tracker snapshot and every verified full install of scripts/install-trees.ts (under /work/.mirror or
// $MAGEUP_MIRROR). Only these derived facts are written, never the XSD or PHP themselves.
// Usage: node --import tsx scripts/build-db-schema-declaration.ts [tracker-git-dir] [out-file]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { openInstallTrees } from './install-trees.js';
import { compareMagentoVersions } from '../src/knowledge/magento-version.js';
import { writeChecksummedJson } from '../src/knowledge/integrity.js';
import { encodeRanges } from '../src/knowledge/ranges.js';
import { DB_SCHEMA_BUILDER, ROOT_DI, XSD_DIR, declarationRulesFrom } from '../src/knowledge/db-schema/declaration.js';
import type { DeclarationRulesDocument } from '../src/knowledge/db-schema/declaration-types.js';

const gitDir = process.argv[2] ?? '/work/.mirror/controlaltdelete-nl+magento2-code-tracker/repo';
const outFile = process.argv[3] ?? 'data/db-schema/declaration.json.gz';
if (!existsSync(gitDir)) {
  console.error(`${gitDir} does not exist: fetch controlaltdelete-nl/magento2-code-tracker first`);
  process.exit(2);
}
const git = (dir: string, ...args: string[]): string =>
  execFileSync('git', ['-C', dir, ...args], { maxBuffer: 1 << 28 }).toString('utf8');

const sourcesOf = new Map<string, { dir: string; rev: string }>();
for (const ref of git(gitDir, 'for-each-ref', '--format=%(refname:short)', 'refs/heads/').split('\n'))
  if (/^magento-2\.\d+\.\d+(-p\d+)?$/.test(ref)) sourcesOf.set(ref.slice('magento-'.length), { dir: gitDir, rev: ref });
const trackerReleases = [...sourcesOf.keys()].sort(compareMagentoVersions);
const treeLabels: string[] = [];
for (const tree of await openInstallTrees(process.env.MAGEUP_MIRROR ?? '/work/.mirror', (m) => console.warn(m))) {
  tree.git.close();
  if (sourcesOf.has(tree.release)) continue;
  sourcesOf.set(tree.release, { dir: tree.git.gitDir, rev: tree.commit });
  treeLabels.push(`${tree.repo} ${tree.ref} (${tree.release})`);
}
const releases = [...sourcesOf.keys()].sort(compareMagentoVersions);

const byShape = new Map<string, number[]>();
releases.forEach((release, index) => {
  const { dir, rev } = sourcesOf.get(release)!;
  const xsdPaths = git(dir, 'ls-tree', '-r', '--name-only', rev, '--', XSD_DIR)
    .split('\n')
    .filter((p) => p.endsWith('.xsd'));
  if (!xsdPaths.length) throw new Error(`${release}: no XSD under ${XSD_DIR}`);
  const xsd = Object.fromEntries(xsdPaths.map((p) => [p.slice(XSD_DIR.length), git(dir, 'show', `${rev}:${p}`)]));
  const rules = declarationRulesFrom(
    xsd,
    git(dir, 'show', `${rev}:${ROOT_DI}`),
    git(dir, 'show', `${rev}:${DB_SCHEMA_BUILDER}`),
  );
  const columnTypes = Object.keys(rules.columnTypes);
  const missing = columnTypes.filter((t) => !rules.factories.includes(t));
  if (!rules.factories.length || missing.length)
    console.warn(
      `${release}: column types without an ElementFactory factory: ${missing.join(', ') || '(no factories found)'}`,
    );
  const key = JSON.stringify(rules);
  byShape.set(key, [...(byShape.get(key) ?? []), index]);
  console.log(
    `${release}: ${columnTypes.length} column types, ${Object.keys(rules.constraintTypes).length} constraint types, ` +
      `${rules.factories.length} factories, reads every declared column type: ${rules.readsEveryDeclaredColumnType}`,
  );
});

const document: DeclarationRulesDocument = {
  schema: 1,
  source:
    `github:controlaltdelete-nl/magento2-code-tracker branches magento-${trackerReleases[0]} … magento-${trackerReleases.at(-1)}` +
    treeLabels.map((t) => `; github:${t}`).join('') +
    ` (${XSD_DIR}**.xsd, ${ROOT_DI} ElementFactory typeFactories, ${DB_SCHEMA_BUILDER})`,
  releases,
  variants: [...byShape].map(([key, indexes]) => ({
    in: encodeRanges(indexes),
    rules: JSON.parse(key) as DeclarationRulesDocument['variants'][number]['rules'],
  })),
};
mkdirSync(dirname(outFile), { recursive: true });
const written = writeChecksummedJson(outFile, document);
console.log(
  `${outFile}: ${releases.length} releases, ${document.variants.length} variants, ${(written.bytes / 1024).toFixed(1)} KiB, sha256 ${written.sha256}`,
);
