// Rules judge their context only (issue #19): the facts a rule needs (class model, release knowledge, project model)
// are built once in src/check/ and passed in RuleContext. A static scan of src/rules/ keeps it so: no rule file reads
// the disk (node:fs, a knowledge loader) nor keeps a module-level cache of facts.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const RULES_DIR = fileURLToPath(new URL('.', import.meta.url));

/** Every source file of src/rules/ but the tests. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

const name = (file: string): string => relative(RULES_DIR, file).replace(/\\/g, '/');

/** Modules that read the disk. */
const DISK_MODULES = new Set(['fs', 'fs/promises', 'node:fs', 'node:fs/promises']);
/**
 * Knowledge loaders: `load…`/`read…` by convention, and the functions of src/knowledge/ that read the shipped data or
 * a cache under another name.
 */
const LOADER_NAME = /^(load|read)[A-Z]/;
const OTHER_LOADERS = new Set([
  'releaseComposer',
  'nearestReleaseComposer',
  'nearestTemplateRecord',
  'targetInstalls',
  'supplementIndex',
  'releaseLookup',
  'extensionSnapshot',
  'defaultDataDir',
  'kbStatus',
]);
/** Named like a loader, but parse text they are given. */
const PARSERS = new Set(['readGraphqlSchema']);

/** `file: what` for each disk read a file imports (values only: a type import reads nothing). */
function diskImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/^import\s+(type\s+)?([\s\S]*?)\s*from\s*'([^']+)';/gm)) {
    if (m[1]) continue;
    const [, , clause = '', from = ''] = m;
    if (DISK_MODULES.has(from)) found.push(`${name(file)}: ${from}`);
    const bindings = /\{([\s\S]*)\}/.exec(clause)?.[1] ?? '';
    for (const raw of bindings.split(',')) {
      const binding = raw.trim();
      if (!binding || binding.startsWith('type ')) continue;
      const imported = binding.split(/\s+as\s+/)[0]!.trim();
      if ((LOADER_NAME.test(imported) && !PARSERS.has(imported)) || OTHER_LOADERS.has(imported))
        found.push(`${name(file)}: ${imported}`);
    }
  }
  if (/\bimport\(\s*['"`]|\brequire\(\s*['"`]|\bcreateRequire\b/.test(text))
    found.push(`${name(file)}: dynamic import`);
  return found;
}

/**
 * Module-level mutable state of a rule folder's file: a top-level `let`, a WeakMap/WeakSet, or an empty Map/Set
 * filled later (a constant lookup table, `new Set([...])`, is fine). The top-level files of src/rules/ (registry,
 * rule machinery, test helpers) are not rules.
 */
function moduleCaches(file: string): string[] {
  if (!name(file).includes('/')) return [];
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/^(?:export\s+)?let\s+(\w+)/gm)) found.push(`${name(file)}: let ${m[1]}`);
  for (const m of text.matchAll(
    /^(?:export\s+)?const\s+(\w+)(?:\s*:[^=]+)?\s*=\s*new\s+(\w+)\s*(?:<[^(]*>)?\s*\(\s*\)/gm,
  ))
    found.push(`${name(file)}: ${m[1]} = new ${m[2]}()`);
  for (const m of text.matchAll(/^(?:export\s+)?const\s+(\w+)(?:\s*:[^=]+)?\s*=\s*new\s+(Weak(?:Map|Set))\b/gm))
    if (!found.includes(`${name(file)}: ${m[1]} = new ${m[2]}()`)) found.push(`${name(file)}: ${m[1]} = new ${m[2]}`);
  return found;
}

/**
 * Not yet moved to src/check/ (issue #19): none. This list only shrinks: a rule that needs a new fact gets it in the
 * context, built once in check/.
 */
const NOT_YET_MOVED: string[] = [];

test('no rule file reads the disk or keeps a module-level cache: facts come from check/ in the context', () => {
  const files = sources(RULES_DIR);
  const found = [...files.flatMap(diskImports), ...files.flatMap(moduleCaches)].sort();
  assert.deepEqual(found, NOT_YET_MOVED);
});

test('the scan sees what it looks for', () => {
  assert.ok(LOADER_NAME.test('loadDbSchemaIndex') && LOADER_NAME.test('readManifest') && !LOADER_NAME.test('reader'));
  const cache = /^(?:export\s+)?const\s+(\w+)(?:\s*:[^=]+)?\s*=\s*new\s+(\w+)\s*(?:<[^(]*>)?\s*\(\s*\)/m;
  assert.ok(cache.test('const byName = new Map<string, Rule>();'));
  assert.ok(!cache.test("const NAMES = new Set(['name']);"));
});
