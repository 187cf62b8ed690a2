// Timing bench of `mageup verify` against the fixture storefront (test/fixtures/storefront/server.ts) on 127.0.0.1:
// the smoke of one store view with the browser, then the whole default probe set over both store views, each phase
// timed from verify's own progress messages. Needs Debian's chromium (MAGEUP_CHROMIUM); prints the load average,
// because these machines are shared and the numbers move with it.
//
//   node --import tsx bench/verify-fixture.ts           # PROBES=smoke STORES=default to time one configuration
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { runVerify, type ProbeName, type VerifyRun } from '../src/verify/index.js';
import { startStorefront } from '../test/fixtures/storefront/server.js';

const PROJECT = fileURLToPath(new URL('../test/fixtures/verify-project', import.meta.url));
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

async function timed(
  label: string,
  opts: { probes?: ProbeName[]; stores?: string[] },
  url: string,
  dir: string,
): Promise<VerifyRun> {
  const phases: { name: string; at: number }[] = [];
  const t0 = performance.now();
  const before = load();
  const run = await runVerify({
    baseUrl: url,
    projectDir: PROJECT,
    artifactsDir: join(dir, label),
    ...(opts.probes ? { probes: opts.probes } : {}),
    ...(opts.stores ? { stores: opts.stores } : {}),
    onProgress: (m) => phases.push({ name: m, at: performance.now() - t0 }),
  });
  const total = performance.now() - t0;
  const pages = run.pages.filter((p) => p.http || p.browser).length;
  console.log(
    `${label}: ${seconds(total)} for ${pages} pages, ${run.budget.requests} requests, ${run.findings.length} findings (load ${before} → ${load()}, ${cpus().length} cores)`,
  );
  // Phases overlap (the browser pass, security and API run side by side): each line is when it started.
  for (const p of phases) console.log(`  at ${seconds(p.at).padStart(7)}  ${p.name}`);
  return run;
}

async function main(): Promise<void> {
  const store = await startStorefront();
  const dir = mkdtempSync(join(tmpdir(), 'mageup-verify-bench-'));
  try {
    const only = process.env.PROBES;
    if (only) {
      await timed(
        only.replace(/,/g, '+'),
        {
          probes: only.split(',') as ProbeName[],
          ...(process.env.STORES ? { stores: process.env.STORES.split(',') } : {}),
        },
        store.url,
        dir,
      );
      return;
    }
    // Budgets of issue #14: smoke of one store view ≤ 30 s, the whole default probe set ≤ 3 min (2 cores).
    await timed('smoke, one store view', { probes: ['smoke'], stores: ['default'] }, store.url, dir);
    await timed('default probes, every store view', {}, store.url, dir);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
