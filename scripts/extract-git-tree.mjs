#!/usr/bin/env node
// Extracts one ref of a bare git snapshot into a directory, skipping blobs the snapshot lacks (fetched snapshots
// may list their largest files without holding them). Used by bench/ and scripts/ to get real Magento trees.
// Usage: node scripts/extract-git-tree.mjs <git-dir> <ref> <out-dir> [path-prefix]
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, renameSync, existsSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';

const [gitDir, ref, outDir, prefix = ''] = process.argv.slice(2);
if (!gitDir || !ref || !outDir) {
  console.error('usage: extract-git-tree.mjs <git-dir> <ref> <out-dir> [path-prefix]');
  process.exit(2);
}
if (existsSync(outDir)) {
  console.error(`${outDir} exists already: nothing to do`);
  process.exit(0);
}
const tmp = `${outDir}.partial-${process.pid}`;
rmSync(tmp, { recursive: true, force: true });
const listing = execFileSync(
  'git',
  ['-C', gitDir, 'ls-tree', '-r', '-z', '--full-tree', ref, ...(prefix ? [prefix] : [])],
  {
    maxBuffer: 1 << 30,
  },
);
const entries = listing
  .toString('utf8')
  .split('\0')
  .filter(Boolean)
  .map((line) => {
    const tab = line.indexOf('\t');
    const [mode, type, sha] = line.slice(0, tab).split(' ');
    return { mode, type, sha, path: line.slice(tab + 1) };
  })
  .filter((e) => e.type === 'blob');

const cat = spawn('git', ['-C', gitDir, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'inherit'] });
let buffer = Buffer.alloc(0);
let index = 0;
let missing = 0;
const done = new Promise((resolve) => cat.on('close', resolve));
cat.stdout.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const nl = buffer.indexOf(10);
    if (nl < 0) return;
    const header = buffer.subarray(0, nl).toString();
    const entry = entries[index];
    if (header.endsWith(' missing')) {
      missing++;
      buffer = buffer.subarray(nl + 1);
      index++;
      continue;
    }
    const size = Number(header.split(' ')[2]);
    if (buffer.length < nl + 1 + size + 1) return;
    const content = buffer.subarray(nl + 1, nl + 1 + size);
    buffer = buffer.subarray(nl + 1 + size + 1);
    index++;
    const target = join(tmp, entry.path);
    mkdirSync(dirname(target), { recursive: true });
    if (entry.mode === '120000') symlinkSync(content.toString(), target);
    else writeFileSync(target, content, { mode: entry.mode === '100755' ? 0o755 : 0o644 });
  }
});
for (const e of entries) cat.stdin.write(`${e.sha}\n`);
cat.stdin.end();
await done;
renameSync(tmp, outDir);
console.error(
  `extracted ${entries.length - missing} files of ${ref} into ${outDir} (${missing} blobs absent from the snapshot)`,
);
