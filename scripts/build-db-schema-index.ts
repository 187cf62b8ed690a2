#!/usr/bin/env -S node --import tsx
// Builds data/db-schema/core-schema.json.gz: the tables, columns, indexes and constraints core Magento declares in
// its db_schema.xml files, for every release branch of a fetched magento2-code-tracker snapshot, deduplicated into
// per-table timelines. Only these derived facts are written, never the XML itself.
// Usage: node --import tsx scripts/build-db-schema-index.ts [git-dir] [out-file]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { compareMagentoVersions } from '../src/knowledge/magento-version.js';
import { writeChecksummedJson } from '../src/knowledge/integrity.js';
import { mergeDeclarations, parseSchemaXml } from '../src/knowledge/db-schema/parse-core-schema.js';
import { encodeRanges } from '../src/knowledge/ranges.js';
import type { CoreTable, DbSchemaIndexDocument, TableVariant } from '../src/knowledge/db-schema/types.js';

const gitDir = process.argv[2] ?? '/work/.mirror/controlaltdelete-nl+magento2-code-tracker/repo';
const outFile = process.argv[3] ?? 'data/db-schema/core-schema.json.gz';
if (!existsSync(gitDir)) {
  console.error(`${gitDir} does not exist: fetch controlaltdelete-nl/magento2-code-tracker first`);
  process.exit(2);
}

const git = (...args: string[]): string =>
  execFileSync('git', ['-C', gitDir, ...args], { maxBuffer: 1 << 28 }).toString('utf8');

const releases = git('for-each-ref', '--format=%(refname:short)', 'refs/heads/')
  .split('\n')
  .filter((ref) => /^magento-2\.\d+\.\d+(-p\d+)?$/.test(ref))
  .map((ref) => ref.slice('magento-'.length))
  .sort(compareMagentoVersions);

// Core schema files: app/etc/db_schema.xml and vendor/magento/<package>/etc/db_schema.xml (tests and the
// magento2-base copy are left out).
const schemaPath = /^(app\/etc\/db_schema\.xml|vendor\/magento\/([^/]+)\/etc\/db_schema\.xml)$/;
const listings = releases.map((release) =>
  git('ls-tree', '-r', '--full-tree', `magento-${release}`)
    .split('\n')
    .map((line) => {
      const tab = line.indexOf('\t');
      return { sha: line.slice(0, tab).split(' ')[2] ?? '', path: line.slice(tab + 1) };
    })
    .filter((e) => schemaPath.test(e.path) && !e.path.startsWith('vendor/magento/magento2-base/'))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
);

const blobs = readBlobs([...new Set(listings.flat().map((e) => e.sha))]);
const parsed = new Map<string, ReturnType<typeof parseSchemaXml>>();
for (const [sha, text] of blobs) parsed.set(sha, parseSchemaXml(text, sha));

const variants = new Map<string, Map<string, number[]>>();
releases.forEach((release, index) => {
  const files = listings[index]!.flatMap((e) => {
    const tables = parsed.get(e.sha);
    if (!tables) return [];
    const pkg = e.path.startsWith('app/') ? 'magento/magento2-base' : `magento/${schemaPath.exec(e.path)![2]}`;
    return [{ package: pkg, tables }];
  });
  for (const [name, table] of mergeDeclarations(files)) {
    const key = JSON.stringify(canonical(table));
    let byShape = variants.get(name);
    if (!byShape) variants.set(name, (byShape = new Map()));
    byShape.set(key, [...(byShape.get(key) ?? []), index]);
  }
});

const tables: Record<string, TableVariant[]> = {};
for (const name of [...variants.keys()].sort()) {
  tables[name] = [...variants.get(name)!].map(([key, indexes]) => ({
    in: encodeRanges(indexes),
    table: JSON.parse(key) as CoreTable,
  }));
}
const document: DbSchemaIndexDocument = {
  schema: 1,
  source: `github:controlaltdelete-nl/magento2-code-tracker branches magento-${releases[0]} … magento-${releases.at(-1)} (core db_schema.xml files)`,
  releases,
  tables,
};
mkdirSync(dirname(outFile), { recursive: true });
const written = writeChecksummedJson(outFile, document);
console.log(
  `${outFile}: ${releases.length} releases, ${Object.keys(tables).length} tables, ` +
    `${Object.values(tables).reduce((n, v) => n + v.length, 0)} variants, ${(written.bytes / 1024).toFixed(0)} KiB, sha256 ${written.sha256}`,
);

/** Reads blobs through one `git cat-file --batch`; blobs the snapshot lacks are skipped with a warning. */
function readBlobs(shas: string[]): Map<string, string> {
  const result = spawnSync('git', ['-C', gitDir, 'cat-file', '--batch'], {
    input: shas.join('\n') + '\n',
    maxBuffer: 1 << 30,
  });
  const out = result.stdout;
  const blobsBySha = new Map<string, string>();
  let offset = 0;
  for (const sha of shas) {
    const nl = out.indexOf(10, offset);
    const header = out.subarray(offset, nl).toString();
    offset = nl + 1;
    if (header.endsWith(' missing')) {
      console.warn(`blob ${sha} is absent from the snapshot: skipped`);
      continue;
    }
    const size = Number(header.split(' ')[2]);
    blobsBySha.set(sha, out.subarray(offset, offset + size).toString('utf8'));
    offset += size + 1;
  }
  return blobsBySha;
}

/** Sorted keys, so equal shapes serialise equally whatever the declaration order. */
function canonical(table: CoreTable): CoreTable {
  const sortRecord = <T>(r: Record<string, T>): Record<string, T> =>
    Object.fromEntries(
      Object.keys(r)
        .sort()
        .map((k) => [k, r[k]!]),
    );
  return {
    packages: [...table.packages].sort(),
    ...(table.resource ? { resource: table.resource } : {}),
    ...(table.engine ? { engine: table.engine } : {}),
    columns: sortRecord(table.columns),
    indexes: sortRecord(table.indexes),
    constraints: sortRecord(table.constraints),
  };
}
