// End-to-end bench of `mageup verify` against a real Magento store (../shared/real-store/setup.sh: 2.4.7-p7 on :8247,
// SEARCH=fake for category listings and search). Runs verify before, plants one regression per probe class in the
// store, runs verify against the baseline, says for each planted change whether verify named it, restores every file
// it touched and prints the numbers.
//
//   node --import tsx bench/verify-real-store.ts            # STORE_URL, STORE_ROOT to point elsewhere
//   SKIP_CHANGES=1 node --import tsx bench/verify-real-store.ts   # timings only (smoke of one store view, default probes)
//   RESTORE=1 node --import tsx bench/verify-real-store.ts        # only put back what an interrupted run left planted
//   SKIP_SMOKE=1 …                                                # without the smoke-only timing run
//
// The store is marked staging for the run (a config file under bench/out), so the flows probe runs with
// --allow-writes: it adds to cart, reaches the payment step and registers test accounts (mageup-verify+…@example.com);
// it never places an order. The planted changes (each restored afterwards, then the caches flushed):
//   smoke     a PHP parse error in the category image template (Magento_Catalog)     → category page answers 500
//   smoke     an inline script that throws, in the product page's form template      → JavaScript exception
//   perf      usleep(600 ms) at the top of the cart template (never full-page cached)   → slower cart page
//   api       bin/magento module:disable Magento_SendFriendGraphQl                       → GraphQL fields removed
//   security  the store's router (phpserver/router.php, PHP's built-in server) serves any file under pub/ as a web
//             server without Magento's deny rules would, and a SQL dump and a .git directory are left in pub/
//                                                                                      → exposed files
//   visual    a style in the footer template that paints the home page's main column red → visual change
//   flows     the product page's add-to-cart button renamed (addtocart.phtml)          → checkout flow fails
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { renderVerify, runVerify, writeBaseline, type VerifyRun } from '../src/verify/index.js';
import type { ProbeName } from '../src/verify/types.js';

const URL_ = process.env.STORE_URL ?? 'http://127.0.0.1:8247/';
const ROOT = process.env.STORE_ROOT ?? '/srv/m247';
const OUT = join(import.meta.dirname, 'out', 'verify-real-store');
const SUFFIX = '.mageup-bench';

const FILES = {
  categoryImage: 'vendor/magento/module-catalog/view/frontend/templates/category/image.phtml',
  form: 'vendor/magento/module-catalog/view/frontend/templates/product/view/form.phtml',
  cart: 'vendor/magento/module-checkout/view/frontend/templates/cart.phtml',
  copyright: 'vendor/magento/module-theme/view/frontend/templates/html/copyright.phtml',
  addtocart: 'vendor/magento/module-catalog/view/frontend/templates/product/view/addtocart.phtml',
  router: 'phpserver/router.php',
  config: 'app/etc/config.php',
};
const PLANTED_FILES = ['pub/backup.sql', 'pub/.git'];

/** What each planted change must make verify say: probe class, change, rule and a pattern of its message. */
const EXPECT: { probe: ProbeName; change: string; rule: string; match: RegExp }[] = [
  {
    probe: 'smoke',
    change: 'parse error in the category image template',
    rule: 'verify/page-status',
    match: /category/,
  },
  {
    probe: 'smoke',
    change: 'throwing script in the product form template',
    rule: 'verify/js-error',
    match: /broken product widget/,
  },
  {
    probe: 'perf',
    // The cart: Magento never serves it from the full-page cache, so every perf sample runs the template (the search
    // results page was cached by the warm-up after planting, and its samples never ran the sleep).
    change: 'usleep(600 ms) in the cart template',
    rule: 'verify/perf-regression',
    match: /cart/,
  },
  {
    probe: 'api',
    change: 'Magento_SendFriendGraphQl disabled',
    rule: 'verify/graphql-removed',
    match: /send_?friend|sendEmailToFriend/i,
  },
  {
    probe: 'security',
    change: 'SQL dump served from pub/',
    rule: 'verify/exposed-file',
    match: /backup\.sql|SQL dump/,
  },
  { probe: 'security', change: '.git directory served from pub/', rule: 'verify/exposed-file', match: /\.git/ },
  { probe: 'visual', change: 'home page main column painted red', rule: 'verify/visual-change', match: /home/ },
  { probe: 'flows', change: 'add-to-cart button renamed', rule: 'verify/flow-failed', match: /checkout/ },
];

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
const load = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

function summary(run: VerifyRun): string {
  const lines = run.findings.map(
    (f) =>
      `  ${f.severity.padEnd(8)} ${f.ruleId}${run.comparison?.regressionFingerprints.includes(f.fingerprint) ? ' NEW' : ''}  ${f.message.slice(0, 220)}`,
  );
  return lines.join('\n');
}

/** Asks for every page of the baseline, one at a time, until it answers (a flushed Magento rebuilds its caches). */
async function warmUp(run: VerifyRun): Promise<string> {
  const t = performance.now();
  for (const page of run.pages) {
    const until = performance.now() + 180_000;
    while (performance.now() < until) {
      const status = await fetch(page.url, {
        redirect: 'manual',
        headers: { accept: 'text/html,*/*;q=0.8' },
        signal: AbortSignal.timeout(120_000),
      })
        .then(async (r) => (await r.arrayBuffer(), r.status))
        .catch(() => 0);
      if (status > 0) break;
    }
  }
  return seconds(performance.now() - t);
}

/** Puts back every file a run planted (also those of an interrupted run) and flushes the caches. */
function restore(): string[] {
  const done: string[] = [];
  for (const rel of Object.values(FILES)) {
    const file = join(ROOT, rel);
    if (existsSync(file + SUFFIX)) {
      renameSync(file + SUFFIX, file);
      done.push(rel);
    }
  }
  for (const rel of PLANTED_FILES)
    if (existsSync(join(ROOT, rel))) {
      rmSync(join(ROOT, rel), { recursive: true, force: true });
      done.push(rel);
    }
  if (done.length > 0) magento('cache:flush');
  return done;
}

async function main(): Promise<void> {
  const leftovers = restore();
  if (leftovers.length > 0) console.log(`restored what an earlier run left planted: ${leftovers.join(', ')}`);
  if (process.env.RESTORE) return;
  if (!(await reachable())) {
    console.log(
      `real store not reachable at ${URL_}: run MIRROR=… SEARCH=fake bash ../shared/real-store/setup.sh first (bench skipped)`,
    );
    return;
  }
  mkdirSync(OUT, { recursive: true });
  const configFile = join(OUT, 'mageup.config.yaml');
  writeFileSync(configFile, `verify:\n  staging: ["${URL_}"]\n`);

  // Smoke of one store view (≈ 15 pages, browser included).
  let t = performance.now();
  if (!process.env.SKIP_SMOKE) {
    const smoke = await runVerify({
      baseUrl: URL_,
      probes: ['smoke'],
      stores: ['default'],
      artifactsDir: join(OUT, 'smoke.files'),
    });
    const smokeMs = performance.now() - t;
    console.log(`smoke, one store view: ${smoke.pages.length} pages in ${seconds(smokeMs)} (load average ${load()})`);
  }

  // The baseline: the default probes, then the flows (timed apart: the default set's duration is the time before
  // the flows start).
  t = performance.now();
  let flowsAt = 0;
  const before = await runVerify({
    baseUrl: URL_,
    probes: ['smoke', 'perf', 'security', 'api', 'visual', ...(process.env.SKIP_CHANGES ? [] : ['flows' as const])],
    allowWrites: !process.env.SKIP_CHANGES,
    configFile,
    artifactsDir: join(OUT, 'before.files'),
    timeoutMs: 60_000,
    onProgress: (m) => {
      if (m === 'flows') flowsAt = performance.now();
    },
  });
  const beforeMs = performance.now() - t;
  writeBaseline(join(OUT, 'before.json'), before);
  writeFileSync(join(OUT, 'before.md'), renderVerify(before, 'md'));
  console.log(
    `default probes (smoke, perf, security, api, visual): ${seconds((flowsAt || performance.now()) - t)}` +
      (flowsAt ? `, then flows ${seconds(t + beforeMs - flowsAt)}` : '') +
      `; ${before.budget.requests} HTTP requests (load average ${load()})`,
  );
  console.log(renderVerify(before, 'text'));
  if (process.env.SKIP_CHANGES) return;

  // The original is moved aside and the planted file written anew: the tree may share its files by hard links with
  // another store (setup.sh upgrade-test's `cp -al` of /srv/m247), which an in-place write would change too.
  const touch = (rel: string, edit: (s: string) => string): void => {
    const file = join(ROOT, rel);
    renameSync(file, file + SUFFIX);
    writeFileSync(file, edit(readFileSync(file + SUFFIX, 'utf8')));
  };
  try {
    touch(FILES.categoryImage, (s) => `${s}\n<?php if ( ?>\n`);
    touch(FILES.form, (s) => `${s}\n<script>throw new Error('mageup bench: broken product widget');</script>\n`);
    touch(FILES.cart, (s) => `<?php usleep(600000); ?>\n${s}`);
    touch(FILES.copyright, (s) => `${s}\n<style>.cms-index-index .page-main{background:#c0392b}</style>\n`);
    touch(FILES.addtocart, (s) => s.replace('id="product-addtocart-button"', 'id="product-addtocart-button-renamed"'));
    touch(FILES.router, (s) =>
      s.replace(
        '<?php',
        `<?php\n// mageup bench: serve any file under pub/, as a web server without Magento's deny rules would\n` +
          `if (php_sapi_name() === 'cli-server') { $f = __DIR__ . '/../pub' . parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);\n` +
          `  if (is_file($f) && !preg_match('/\\\\.php$/', $f)) { readfile($f); return; } }\n`,
      ),
    );
    writeFileSync(
      join(ROOT, 'pub/backup.sql'),
      '-- MySQL dump 10.13  Distrib 10.11\n-- Host: 127.0.0.1    Database: m247\nCREATE TABLE `admin_user` (\n',
    );
    mkdirSync(join(ROOT, 'pub/.git'), { recursive: true });
    writeFileSync(join(ROOT, 'pub/.git/HEAD'), 'ref: refs/heads/main\n');
    writeFileSync(join(ROOT, 'pub/.git/config'), '[core]\n\trepositoryformatversion = 0\n');
    copyFileSync(join(ROOT, FILES.config), join(ROOT, FILES.config + SUFFIX)); // module:disable rewrites it
    magento('module:disable', 'Magento_SendFriendGraphQl');
    magento('cache:flush');
    console.log(`\nchanges planted, caches flushed; warm-up of the baseline's pages: ${await warmUp(before)}`);
    t = performance.now();
    const after = await runVerify({
      baseUrl: URL_,
      baseline: join(OUT, 'before.json'),
      probes: ['smoke', 'perf', 'security', 'api', 'visual', 'flows'],
      allowWrites: true,
      configFile,
      artifactsDir: join(OUT, 'after.files'),
      timeoutMs: 60_000,
    });
    const afterMs = performance.now() - t;
    writeFileSync(join(OUT, 'after.json'), `${JSON.stringify(after, null, 2)}\n`);
    writeFileSync(join(OUT, 'after.md'), renderVerify(after, 'md'));
    writeFileSync(join(OUT, 'after.html'), renderVerify(after, 'html'));
    console.log(`after the changes, against the baseline: ${seconds(afterMs)} (load average ${load()})`);
    console.log(
      `${after.comparison?.regressions} regressions, ${after.comparison?.fixed} fixed, ${after.comparison?.unchanged} unchanged`,
    );
    console.log('\nplanted change → what verify said');
    for (const e of EXPECT) {
      const hit = after.findings.find((f) => f.ruleId === e.rule && e.match.test(f.message));
      const isNew = hit && after.comparison?.regressionFingerprints.includes(hit.fingerprint);
      console.log(
        `  ${e.probe.padEnd(8)} ${e.change.padEnd(48)} ${hit ? `${hit.ruleId} ${hit.severity}${isNew ? ' NEW' : ''}: ${hit.message.slice(0, 160)}` : `NOT NAMED (expected ${e.rule})`}`,
      );
    }
    console.log('\nall findings after:');
    console.log(summary(after));
    console.log(`\nreports: ${OUT}/after.{md,html,json}`);
  } finally {
    const restored = restore();
    console.log(`store restored (${restored.join(', ')}; caches flushed); warm-up: ${await warmUp(before)}`);
  }
}

await main();
