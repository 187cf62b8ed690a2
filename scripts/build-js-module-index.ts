#!/usr/bin/env -S node --import tsx
/**
 * Regenerates `data/js-modules.json.gz`: for every release in controlaltdelete-nl/magento2-code-tracker (branches
 * magento-2.3.0 … , first install of each) and the verified full installs of scripts/install-trees.ts, the RequireJS
 * aliases of every core requirejs-config.js (modules' view/<area>/ and themes'; `map['*']` and `paths`), the jQuery
 * version of lib/web/jquery.js, the jquery-migrate a core config loads by default (`deps`), and which removed jQuery
 * APIs (WATCHED_JQUERY_APIS) jQuery core or that migrate still defines, and the method names every JS file of a
 * module's view/<area>/web and of lib/web/mage defines (read by the project model's engine, readJsSource). Configs,
 * jQuery and modules are parsed with acorn, never run. Module files and their hashes are the file-hash index's
 * (scripts/build-file-hash-index.ts).
 *
 * Usage: node --import tsx scripts/build-js-module-index.ts [--mirror DIR] [--out FILE]
 * Deterministic: the same snapshots give the same bytes.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'acorn';
import type { Node as AcornNode } from 'acorn';
import type { GitObjects } from '../src/indexer/git-objects.js';
import { writeChecksummedJson } from '../src/knowledge/integrity.js';
import { addPosition, encodeRanges, encodeTimelines, type PositionTable } from '../src/knowledge/ranges.js';
import { readRequireJsConfig } from '../src/project/customizations/requirejs.js';
import { isProjectJs, readJsSource, walk } from '../src/project/customizations/js-source.js';
import {
  JS_MODULE_FILE,
  JS_MODULE_SCHEMA,
  WATCHED_JQUERY_APIS,
  type JsModuleIndexFile,
} from '../src/knowledge/js-modules/format.js';
import { openReleaseInstalls } from './install-trees.js';

const { values: args } = parseArgs({
  options: {
    mirror: { type: 'string', default: '/work/.mirror' },
    out: { type: 'string', default: resolve(import.meta.dirname, `../data/${JS_MODULE_FILE}`) },
  },
});
const log = (m: string): void => void process.stderr.write(`${m}\n`);
const { tracker, branches, installTrees, installs } = await openReleaseInstalls(args.mirror!, log);

interface ConfigFacts {
  map: [string, string][];
  paths: [string, string][];
  deps: string[];
}
const configCache = new Map<string, ConfigFacts>();
const apiCache = new Map<string, Set<string>>();
const methodCache = new Map<string, string | null>();
const moduleNameCache = new Map<string, string | undefined>();

/** `Magento_Checkout view/frontend/web/js/sidebar.js` or `lib mage/menu.js` for a path under vendor/magento. */
async function methodKey(git: GitObjects, path: string, byPath: Map<string, string>): Promise<string | undefined> {
  if (!isProjectJs(path)) return undefined;
  const lib = /^magento2-base\/lib\/web\/(mage\/.+)$/.exec(path);
  if (lib) return `lib ${lib[1]}`;
  const module = /^(module-[^/]+)\/(view\/(?:base|frontend|adminhtml)\/web\/.+)$/.exec(path);
  if (!module) return undefined;
  const xml = byPath.get(`${module[1]}/etc/module.xml`);
  if (!xml) return undefined;
  if (!moduleNameCache.has(xml))
    moduleNameCache.set(xml, /<module\b[^>]*\bname\s*=\s*"([^"]+)"/.exec((await git.readText(xml)) ?? '')?.[1]);
  const name = moduleNameCache.get(xml);
  return name ? `${name} ${module[2]}` : undefined;
}

/** The file's method names, space-separated; null when it does not parse or is too big to be a hand-written module. */
async function methodsOf(git: GitObjects, sha: string): Promise<string | null> {
  if (methodCache.has(sha)) return methodCache.get(sha)!;
  const source = (await git.readText(sha)) ?? '';
  const problems: { message: string }[] = [];
  const facts = readJsSource(source, sha, 'base', problems as never);
  const names = problems.length > 0 || source.length > 512 * 1024 ? null : facts.methods.join(' ');
  methodCache.set(sha, names);
  return names;
}

/** Where a core config applies: `view/<area>/requirejs-config.js` of a module, or a theme package's area. */
function areaOf(path: string): string | undefined {
  const module = /^module-[^/]+\/view\/(base|frontend|adminhtml)\/requirejs-config\.js$/.exec(path);
  if (module) return module[1];
  const theme = /^theme-(frontend|adminhtml)-[^/]+\/(?:[A-Z][A-Za-z0-9]*_[A-Za-z0-9]+\/)?requirejs-config\.js$/.exec(
    path,
  );
  return theme?.[1];
}

async function configFacts(git: GitObjects, sha: string, path: string): Promise<ConfigFacts> {
  let facts = configCache.get(sha);
  if (facts) return facts;
  const source = (await git.readText(sha)) ?? '';
  const problems: { message: string }[] = [];
  const config = readRequireJsConfig(source, path, problems as never);
  for (const p of problems) log(`warning: ${p.message}`);
  facts = { map: config.map.map((m) => [m.from, m.to]), paths: config.paths.map((p) => [p.from, p.to]), deps: [] };
  // `deps` (what every page loads) is read here only: the project model does not need it.
  walk(parseScript(source), (node) => {
    if (node.type !== 'Property') return;
    const key = propertyName(node);
    const value = (node as unknown as { value: AcornNode }).value as AcornNode & { elements?: AcornNode[] };
    if (key !== 'deps' || value.type !== 'ArrayExpression') return;
    for (const e of value.elements ?? []) {
      const v = (e as { value?: unknown } | null)?.value;
      if (typeof v === 'string') facts!.deps.push(v);
    }
  });
  configCache.set(sha, facts);
  return facts;
}

function parseScript(source: string): AcornNode {
  try {
    return parse(source, { ecmaVersion: 'latest', sourceType: 'script', allowHashBang: true });
  } catch {
    return parse('', { ecmaVersion: 'latest' });
  }
}

function propertyName(node: AcornNode): string | undefined {
  const p = node as unknown as { key: { type: string; name?: string; value?: unknown }; computed?: boolean };
  if (p.key.type === 'Identifier' && !p.computed) return p.key.name;
  return typeof p.key.value === 'string' ? p.key.value : undefined;
}

function memberName(node: AcornNode): string | undefined {
  const m = node as unknown as {
    type: string;
    computed: boolean;
    property: { type: string; name?: string; value?: unknown };
  };
  if (m.type !== 'MemberExpression') return undefined;
  if (!m.computed && m.property.type === 'Identifier') return m.property.name;
  return typeof m.property.value === 'string' ? m.property.value : undefined;
}

/** `jQuery`, `jQuery.fn`, `jQuery.prototype` (or `$…`): the objects the watched APIs live on. */
function isJqueryObject(node: AcornNode): boolean {
  const n = node as unknown as { type: string; name?: string; object?: AcornNode };
  if (n.type === 'Identifier') return n.name === 'jQuery' || n.name === '$';
  const name = memberName(node);
  return (name === 'fn' || name === 'prototype') && isJqueryObject(n.object!);
}

/** The jqXHR object of jQuery's ajax() (`jqXHR`) and migrate's wrapper (`jQXHR`), or `deferred.promise( jqXHR )`. */
function isJqXhrObject(node: AcornNode): boolean {
  const n = node as unknown as { type: string; name?: string; arguments?: AcornNode[] };
  if (n.type === 'Identifier') return /^jqxhr$/i.test(n.name ?? '');
  return n.type === 'CallExpression' && (n.arguments ?? []).some((a) => isJqXhrObject(a));
}

/**
 * Watched APIs a jQuery (or migrate) file defines: `jQuery.fn.X = …`, `X:` in `jQuery.fn.extend({…})`/`jQuery.extend`,
 * or migrate's `migrateWarnFunc(jQuery.fn, "X", …)` / `migrateWarnProp(jQuery, "X", …)`; the jqXHR callbacks as
 * `jqXHR.success = jqXHR.done` (jQuery 1.x) or migrate's `migrateWarnFunc(jQXHR, "success", …)`.
 */
async function definedApis(git: GitObjects, sha: string): Promise<Set<string>> {
  let found = apiCache.get(sha);
  if (found) return found;
  found = new Set();
  const watched = new Set<string>(WATCHED_JQUERY_APIS);
  walk(parseScript((await git.readText(sha)) ?? ''), (node) => {
    const n = node as unknown as Record<string, AcornNode & Record<string, unknown>>;
    if (node.type === 'AssignmentExpression') {
      const left = n.left!;
      const name = memberName(left);
      if (name && watched.has(name) && isJqueryObject(left.object as AcornNode)) found!.add(name);
      if (name && watched.has(`jqXHR.${name}`) && isJqXhrObject(left.object as AcornNode)) found!.add(`jqXHR.${name}`);
    } else if (node.type === 'CallExpression') {
      const callArgs = (node as unknown as { arguments: AcornNode[] }).arguments;
      const callee = n.callee!;
      const [first, second] = callArgs;
      const literal = (second as { value?: unknown } | undefined)?.value;
      if (first && isJqueryObject(first) && typeof literal === 'string' && watched.has(literal)) found!.add(literal);
      if (first && isJqXhrObject(first) && typeof literal === 'string' && watched.has(`jqXHR.${literal}`))
        found!.add(`jqXHR.${literal}`);
      if (memberName(callee) === 'extend' && isJqueryObject(callee.object as AcornNode)) {
        for (const arg of callArgs) {
          if (arg.type !== 'ObjectExpression') continue;
          for (const prop of (arg as unknown as { properties: AcornNode[] }).properties) {
            const key = prop.type === 'Property' ? propertyName(prop) : undefined;
            if (key && watched.has(key)) found!.add(key);
          }
        }
      }
    }
  });
  apiCache.set(sha, found);
  return found;
}

const releases: string[] = [];
const map: PositionTable = new Map();
const paths: PositionTable = new Map();
const jquery = new Map<string, number[]>();
const migrate = new Map<string, number[]>();
const provides = new Map<string, number[]>();
const methods: PositionTable = new Map();
let newest = '';
const push = (table: Map<string, number[]>, key: string, position: number): void =>
  void table.set(key, [...(table.get(key) ?? []), position]);

for (const { git, commit, release } of installs) {
  if (releases.includes(release)) continue;
  const position = releases.push(release) - 1;
  const date = git.commitDate(commit);
  if (date > newest) newest = date;
  const entries = git.lsTree(`${commit}:vendor/magento`, true);
  const byPath = new Map(entries.map((e) => [e.path, e.sha]));
  // Per area, what this release's configs say; an id two configs alias differently stays unresolved ('').
  const seenMap = new Map<string, string>();
  const seenPaths = new Map<string, string>();
  const deps = new Set<string>();
  for (const entry of entries
    .filter((e) => e.path.endsWith('requirejs-config.js'))
    .sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const area = areaOf(entry.path);
    if (!area) continue;
    const facts = await configFacts(git, entry.sha, entry.path);
    for (const [from, to] of facts.map) {
      const key = `${area} ${from}`;
      seenMap.set(key, seenMap.has(key) && seenMap.get(key) !== to ? '' : to);
    }
    for (const [from, to] of facts.paths) {
      const key = `${area} ${from}`;
      seenPaths.set(key, seenPaths.has(key) && seenPaths.get(key) !== to ? '' : to);
    }
    for (const d of facts.deps) deps.add(d);
  }
  for (const [key, to] of seenMap) addPosition(map, key, to, position);
  for (const [key, to] of seenPaths) addPosition(paths, key, to, position);

  const jquerySha = byPath.get('magento2-base/lib/web/jquery.js');
  const apis = new Set<string>();
  if (jquerySha) {
    const text = (await git.readText(jquerySha)) ?? '';
    const version = /jQuery JavaScript Library v(\d[\w.-]*)/.exec(text)?.[1];
    if (version) push(jquery, version, position);
    for (const api of await definedApis(git, jquerySha)) apis.add(api);
  } else log(`warning: ${release} has no lib/web/jquery.js`);
  const migrateSha = byPath.get('magento2-base/lib/web/jquery/jquery-migrate.js');
  if (migrateSha && deps.has('jquery/jquery-migrate')) {
    const text = (await git.readText(migrateSha)) ?? '';
    const version = /Migrate\s*-\s*v(\d[\w.-]*)/i.exec(text)?.[1] ?? 'unknown';
    push(migrate, version, position);
    for (const api of await definedApis(git, migrateSha)) apis.add(api);
  }
  for (const api of apis) push(provides, api, position);
  let files = 0;
  for (const entry of entries) {
    const key = await methodKey(git, entry.path, byPath);
    if (!key) continue;
    const names = await methodsOf(git, entry.sha);
    if (names === null) continue;
    addPosition(methods, key, names, position);
    files++;
  }
  log(
    `${release}: ${seenMap.size} map, ${seenPaths.size} paths, jQuery ${jquerySha ? [...jquery].find(([, p]) => p.includes(position))?.[0] : '-'}, provides ${[...apis].sort().join(' ') || '-'}, ${files} JS files' methods`,
  );
}

const document: JsModuleIndexFile = {
  schema: JS_MODULE_SCHEMA,
  generatedAt: newest,
  source:
    `controlaltdelete-nl/magento2-code-tracker branches ${branches[0]} … ${branches.at(-1)} (first install each)` +
    installTrees.map((t) => `; ${t.repo} ${t.ref} (${t.release})`).join(''),
  releases,
  map: encodeTimelines(map),
  paths: encodeTimelines(paths),
  jquery: [...jquery].map(([v, p]) => [v, encodeRanges(p)]),
  migrate: [...migrate].map(([v, p]) => [v, encodeRanges(p)]),
  provides: Object.fromEntries([...provides].sort().map(([api, p]) => [api, encodeRanges(p)])),
  methods: encodeTimelines(methods),
};
const { bytes } = writeChecksummedJson(args.out!, document);
tracker.close();
for (const tree of installTrees) tree.git.close();
log(
  `${releases.length} releases, ${map.size} map ids, ${paths.size} path ids, ${methods.size} JS files with methods, ` +
    `${(bytes / 1024).toFixed(1)} KB → ${args.out}`,
);
