// End-to-end bench of `mageup verify` against a real Magento store (../shared/real-store/setup.sh: 2.4.7-p7 on :8247,
// SEARCH=fake for category listings and search). Runs verify before, plants regressions in the store, runs verify
// against the baseline, restores every file it touched, and prints what verify saw with its numbers.
//
//   node --import tsx bench/verify-real-store.ts            # STORE_URL, STORE_ROOT to point elsewhere
//   SKIP_CHANGES=1 node --import tsx bench/verify-real-store.ts   # timings only (smoke of one store view, default probes)
//
// The planted changes (each restored afterwards, then the caches flushed):
//   1. a PHP parse error in the category toolbar template (Magento_Catalog)          → category page answers 500
//   2. an inline script that throws, in the product page's form template             → JavaScript exception
//   3. usleep(600 ms) at the top of the search results template                     → slower search page
//   4. bin/magento module:disable Magento_WishlistGraphQl                             → GraphQL fields removed
//   5. a SQL dump left in pub/ (backup.sql)                                          → exposed file
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { renderVerify, runVerify, writeBaseline, type VerifyRun } from '../src/verify/index.js';

const URL_ = process.env.STORE_URL ?? 'http://127.0.0.1:8247/';
const ROOT = process.env.STORE_ROOT ?? '/srv/m247';
const OUT = join(import.meta.dirname, 'out', 'verify-real-store');

const TEMPLATES = {
  toolbar: 'vendor/magento/module-catalog/view/frontend/templates/product/list/toolbar.phtml',
  form: 'vendor/magento/module-catalog/view/frontend/templates/product/view/form.phtml',
  search: 'vendor/magento/module-catalog-search/view/frontend/templates/result.phtml',
};

async function reachable(): Promise<boolean> {
  try {
    const res = await fetch(URL_, { signal: AbortSignal.timeout(60_000) });
    return res.status === 200;
  } catch {
    return false;
  }
}

function magento(...args: string[]): void {
  execFileSync('php', ['-d', 'memory_limit=2G', join(ROOT, 'bin/magento'), ...args], {
    cwd: ROOT,
    stdio: 'pipe',
    timeout: 300_000,
  });
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

function summary(run: VerifyRun): string {
  const lines = run.findings.map(
    (f) =>
      `  ${f.severity.padEnd(8)} ${f.ruleId}${run.comparison?.regressionFingerprints.includes(f.fingerprint) ? ' NEW' : ''}  ${f.message}`,
  );
  return lines.join('\n');
}

async function main(): Promise<void> {
  if (!(await reachable())) {
    console.log(
      `real store not reachable at ${URL_}: run MIRROR=… SEARCH=fake bash ../shared/real-store/setup.sh first (bench skipped)`,
    );
    return;
  }
  mkdirSync(OUT, { recursive: true });
  const load = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

  // Smoke of one store view (≈ 15 pages, browser included).
  let t = performance.now();
  const smoke = await runVerify({
    baseUrl: URL_,
    probes: ['smoke'],
    stores: ['default'],
    artifactsDir: join(OUT, 'smoke.files'),
  });
  const smokeMs = performance.now() - t;
  console.log(`smoke, one store view: ${smoke.pages.length} pages in ${seconds(smokeMs)} (load average ${load()})`);

  t = performance.now();
  const before = await runVerify({ baseUrl: URL_, artifactsDir: join(OUT, 'before.files'), timeoutMs: 60_000 });
  const beforeMs = performance.now() - t;
  writeBaseline(join(OUT, 'before.json'), before);
  writeFileSync(join(OUT, 'before.md'), renderVerify(before, 'md'));
  console.log(
    `default probes (${before.probes.join(', ')}): ${seconds(beforeMs)}, ${before.budget.requests} requests (load average ${load()})`,
  );
  console.log(renderVerify(before, 'text'));
  if (process.env.SKIP_CHANGES) return;

  const backups: [string, string][] = [];
  const touch = (rel: string, edit: (s: string) => string): void => {
    const file = join(ROOT, rel);
    const backup = `${file}.mageup-bench`;
    copyFileSync(file, backup);
    backups.push([file, backup]);
    writeFileSync(file, edit(readFileSync(file, 'utf8')));
  };
  const dump = join(ROOT, 'pub', 'backup.sql');
  const configBackup = join(ROOT, 'app/etc/config.php.mageup-bench');
  try {
    touch(TEMPLATES.toolbar, (s) => `${s}\n<?php if ( ?>\n`);
    touch(TEMPLATES.form, (s) => `${s}\n<script>throw new Error('mageup bench: broken product widget');</script>\n`);
    touch(TEMPLATES.search, (s) => `<?php usleep(600000); ?>\n${s}`);
    writeFileSync(
      dump,
      '-- MySQL dump 10.13  Distrib 10.11\n-- Host: 127.0.0.1    Database: m247\nCREATE TABLE `admin_user` (\n',
    );
    copyFileSync(join(ROOT, 'app/etc/config.php'), configBackup);
    magento('module:disable', 'Magento_WishlistGraphQl');
    magento('cache:flush');
    t = performance.now();
    const after = await runVerify({
      baseUrl: URL_,
      baseline: join(OUT, 'before.json'),
      artifactsDir: join(OUT, 'after.files'),
    });
    const afterMs = performance.now() - t;
    writeFileSync(join(OUT, 'after.json'), `${JSON.stringify(after, null, 2)}\n`);
    writeFileSync(join(OUT, 'after.md'), renderVerify(after, 'md'));
    writeFileSync(join(OUT, 'after.html'), renderVerify(after, 'html'));
    console.log(`\nafter the changes, against the baseline: ${seconds(afterMs)} (load average ${load()})`);
    console.log(
      `${after.comparison?.regressions} regressions, ${after.comparison?.fixed} fixed, ${after.comparison?.unchanged} unchanged`,
    );
    console.log(summary(after));
    console.log(`\nreports: ${OUT}/after.{md,html,json}`);
  } finally {
    for (const [file, backup] of backups.reverse()) {
      copyFileSync(backup, file);
      rmSync(backup);
    }
    rmSync(dump, { force: true });
    if (existsSync(configBackup)) {
      copyFileSync(configBackup, join(ROOT, 'app/etc/config.php'));
      rmSync(configBackup);
    }
    magento('cache:flush');
    console.log('store restored (templates, pub/backup.sql, config.php; caches flushed)');
  }
}

await main();
