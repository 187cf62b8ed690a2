#!/usr/bin/env -S node --import tsx
// Builds data/data-patch-config.json.gz: which core_config_data paths each of Magento's own data patches writes, read
// from the patch classes of every release branch of a fetched magento2-code-tracker snapshot (plus, optionally, more
// trees given as <git-dir>:<ref>). `db compare` uses it to call a config change made by a patch the upgrade applied
// expected instead of suspicious. Only the derived facts (class → paths) are written, never the PHP.
//
// A patch writes config when it (or a Setup helper of its module it calls, such as Directory's DataInstaller) touches
// `core_config_data`, Magento's config writer or the config resource model; the paths are the literal config paths
// and the `XML_PATH…` constants (resolved in their class) found in those files.
// Usage: node --import tsx scripts/build-data-patch-config.ts [code-tracker-git-dir] [extra-git-dir:ref …]
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { compareMagentoVersions } from '../src/knowledge/magento-version.js';
import { writeChecksummedJson } from '../src/knowledge/integrity.js';

const trackerDir = process.argv[2] ?? '/work/.mirror/controlaltdelete-nl+magento2-code-tracker/repo';
const extras = process.argv.slice(3);
const outFile = 'data/data-patch-config.json.gz';
if (!existsSync(trackerDir)) {
  console.error(`${trackerDir} does not exist: fetch controlaltdelete-nl/magento2-code-tracker first`);
  process.exit(2);
}

const git = (dir: string, ...args: string[]): string =>
  execFileSync('git', ['--git-dir', dir, ...args], { maxBuffer: 1 << 28 }).toString('utf8');

const WRITES_CONFIG =
  /core_config_data|Config\\Storage\\WriterInterface|\bWriterInterface\b|saveConfig\s*\(|Config\\Model\\ResourceModel\\Config\b|ReinitableConfigInterface/;
const PATH_LITERAL = /['"]([a-z][a-z0-9_]*\/[a-z0-9_]+\/[a-z0-9_]+(?:\/[a-z0-9_]+)*)['"]/g;
const CONSTANT_REF = /(\\?[A-Z][\w\\]*|self|static)::([A-Z][A-Z0-9_]*PATH[A-Z0-9_]*)/g;

interface Tree {
  label: string;
  dir: string;
  ref: string;
  files: Map<string, string>; // path → blob sha
}

const blobText = new Map<string, string>();
function read(tree: Tree, path: string): string | undefined {
  const sha = tree.files.get(path);
  if (!sha) return undefined;
  let text = blobText.get(sha);
  if (text === undefined) {
    text = git(tree.dir, 'cat-file', 'blob', sha);
    blobText.set(sha, text);
  }
  return text;
}

function listTree(dir: string, ref: string, label: string): Tree {
  const files = new Map<string, string>();
  for (const line of git(dir, 'ls-tree', '-r', '--full-tree', ref).split('\n')) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const path = line.slice(tab + 1);
    if (!path.startsWith('vendor/magento/') || !path.endsWith('.php')) continue;
    files.set(path, line.slice(0, tab).split(' ')[2] ?? '');
  }
  return { label, dir, ref, files };
}

/** `Magento\CatalogInventory\Model\X` → `vendor/magento/module-catalog-inventory/Model/X.php` (core modules only). */
function classFile(fqcn: string): string | undefined {
  const parts = fqcn.replace(/^\\/, '').split('\\');
  if (parts[0] !== 'Magento' || parts.length < 3) return undefined;
  if (parts[1] === 'Framework') return `vendor/magento/framework/${parts.slice(2).join('/')}.php`;
  const module = (parts[1] ?? '').replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  return `vendor/magento/module-${module}/${parts.slice(2).join('/')}.php`;
}

function phpContext(text: string): { namespace: string; uses: Map<string, string>; className?: string } {
  const namespace = /^\s*namespace\s+([\w\\]+)\s*;/m.exec(text)?.[1] ?? '';
  const uses = new Map<string, string>();
  for (const m of text.matchAll(/^\s*use\s+([\w\\]+)(?:\s+as\s+(\w+))?\s*;/gm)) {
    const full = m[1] ?? '';
    uses.set(m[2] ?? full.split('\\').pop() ?? '', full);
  }
  const className = /^\s*(?:final\s+|abstract\s+)*class\s+(\w+)/m.exec(text)?.[1];
  return { namespace, uses, ...(className ? { className } : {}) };
}

function resolveName(name: string, ctx: ReturnType<typeof phpContext>): string {
  if (name.startsWith('\\')) return name.slice(1);
  const [head, ...rest] = name.split('\\');
  const used = ctx.uses.get(head ?? '');
  if (used) return [used, ...rest].join('\\');
  return ctx.namespace ? `${ctx.namespace}\\${name}` : name;
}

function constantValue(tree: Tree, fqcn: string, constant: string, depth = 0): string | undefined {
  const file = classFile(fqcn);
  const text = file ? read(tree, file) : undefined;
  if (!text) return undefined;
  const m = new RegExp(`const\\s+${constant}\\s*=\\s*(['"])([^'"]+)\\1`).exec(text);
  if (m) return m[2];
  // An interface constant re-exposed by a class: follow `implements`/`extends` names one level.
  if (depth > 1) return undefined;
  const ctx = phpContext(text);
  const parents =
    /(?:extends|implements)\s+([\w\\,\s]+)\{/
      .exec(text)?.[1]
      ?.split(/[\s,]+/)
      .filter(Boolean) ?? [];
  for (const parent of parents) {
    if (parent === 'extends' || parent === 'implements') continue;
    const value = constantValue(tree, resolveName(parent, ctx), constant, depth + 1);
    if (value) return value;
  }
  return undefined;
}

/** Config paths a file writes: none unless it writes config at all. */
function pathsWritten(tree: Tree, path: string, text: string): Set<string> {
  const out = new Set<string>();
  if (!WRITES_CONFIG.test(text)) return out;
  const ctx = phpContext(text);
  for (const m of text.matchAll(PATH_LITERAL)) out.add(m[1] ?? '');
  for (const m of text.matchAll(CONSTANT_REF)) {
    const owner =
      m[1] === 'self' || m[1] === 'static' ? `${ctx.namespace}\\${ctx.className ?? ''}` : resolveName(m[1] ?? '', ctx);
    const value =
      m[1] === 'self' || m[1] === 'static'
        ? new RegExp(`const\\s+${m[2]}\\s*=\\s*(['"])([^'"]+)\\1`).exec(text)?.[2]
        : constantValue(tree, owner, m[2] ?? '');
    if (value && /^[a-z][a-z0-9_]*\/[a-z0-9_]+\/[a-z0-9_]+/.test(value)) out.add(value);
  }
  void path;
  return out;
}

/** Setup helpers of the patch's own module it depends on (constructor types under `<Module>\Setup`), factories too. */
function helpers(text: string): string[] {
  const ctx = phpContext(text);
  const moduleNs = ctx.namespace.split('\\').slice(0, 2).join('\\');
  const out = new Set<string>();
  for (const full of ctx.uses.values()) {
    if (!full.startsWith(`${moduleNs}\\Setup\\`) || full.includes('\\Patch\\')) continue;
    out.add(full.replace(/Factory$/, ''));
  }
  return [...out];
}

const patches = new Map<string, { paths: Set<string>; releases: Set<string> }>();
function scan(tree: Tree): void {
  for (const path of tree.files.keys()) {
    if (!/^vendor\/magento\/[^/]+\/Setup\/Patch\/Data\/[^/]+\.php$/.test(path)) continue;
    const text = read(tree, path) ?? '';
    const ctx = phpContext(text);
    if (!ctx.className) continue;
    const fqcn = `${ctx.namespace}\\${ctx.className}`;
    const paths = pathsWritten(tree, path, text);
    for (const helper of helpers(text)) {
      const file = classFile(helper);
      const helperText = file ? read(tree, file) : undefined;
      if (file && helperText) for (const p of pathsWritten(tree, file, helperText)) paths.add(p);
    }
    if (paths.size === 0) continue;
    const entry = patches.get(fqcn) ?? { paths: new Set<string>(), releases: new Set<string>() };
    for (const p of paths) entry.paths.add(p);
    entry.releases.add(tree.label);
    patches.set(fqcn, entry);
  }
}

const branches = git(trackerDir, 'for-each-ref', '--format=%(refname:short)', 'refs/heads/')
  .split('\n')
  .filter((ref) => /^magento-2\.\d+\.\d+(-p\d+)?$/.test(ref))
  .sort((a, b) => compareMagentoVersions(a.slice(8), b.slice(8)));
const sources: string[] = [`controlaltdelete-nl/magento2-code-tracker (${branches.length} release branches)`];
for (const branch of branches) scan(listTree(trackerDir, branch, branch.slice('magento-'.length)));
for (const extra of extras) {
  const [dir, ref = 'HEAD', label = ref] = extra.split(':');
  if (!dir || !existsSync(dir)) {
    console.error(`${extra}: not a git directory, skipped`);
    continue;
  }
  scan(listTree(dir, ref, label));
  sources.push(`${dir}:${ref}`);
}

const document = {
  schema: 1,
  sources,
  patches: Object.fromEntries(
    [...patches.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([fqcn, e]) => [
        fqcn,
        { paths: [...e.paths].sort(), releases: [...e.releases].sort(compareMagentoVersions) },
      ]),
  ),
};
const { bytes } = writeChecksummedJson(outFile, document);
console.log(
  `${outFile}: ${patches.size} data patches write ${new Set([...patches.values()].flatMap((e) => [...e.paths])).size} config paths (${bytes} bytes)`,
);
