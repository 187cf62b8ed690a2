#!/usr/bin/env -S node --import tsx
/**
 * Regenerates `data/layout-arguments.json.gz`: for every release in controlaltdelete-nl/magento2-code-tracker
 * (branches magento-2.3.0 … , first install of each) and the verified full installs of scripts/install-trees.ts, the
 * data keys every core module template reads from its block (templateDataReads), the view models core module layouts
 * pass to the blocks that render a template and read by it (`required`), and the argument names core module layouts
 * set on each block name (`provided`). Layouts are read by the project model's engine (readLayoutXml); nothing is run.
 * Theme layouts (Luma, Blank) are left out: what a template needs is what its own module's layouts give it.
 *
 * Usage: node --import tsx scripts/build-layout-argument-index.ts [--mirror DIR] [--out FILE]
 * Deterministic: the same snapshots give the same bytes.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { GitObjects } from '../src/indexer/git-objects.js';
import { writeChecksummedJson } from '../src/knowledge/integrity.js';
import { addPosition, encodeTimelines, type PositionTable } from '../src/knowledge/ranges.js';
import {
  LAYOUT_ARGUMENT_FILE,
  LAYOUT_ARGUMENT_SCHEMA,
  templateDataReads,
  templateOf,
  type LayoutArgumentIndexFile,
} from '../src/knowledge/layout-arguments/format.js';
import { readLayoutXml } from '../src/project/customizations/layout.js';
import type { LayoutFile } from '../src/project/model.js';
import { parseXml } from '../src/project/xml.js';
import { openReleaseInstalls } from './install-trees.js';

const { values: args } = parseArgs({
  options: {
    mirror: { type: 'string', default: '/work/.mirror' },
    out: { type: 'string', default: resolve(import.meta.dirname, `../data/${LAYOUT_ARGUMENT_FILE}`) },
  },
});
const log = (m: string): void => void process.stderr.write(`${m}\n`);
const { tracker, branches, installTrees, installs } = await openReleaseInstalls(args.mirror!, log);

const readsCache = new Map<string, string>();
const layoutCache = new Map<string, LayoutFile | null>();
const moduleNameCache = new Map<string, string | undefined>();

async function moduleName(git: GitObjects, xmlSha: string | undefined): Promise<string | undefined> {
  if (!xmlSha) return undefined;
  if (!moduleNameCache.has(xmlSha))
    moduleNameCache.set(xmlSha, /<module\b[^>]*\bname\s*=\s*"([^"]+)"/.exec((await git.readText(xmlSha)) ?? '')?.[1]);
  return moduleNameCache.get(xmlSha);
}

async function layoutOf(git: GitObjects, sha: string, area: string): Promise<LayoutFile | null> {
  const key = `${area} ${sha}`;
  if (!layoutCache.has(key)) {
    const parsed = parseXml((await git.readText(sha)) ?? '');
    layoutCache.set(key, parsed.ok ? readLayoutXml(parsed.root, 'layout.xml', area) : null);
  }
  return layoutCache.get(key)!;
}

const releases: string[] = [];
const reads: PositionTable = new Map();
const required: PositionTable = new Map();
const provided: PositionTable = new Map();
let newest = '';
const addTo = <T>(map: Map<string, Set<T>>, key: string, value: T): void => {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
};

for (const { git, commit, release } of installs) {
  if (releases.includes(release)) continue;
  const position = releases.push(release) - 1;
  const date = git.commitDate(commit);
  if (date > newest) newest = date;
  const entries = git.lsTree(`${commit}:vendor/magento`, true);
  const byPath = new Map(entries.map((e) => [e.path, e.sha]));
  const releaseReads = new Map<string, string[]>();
  /** `<area> <block name>` → templates (`Module::path`) core layouts declare it with. */
  const templatesByName = new Map<string, Set<string>>();
  /** `<area> <block name>` → argument names set on it; `objects`: its object arguments (`key=Class`). */
  const argsByName = new Map<string, Set<string>>();
  const objectsByName = new Map<string, Set<string>>();
  for (const entry of entries) {
    const m = /^(module-[^/]+)\/view\/(frontend|adminhtml|base)\/(templates|layout)\/(.+)$/.exec(entry.path);
    if (!m) continue;
    const [, dir, area, kind, rest] = m as unknown as [string, string, string, string, string];
    if (kind === 'templates' && rest.endsWith('.phtml')) {
      const module = await moduleName(git, byPath.get(`${dir}/etc/module.xml`));
      if (!module) continue;
      if (!readsCache.has(entry.sha))
        readsCache.set(entry.sha, templateDataReads((await git.readText(entry.sha)) ?? '').join(' '));
      releaseReads.set(`${area} ${module}::${rest}`, readsCache.get(entry.sha)!.split(' ').filter(Boolean));
    } else if (kind === 'layout' && rest.endsWith('.xml') && !rest.includes('/')) {
      const layout = await layoutOf(git, entry.sha, area);
      if (!layout) continue;
      for (const block of layout.blocks) {
        if (!block.name) continue;
        const key = `${area} ${block.name}`;
        const template = block.template ? templateOf(block.template, block.class) : undefined;
        if (template) addTo(templatesByName, key, `${template.module}::${template.path}`);
        for (const a of block.arguments ?? []) {
          addTo(argsByName, key, a.name);
          if (a.class) addTo(objectsByName, key, `${a.name}=${a.class}`);
        }
      }
      for (const reference of layout.references)
        for (const a of reference.arguments ?? []) {
          const key = `${area} ${reference.name}`;
          addTo(argsByName, key, a.name);
          if (a.class) addTo(objectsByName, key, `${a.name}=${a.class}`);
        }
    }
  }
  for (const [key, keys] of releaseReads) addPosition(reads, key, keys.join(' '), position);
  for (const [key, names] of argsByName) addPosition(provided, key, [...names].sort().join(' '), position);
  // A template needs a view model when a block rendering it gets one from a core layout and the template reads it.
  const releaseRequired = new Map<string, Map<string, string>>();
  for (const [key, templates] of templatesByName) {
    const space = key.indexOf(' ');
    const area = key.slice(0, space);
    const name = key.slice(space + 1);
    const objects = [
      ...(objectsByName.get(key) ?? []),
      ...(area === 'base' ? [] : (objectsByName.get(`base ${name}`) ?? [])),
    ].sort();
    if (objects.length === 0) continue;
    for (const template of templates) {
      const file = [`${area} ${template}`, `base ${template}`].find((k) => releaseReads.has(k));
      if (!file) continue;
      const readKeys = new Set(releaseReads.get(file));
      for (const pair of objects) {
        const argName = pair.slice(0, pair.indexOf('='));
        if (!readKeys.has(argName)) continue;
        let needs = releaseRequired.get(file);
        if (!needs) releaseRequired.set(file, (needs = new Map()));
        // Two layouts passing different classes under one key: the first in sorted order names it.
        if (!needs.has(argName)) needs.set(argName, pair);
      }
    }
  }
  for (const [file, needs] of releaseRequired)
    addPosition(required, file, [...needs.values()].sort().join(' '), position);
  log(
    `${release}: ${releaseReads.size} templates, ${releaseRequired.size} needing view models, ${argsByName.size} block names with arguments`,
  );
}

const document: LayoutArgumentIndexFile = {
  schema: LAYOUT_ARGUMENT_SCHEMA,
  generatedAt: newest,
  source:
    `controlaltdelete-nl/magento2-code-tracker branches ${branches[0]} … ${branches.at(-1)} (first install each)` +
    installTrees.map((t) => `; ${t.repo} ${t.ref} (${t.release})`).join(''),
  releases,
  reads: encodeTimelines(reads),
  required: encodeTimelines(required),
  provided: encodeTimelines(provided),
};
const { bytes } = writeChecksummedJson(args.out!, document);
tracker.close();
for (const tree of installTrees) tree.git.close();
log(
  `${releases.length} releases, ${reads.size} templates, ${required.size} needing view models, ${provided.size} block ` +
    `names with arguments, ${(bytes / 1024).toFixed(1)} KB → ${args.out}`,
);
