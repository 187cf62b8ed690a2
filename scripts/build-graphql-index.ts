#!/usr/bin/env -S node --import tsx
/**
 * Regenerates `data/graphql-schema.json.gz`: for every release in controlaltdelete-nl/magento2-code-tracker (branches
 * magento-2.3.0 … , first install of each) and the verified full installs of scripts/install-trees.ts, the GraphQL
 * schema Magento stitches from the core modules' etc/schema.graphqls (vendor/magento/module-*): every type,
 * interface, input, enum, union and scalar with its fields, arguments (name and type), field types, `@resolver` and
 * `@typeResolver` classes and `@deprecated` reasons. Files are parsed with graphql-js (src/check/graphql/read-schema.ts),
 * never run, and merged by type name as Magento's GraphQlReader merges them (array_replace_recursive: later files
 * add fields and replace a field's type, resolver and arguments by name). Identical type definitions are stored once.
 *
 * Usage: node --import tsx scripts/build-graphql-index.ts [--mirror DIR] [--out FILE]
 * Deterministic: the same snapshots give the same bytes.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { GitObjects } from '../src/indexer/git-objects.js';
import { writeChecksummedJson } from '../src/knowledge/integrity.js';
import { encodeRanges } from '../src/knowledge/ranges.js';
import { readGraphqlSchema, type SchemaDeclaration } from '../src/knowledge/graphql/read-schema.js';
import { mergeDeclaration } from '../src/knowledge/graphql/merge.js';
import {
  GRAPHQL_SCHEMA_FILE,
  GRAPHQL_SCHEMA_VERSION,
  type GraphqlIndexFile,
  type GraphqlTypeDef,
} from '../src/knowledge/graphql/format.js';
import { openReleaseInstalls } from './install-trees.js';

const { values: args } = parseArgs({
  options: {
    mirror: { type: 'string', default: '/work/.mirror' },
    out: { type: 'string', default: resolve(import.meta.dirname, `../data/${GRAPHQL_SCHEMA_FILE}`) },
  },
});
const log = (m: string): void => void process.stderr.write(`${m}\n`);
const { tracker, branches, installTrees, installs } = await openReleaseInstalls(args.mirror!, log);

/**
 * Adobe's Payment Services come with 2.4.7+ through adobe-commerce/os-extensions-metapackage at a version range, not
 * pinned by the release: their schema depends on the version a project installed, so it is no release's core schema.
 */
const VERSIONED_APART = /^module-payment-services-/;

/** Parsed files by blob: most files are the same blob in many releases. */
const parsed = new Map<string, SchemaDeclaration[]>();
const moduleNames = new Map<string, string>();

async function declarationsOf(git: GitObjects, sha: string, where: string): Promise<SchemaDeclaration[]> {
  let declarations = parsed.get(sha);
  if (declarations) return declarations;
  const result = readGraphqlSchema((await git.readText(sha)) ?? '');
  if ('error' in result) {
    // Magento could not build its schema either: say so, and index the rest of the release.
    log(`warning: ${where}${result.line ? `:${result.line}` : ''} does not parse: ${result.error}`);
    declarations = [];
  } else declarations = result.declarations;
  parsed.set(sha, declarations);
  return declarations;
}

/** `Magento_CatalogGraphQl`, from the package's etc/module.xml. */
async function moduleName(git: GitObjects, moduleXml: string | undefined, packageDir: string): Promise<string> {
  if (!moduleXml) return packageDir;
  let name = moduleNames.get(moduleXml);
  if (name) return name;
  const xml = (await git.readText(moduleXml)) ?? '';
  name = /<module\s[^>]*name="([^"]+)"/.exec(xml)?.[1] ?? packageDir;
  moduleNames.set(moduleXml, name);
  return name;
}

/** Keys sorted at every level: the same definition always gives the same JSON. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  return value;
}

const releases: string[] = [];
const defs: GraphqlTypeDef[] = [];
const defIndex = new Map<string, number>();
const types = new Map<string, Map<number, number[]>>();
let newest = '';

for (const { git, commit, release } of installs) {
  if (releases.includes(release)) continue;
  const position = releases.push(release) - 1;
  const date = git.commitDate(commit);
  if (date > newest) newest = date;
  const schema = new Map<string, GraphqlTypeDef>();
  let files = 0;
  const entries = git.lsTree(`${commit}:vendor/magento`, true);
  const byPath = new Map(entries.map((e) => [e.path, e.sha]));
  const schemaFiles = entries
    .filter((e) => /^module-[^/]+\/etc\/schema\.graphqls$/.test(e.path) && !VERSIONED_APART.test(e.path))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  for (const file of schemaFiles) {
    files++;
    const packageDir = file.path.slice(0, file.path.indexOf('/'));
    const where = `${release} vendor/magento/${file.path}`;
    const module = await moduleName(git, byPath.get(`${packageDir}/etc/module.xml`), packageDir);
    for (const d of await declarationsOf(git, file.sha, where))
      mergeDeclaration(schema, d, module, (m) => log(`warning: ${where} ${m}`));
  }
  for (const [name, def] of schema) {
    const json = JSON.stringify(canonical(def));
    let index = defIndex.get(json);
    if (index === undefined) defIndex.set(json, (index = defs.push(canonical(def) as GraphqlTypeDef) - 1));
    let timeline = types.get(name);
    if (!timeline) types.set(name, (timeline = new Map()));
    timeline.set(index, [...(timeline.get(index) ?? []), position]);
  }
  log(`${release}: ${files} schema files, ${schema.size} types`);
}

const document: GraphqlIndexFile = {
  schema: GRAPHQL_SCHEMA_VERSION,
  generatedAt: newest,
  source:
    `controlaltdelete-nl/magento2-code-tracker branches ${branches[0]} … ${branches.at(-1)} (first install each)` +
    installTrees.map((t) => `; ${t.repo} ${t.ref} (${t.release})`).join(''),
  releases,
  defs,
  types: Object.fromEntries(
    [...types.keys()]
      .sort()
      .map((name) => [name, [...types.get(name)!].map(([i, p]) => [i, encodeRanges(p)] as [number, string])]),
  ),
};
const { bytes } = writeChecksummedJson(args.out!, document);
tracker.close();
for (const tree of installTrees) tree.git.close();
log(
  `${releases.length} releases, ${types.size} types, ${defs.length} definitions, ${(bytes / 1024).toFixed(1)} KB → ${args.out}`,
);
