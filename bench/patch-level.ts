#!/usr/bin/env -S node --import tsx
/**
 * A real isolated patch file on a real tree: rebuilds the 2.4.7-p10 (or another line's) originals of every file Adobe's
 * July 2026 patch changes from fetched git objects (controlaltdelete-nl/magento2-code-tracker, lrvipuls/mage247: files
 * unchanged since those releases have the same blob), reads the patch level, applies the real patch file from the
 * fetched SamJUK/m2-meta-security-patches snapshot (tag 2026.07.14, Adobe's files byte for byte) with `git apply`,
 * reads it again, then reverts half of the files and reads it a third time. Nothing fetched is committed; the tree is
 * built in a temporary directory and removed.
 *
 * `--level 2026-aug --line 2.4.9` does the same with a later file read from `--patch-dir` (the copies pinned in
 * scripts/data/patch-levels.sources.json `patchFiles`; a copy whose SHA-256 differs is refused).
 *
 * Usage: node --import tsx bench/patch-level.ts [--line 2.4.7] [--level 2026-jul] [--mirror /work/.mirror]
 *        [--patch-dir ~/.cache/mageup-build/patch-files]
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadPatchLevels, projectPatchLevel } from '../src/knowledge/patch-levels.js';
import { loadProject } from '../src/project/load.js';

const { values: args } = parseArgs({
  options: {
    line: { type: 'string', default: '2.4.7' },
    level: { type: 'string', default: '2026-jul' },
    mirror: { type: 'string', default: '/work/.mirror' },
    'patch-dir': { type: 'string', default: join(homedir(), '.cache', 'mageup-build', 'patch-files') },
  },
});
const data = loadPatchLevels();
const record = data.patches.find((p) => p.line === args.line && p.level === args.level);
const samjuk = join(args.mirror!, 'SamJUK+m2-meta-security-patches', 'repo');
const trees = ['controlaltdelete-nl+magento2-code-tracker', 'lrvipuls+mage247']
  .map((r) => join(args.mirror!, r, 'repo'))
  .filter(existsSync);
if (!record?.files || !existsSync(samjuk) || trees.length === 0) {
  console.log(
    `absent: needs the fetched SamJUK/m2-meta-security-patches and a Magento tree mirror (${trees.length} found)`,
  );
  process.exit(0);
}
const git = (dir: string, ...a: string[]): Buffer =>
  execFileSync('git', ['--git-dir', dir, ...a], { maxBuffer: 1 << 26 });
const blob = (id: string): Buffer | undefined => {
  for (const dir of trees) {
    try {
      return git(dir, 'cat-file', 'blob', id);
    } catch {
      // not in this mirror
    }
  }
  return undefined;
};

/** Adobe's file: July's from SamJUK's first tag (byte for byte), later ones from the pinned copies. */
function adobeFile(name: string): Buffer {
  if (args.level === '2026-jul') {
    const ref = '2026.07.14';
    const path = git(samjuk, 'ls-tree', '-r', '--name-only', ref, 'patches/isolated')
      .toString()
      .split('\n')
      .find((p) => p.endsWith(name));
    if (!path) throw new Error(`${name} is not in ${ref}`);
    return git(samjuk, 'show', `${ref}:${path}`);
  }
  const sources = JSON.parse(
    readFileSync(join(import.meta.dirname, '../scripts/data/patch-levels.sources.json'), 'utf8'),
  ) as { patchFiles?: Record<string, { sha256: string }> };
  const pin = sources.patchFiles?.[name];
  const path = join(args['patch-dir']!, name);
  if (!pin || !existsSync(path)) throw new Error(`${name}: no pinned copy in ${args['patch-dir']}`);
  const bytes = readFileSync(path);
  if (createHash('sha256').update(bytes).digest('hex') !== pin.sha256)
    throw new Error(`${name}: SHA-256 is not the pin`);
  return bytes;
}

const root = mkdtempSync(join(tmpdir(), 'mageup-patch-bench-'));
const write = (path: string, content: Buffer | string): void => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
};
try {
  const t0 = performance.now();
  write(
    'composer.json',
    JSON.stringify({ name: 'bench/store', require: { 'magento/product-community-edition': record.requires } }),
  );
  write(
    'composer.lock',
    JSON.stringify({
      packages: [{ name: 'magento/product-community-edition', version: record.requires, type: 'metapackage' }],
    }),
  );
  const missing: string[] = [];
  for (const f of record.files) {
    if (f.before === null) continue;
    const content = blob(f.before);
    if (content) write(f.path, content);
    else missing.push(f.path);
  }
  const level = async (): Promise<string> => {
    const status = projectPatchLevel(await loadProject(root), data);
    const own = status?.patches.find((p) => p.level.level === args.level);
    return `${status?.label}  [${args.level}: ${own?.state}, ${own?.evidence.join('; ')}]`;
  };
  const rebuilt = record.files.filter((f) => f.before !== null).length - missing.length;
  console.log(
    `${record.id}: ${rebuilt} of ${record.files.filter((f) => f.before !== null).length} originals rebuilt from fetched trees` +
      (missing.length ? ` (absent: ${missing.join(', ')})` : ''),
  );
  console.log(`before the patch: ${await level()}`);

  const name = `${record.id}.patch`;
  writeFileSync(join(root, 'adobe.patch'), adobeFile(name));
  // The Commerce Version Tool that July's file creates is not rebuilt, so a later file's update of it is left out.
  const tool =
    existsSync(join(root, 'vendor/bin/patch-status')) || args.level === '2026-jul' ? [] : ['vendor/bin/patch-status'];
  const excludes = [...missing, ...tool].map((m) => `--exclude=${m}`);
  execFileSync('git', ['apply', '--unsafe-paths', ...excludes, 'adobe.patch'], { cwd: root });
  console.log(`after git apply of Adobe's ${name}: ${await level()}`);

  const present = record.files.filter((f) => f.before !== null && !missing.includes(f.path));
  const half = present.slice(0, Math.min(10, Math.ceil(present.length / 2)));
  for (const f of half) write(f.path, blob(f.before!)!);
  console.log(
    `after reverting ${half.length} files (as a composer reinstall of some packages would): ${await level()}`,
  );
  console.log(`total ${((performance.now() - t0) / 1000).toFixed(2)} s`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
