#!/usr/bin/env -S node --import tsx
// Builds data/db-schema/core-schema.json.gz: the tables, columns, indexes and constraints core Magento declares in
// its db_schema.xml files, for every release branch of a fetched magento2-code-tracker snapshot and every verified
// full install of scripts/install-trees.ts (fetched under /work/.mirror or $MAGEUP_MIRROR), deduplicated into
// per-table timelines. Only these derived facts are written, never the XML itself.
// Usage: node --import tsx scripts/build-db-schema-index.ts [git-dir] [out-file]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { openInstallTrees } from './install-trees.js';
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

const gitIn = (dir: string, ...args: string[]): string =>
  execFileSync('git', ['-C', dir, ...args], { maxBuffer: 1 << 28 }).toString('utf8');

// Where each release is read from: the tracker's branch tip, or a full install's commit.
const sourcesOf = new Map<string, { dir: string; rev: string; label: string }>();
for (const ref of gitIn(gitDir, 'for-each-ref', '--format=%(refname:short)', 'refs/heads/').split('\n')) {
  if (/^magento-2\.\d+\.\d+(-p\d+)?$/.test(ref))
    sourcesOf.set(ref.slice('magento-'.length), { dir: gitDir, rev: ref, label: ref });
}
const trackerReleases = [...sourcesOf.keys()].sort(compareMagentoVersions);
const mirror = process.env.MAGEUP_MIRROR ?? '/work/.mirror';
const installTrees = await openInstallTrees(mirror, (m) => console.warn(m));
const treeLabels: string[] = [];
for (const tree of installTrees) {
  if (sourcesOf.has(tree.release)) continue; // the tracker already has it
  sourcesOf.set(tree.release, { dir: tree.git.gitDir, rev: tree.commit, label: `${tree.repo} ${tree.ref}` });
  treeLabels.push(`${tree.repo} ${tree.ref} (${tree.release})`);
  tree.git.close();
}
const releases = [...sourcesOf.keys()].sort(compareMagentoVersions);

// Core schema files: app/etc/db_schema.xml and vendor/magento/<package>/etc/db_schema.xml (tests and the
// magento2-base copy are left out).
const schemaPath = /^(app\/etc\/db_schema\.xml|vendor\/magento\/([^/]+)\/etc\/db_schema\.xml)$/;
const listings = releases.map((release) =>
  gitIn(sourcesOf.get(release)!.dir, 'ls-tree', '-r', '--full-tree', sourcesOf.get(release)!.rev)
    .split('\n')
    .map((line) => {
      const tab = line.indexOf('\t');
      return {
        sha: line.slice(0, tab).split(' ')[2] ?? '',
        path: line.slice(tab + 1),
        dir: sourcesOf.get(release)!.dir,
      };
    })
    .filter((e) => schemaPath.test(e.path) && !e.path.startsWith('vendor/magento/magento2-base/'))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
);

const shasByDir = new Map<string, Set<string>>();
for (const e of listings.flat()) {
  if (!shasByDir.has(e.dir)) shasByDir.set(e.dir, new Set());
  shasByDir.get(e.dir)!.add(e.sha);
}
const blobs = new Map<string, string>();
for (const [dir, shas] of shasByDir) for (const [sha, text] of readBlobs(dir, [...shas])) blobs.set(sha, text);
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
  source:
    `github:controlaltdelete-nl/magento2-code-tracker branches magento-${trackerReleases[0]} … magento-${trackerReleases.at(-1)}` +
    treeLabels.map((t) => `; github:${t}`).join('') +
    ' (core db_schema.xml files)',
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
function readBlobs(dir: string, shas: string[]): Map<string, string> {
  const result = spawnSync('git', ['-C', dir, 'cat-file', '--batch'], {
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
