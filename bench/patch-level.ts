#!/usr/bin/env -S node --import tsx
/**
 * A real isolated patch file on a real tree: rebuilds the 2.4.7-p10 (or another line's) originals of every file Adobe's
 * July 2026 patch changes from fetched git objects (controlaltdelete-nl/magento2-code-tracker, lrvipuls/mage247: files
 * unchanged since those releases have the same blob), reads the patch level, applies the real patch file from the
 * fetched SamJUK/m2-meta-security-patches snapshot (tag 2026.07.14, Adobe's files byte for byte) with `git apply`,
 * reads it again, then reverts half of the files and reads it a third time. Nothing fetched is committed; the tree is
 * built in a temporary directory and removed.
 *
 * Usage: node --import tsx bench/patch-level.ts [--line 2.4.7] [--mirror /work/.mirror]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadPatchLevels, projectPatchLevel } from '../src/knowledge/patch-levels.js';
import { loadProject } from '../src/project/load.js';

const { values: args } = parseArgs({
  options: { line: { type: 'string', default: '2.4.7' }, mirror: { type: 'string', default: '/work/.mirror' } },
});
const data = loadPatchLevels();
const record = data.patches.find((p) => p.line === args.line && p.level === '2026-jul');
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
    const jul = status?.patches.find((p) => p.level.level === '2026-jul');
    return `${status?.label}  [2026-jul: ${jul?.state}, ${jul?.evidence.join('; ')}]`;
  };
  const rebuilt = record.files.filter((f) => f.before !== null).length - missing.length;
  console.log(
    `${record.id}: ${rebuilt} of ${record.files.filter((f) => f.before !== null).length} originals rebuilt from fetched trees` +
      (missing.length ? ` (absent: ${missing.join(', ')})` : ''),
  );
  console.log(`before the patch: ${await level()}`);

  const ref = '2026.07.14';
  const path = git(samjuk, 'ls-tree', '-r', '--name-only', ref, 'patches/isolated')
    .toString()
    .split('\n')
    .find((p) => p.endsWith(`${record.id}.patch`));
  if (!path) throw new Error(`${record.id}.patch is not in ${ref}`);
  writeFileSync(join(root, 'july.patch'), git(samjuk, 'show', `${ref}:${path}`));
  const excludes = missing.map((m) => `--exclude=${m}`);
  execFileSync('git', ['apply', '--unsafe-paths', ...excludes, 'july.patch'], { cwd: root });
  console.log(`after git apply of Adobe's ${path.split('/').pop()}: ${await level()}`);

  const half = record.files.filter((f) => f.before !== null && !missing.includes(f.path)).slice(0, 10);
  for (const f of half) write(f.path, blob(f.before!)!);
  console.log(
    `after reverting ${half.length} files (as a composer reinstall of some packages would): ${await level()}`,
  );
  console.log(`total ${((performance.now() - t0) / 1000).toFixed(2)} s`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
