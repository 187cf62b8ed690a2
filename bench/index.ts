#!/usr/bin/env -S node --import tsx
/**
 * Bench of the package API index:
 *   1. `mageup index` on a full Magento tree (default /work/trees/magento2-os-2.4.4: extract it with
 *      `node scripts/extract-git-tree.mjs <speedupmate mirror> magento2-os-2.4.4 /work/trees/magento2-os-2.4.4`);
 *      budget: under 30 s on 2 cores;
 *   2. loading the shipped index of a release and looking symbols up (budget: load < 1 s, lookups in microseconds).
 * Usage: node --import tsx bench/index.ts [--tree DIR] [--workers N] [--release 2.4.4] [--skip-tree]
 * Prints what it measured and the machine load; a part whose input is absent is skipped with a note.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir, availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { indexTree } from '../src/indexer/index-tree.js';
import { clearApiCache, loadSymbolIndex } from '../src/knowledge/api/index.js';

const { values: args } = parseArgs({
  options: {
    tree: { type: 'string', default: '/work/trees/magento2-os-2.4.4' },
    workers: { type: 'string', default: '2' },
    release: { type: 'string', default: '2.4.4' },
    data: { type: 'string', default: resolve(import.meta.dirname, '../data/api') },
    'skip-tree': { type: 'boolean', default: false },
  },
});

const load = (): string =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
console.log(`machine: ${availableParallelism()} CPUs, load average ${load()}`);

if (!args['skip-tree']) {
  if (!existsSync(join(args.tree!, 'vendor/composer/installed.json'))) {
    console.log(`index: ${args.tree} is not an installed tree (absent): skipped`);
  } else {
    const out = mkdtempSync(join(tmpdir(), 'mageup-bench-index-'));
    try {
      const result = await indexTree(args.tree!, { out, workers: Number(args.workers) });
      console.log(
        `index: ${result.packages} packages, ${result.phpFiles} PHP files, ${result.classes} classes in ` +
          `${(result.durationMs / 1000).toFixed(1)} s with ${args.workers} workers (budget 30 s); ` +
          `${result.problems.length} problems; index ${(result.bytes / 1e6).toFixed(1)} MB; phases (ms) ${JSON.stringify(result.timings)}; load average after ${load()}`,
      );
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }
}

if (!existsSync(join(args.data!, 'manifest.json'))) {
  console.log(`lookup: no shipped index at ${args.data}: skipped`);
} else {
  clearApiCache();
  let t = performance.now();
  const index = await loadSymbolIndex({ release: args.release! }, { dataDir: args.data! });
  const loadMs = performance.now() - t;
  t = performance.now();
  const product = index.getClass('Magento\\Catalog\\Model\\Product');
  const firstMs = performance.now() - t;
  const names = [
    'Magento\\Catalog\\Model\\Product',
    'Magento\\Framework\\App\\Action\\Action',
    'Magento\\Sales\\Model\\Order',
    'Magento\\Customer\\Api\\CustomerRepositoryInterface',
    'Monolog\\Logger',
    'Magento\\Does\\Not\\Exist',
  ];
  for (const name of names) index.getClass(name); // first touches load the packages
  const rounds = 100_000;
  t = performance.now();
  for (let i = 0; i < rounds; i++) index.getClass(names[i % names.length]!);
  const perLookupUs = ((performance.now() - t) * 1000) / rounds;
  clearApiCache();
  t = performance.now();
  const all = await loadSymbolIndex({ release: args.release! }, { dataDir: args.data! });
  const count = all.classNames().length;
  const fullMs = performance.now() - t;
  console.log(
    `lookup (${args.release}): manifest load ${loadMs.toFixed(0)} ms; first lookup (reads magento/module-catalog) ` +
      `${firstMs.toFixed(0)} ms (${product?.methods.length ?? 0} methods); cached lookup ${perLookupUs.toFixed(2)} µs; ` +
      `decoding every package of the release (${count} classes) ${fullMs.toFixed(0)} ms`,
  );
}
