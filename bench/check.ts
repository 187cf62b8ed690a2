/**
 * Bench: `mageup check` budgets (issue 4), measured in this process (wall time, peak RSS including worker threads).
 *   1. examples/sample-store → 2.4.8: < 2 s.
 *   2. the complete 2.4.4 install with all third-party vendor code (/work/trees/magento2-os-2.4.4, extracted from the
 *      fetched speedupmate/Magento2-OS-Mirror) → 2.4.8: ≤ 15 s on 2 cores, < 1 GB peak. Skipped when absent.
 *   3. one extension (paypal/module-braintree-core copied out of that tree to a temporary directory) against five
 *      targets: ≤ 5 s. Skipped when the tree is absent.
 * Each case runs cold (no PHP analysis cache: a fresh temporary cache directory) and then warm (same cache).
 * Usage: node --import tsx bench/check.ts [--workers N]
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCheck } from '../src/check/run-check.js';
import type { CheckOptions } from '../src/check/types.js';
import { fixedClock } from '../src/knowledge/clock.js';

const SAMPLE = fileURLToPath(new URL('../examples/sample-store', import.meta.url));
const TREE_244 = '/work/trees/magento2-os-2.4.4';
const EXTENSION = `${TREE_244}/vendor/paypal/module-braintree-core`;
const workersArg = process.argv.indexOf('--workers');
const workers = workersArg > 0 ? Number(process.argv[workersArg + 1]) : undefined;
const scratch = mkdtempSync(join(tmpdir(), 'mageup-bench-check-'));

interface Case {
  name: string;
  budgetMs: number;
  options: Omit<CheckOptions, 'cacheDir'>;
  available: boolean;
  why?: string;
}

const cases: Case[] = [
  {
    name: 'sample store → 2.4.8',
    budgetMs: 2000,
    options: { path: SAMPLE, to: '2.4.8' },
    available: existsSync(SAMPLE),
    why: 'examples/sample-store is absent',
  },
  {
    name: 'Magento 2.4.4 install (all vendor code) → 2.4.8',
    budgetMs: 15000,
    options: { path: TREE_244, to: '2.4.8' },
    available: existsSync(TREE_244),
    why: `${TREE_244} is not extracted (node scripts/extract-git-tree.mjs …)`,
  },
  {
    name: 'extension paypal/module-braintree-core → 5 targets',
    budgetMs: 5000,
    options: { path: join(scratch, 'module-braintree-core'), to: ['2.4.4', '2.4.5', '2.4.6', '2.4.7', '2.4.8'] },
    available: existsSync(EXTENSION),
    why: `${EXTENSION} is absent`,
  },
];
if (existsSync(EXTENSION)) cpSync(EXTENSION, join(scratch, 'module-braintree-core'), { recursive: true });

try {
  for (const c of cases) {
    if (!c.available) {
      console.log(`${c.name}: skipped (${c.why})`);
      continue;
    }
    const cacheDir = mkdtempSync(join(scratch, 'cache-'));
    const timings: number[] = [];
    let line = '';
    for (const run of ['cold', 'warm']) {
      const started = performance.now();
      const result = await runCheck({ ...c.options, cacheDir, workers, clock: fixedClock('2026-11-23') });
      const ms = performance.now() - started;
      timings.push(ms);
      const s = result.summary;
      line =
        `${result.findings.length} findings (${s.bySeverity.critical} critical, ${s.bySeverity.error} error, ` +
        `${s.bySeverity.warning} warning, ${s.bySeverity.info} info), ${s.files.total} files under check, ` +
        `${result.problems.length} problems`;
      console.log(`${c.name} [${run}]: ${(ms / 1000).toFixed(2)} s`);
    }
    const peakMb = process.resourceUsage().maxRSS / 1024;
    const worst = Math.max(...timings);
    console.log(`  ${line}`);
    console.log(
      `  budget ${(c.budgetMs / 1000).toFixed(0)} s: ${worst <= c.budgetMs ? 'OK' : 'OVER'} · peak RSS so far ${peakMb.toFixed(0)} MB` +
        `${peakMb < 1024 ? '' : ' (over 1 GB)'}`,
    );
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
