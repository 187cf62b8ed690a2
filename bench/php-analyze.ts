/**
 * Bench: analyse every PHP file of a real Magento tree with the worker pool and report files/s, total time,
 * files with syntax errors and peak memory.
 *
 *   node --import tsx bench/php-analyze.ts [--root DIR] [--workers N] [--full] [--phtml] [--cache DIR|--no-cache]
 *
 * Default root: /work/trees/magento2-os-2.4.4 (tag `magento2-os-2.4.4` of speedupmate/Magento2-OS-Mirror, extracted
 * with scripts/extract-git-tree.mjs). Default mode: declarations only (what `mageup index` needs); `--full` adds
 * references (what `mageup check` needs). Without `--cache` the cache is off, so the numbers are for parsing; with
 * `--cache DIR` the directory is emptied, then two runs are timed: cold (parse + fill the cache) and warm (cache hits).
 * CPU time is reported too: on a shared machine wall time says more about the neighbours than about us.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { analyzeFiles, type FileToAnalyze } from '../src/php/pool.js';

const { values } = parseArgs({
  options: {
    root: { type: 'string', default: '/work/trees/magento2-os-2.4.4' },
    workers: { type: 'string', default: '2' },
    full: { type: 'boolean', default: false },
    phtml: { type: 'boolean', default: false },
    cache: { type: 'string' },
  },
});

const root = values.root;
if (!existsSync(root)) {
  console.log(`bench/php-analyze: ${root} is absent. Extract it first:`);
  console.log(
    '  node scripts/extract-git-tree.mjs /work/.mirror/speedupmate+Magento2-OS-Mirror/repo magento2-os-2.4.4 /work/trees/magento2-os-2.4.4',
  );
  process.exit(0);
}

function listPhp(dir: string, out: FileToAnalyze[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) listPhp(path, out);
    else if (entry.isFile() && (entry.name.endsWith('.php') || (values.phtml && entry.name.endsWith('.phtml')))) {
      out.push({ path, file: relative(root, path) });
    }
  }
}

const listStart = performance.now();
const files: FileToAnalyze[] = [];
listPhp(root, files);
const listMs = performance.now() - listStart;

const workers = Number(values.workers);
const cacheDir = values.cache ?? false;
if (cacheDir !== false) rmSync(cacheDir, { recursive: true, force: true });

console.log(`root:           ${root}`);
console.log(`mode:           ${values.full ? 'full (declarations + references)' : 'declarations only'}`);
console.log(`workers:        ${workers}; cache: ${cacheDir === false ? 'off' : cacheDir}`);
console.log(`files:          ${files.length} listed in ${(listMs / 1000).toFixed(1)} s`);

for (const run of cacheDir === false ? ['no cache'] : ['cold cache', 'warm cache']) {
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const { results, problems } = await analyzeFiles(files, { workers, cacheDir, declarationsOnly: !values.full });
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;

  const byCode = new Map<string, number>();
  for (const p of problems) byCode.set(p.code, (byCode.get(p.code) ?? 0) + 1);
  const classes = results.reduce((n, r) => n + r.classes.length, 0);
  const references = results.reduce((n, r) => n + r.references.length, 0);
  console.log(`-- ${run}`);
  console.log(`analysed:       ${results.length} files, ${classes} classes, ${references} references`);
  console.log(`time:           ${seconds.toFixed(1)} s wall (${Math.round(files.length / seconds)} files/s)`);
  console.log(
    `cpu:            ${cpuSeconds.toFixed(1)} s (all threads; ${(cpuSeconds / workers).toFixed(1)} s per worker if the cores were free)`,
  );
  console.log(`files with syntax errors: ${byCode.get('php-syntax') ?? 0}`);
  console.log(`problems:       ${[...byCode].map(([code, n]) => `${code} ${n}`).join(', ') || 'none'}`);
}
console.log(`peak RSS:       ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
