/**
 * Bench: the HTML report budgets (issue 6) for a check result of 10,000 generated findings (40 modules, every severity,
 * one in ten with an upstream diff in `details`):
 *   1. render (`renderCheckHtml`): < 2 s;
 *   2. open in Chromium (playwright-core with /usr/bin/chromium, or MAGEUP_CHROMIUM): from navigation until the page
 *      script has built the charts and the sortable, filterable table (`html[data-ready="1"]`): < 3 s.
 * Each is measured --runs times (default 3; the first open includes Chromium's warm-up of a new page) and the worst is
 * judged. Prints the numbers, the page size, this process's peak RSS and the peak RSS of the Chromium processes.
 * Usage: node --import tsx bench/html-report.ts [--runs N] [--findings N]
 * Exit code 1 when a budget is missed (numbers measured on a loaded machine are pessimistic).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { makeFinding, SEVERITIES } from '../src/core/finding.js';
import type { CheckResult } from '../src/check/types.js';
import { renderCheckHtml } from '../src/report/html/render-html.js';
import { hostileCheckResult } from '../test/fixtures/reports/hostile-check-result.js';

const RENDER_BUDGET_MS = 2000;
const OPEN_BUDGET_MS = 3000;
const CHROMIUM = process.env.MAGEUP_CHROMIUM ?? '/usr/bin/chromium';

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, findings: { type: 'string', default: '10000' } },
});
const runs = Math.max(1, Number(args.runs));
const count = Math.max(1, Number(args.findings));

/** The hostile fixture's frame (project, summary, problems) with `n` generated findings, as the browser test did. */
function generatedResult(n: number): CheckResult {
  const result = hostileCheckResult();
  result.findings = Array.from({ length: n }, (_, i) => ({
    ...makeFinding({
      ruleId: i % 10 === 0 ? 'overrides/core-template' : 'php-api/missing-method',
      severity: SEVERITIES[i % 4]!,
      category: i % 10 === 0 ? 'overrides' : 'php-api',
      module: `Acme_M${i % 40}`,
      package: `acme/m${i % 40}`,
      file: `app/code/Acme/M${i % 40}/Model/F${i}.php`,
      line: (i % 300) + 1,
      message: `Method Foo::bar${i}() is removed`,
      recommendation: 'Use baz()',
      effort: { hours: 1, confidence: 'low' },
      subject: `s${i}`,
      ...(i % 10 === 0 ? { details: upstreamDiff(i) } : {}),
    }),
    target: '2.4.8',
  }));
  return result;
}

function upstreamDiff(i: number): string {
  const lines = [
    '--- a/view/frontend/templates/list.phtml',
    '+++ b/view/frontend/templates/list.phtml',
    '@@ -1,6 +1,6 @@',
  ];
  for (let l = 0; l < 6; l++)
    lines.push(
      l === 3
        ? `-<?= $block->getOld(${i}) ?>\n+<?= $escaper->escapeHtml($block->getNew(${i})) ?>`
        : ` <div class="row-${l}">`,
    );
  return lines.join('\n');
}

/** Peak RSS (VmHWM) summed over the descendants of a process (here: Chromium's), from /proc; 0 without /proc. */
function descendantsPeakRssKb(root: number): number {
  const parentOf = new Map<number, number>();
  if (!existsSync('/proc')) return 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  for (const pid of parentOf.keys()) {
    let p: number | undefined = pid;
    while (p !== undefined && p > 1 && p !== root) p = parentOf.get(p);
    if (p !== root || pid === root) continue;
    try {
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      total += hwm ? Number(hwm[1]) : 0;
    } catch {
      // Ended meanwhile.
    }
  }
  return total;
}

const ms = (n: number): string => `${Math.round(n)} ms`;
const result = generatedResult(count);
const scratch = mkdtempSync(join(tmpdir(), 'mageup-bench-html-'));
const file = join(scratch, 'report.html');
console.log(
  `HTML report of ${count.toLocaleString('en')} findings · load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);

const renderTimes: number[] = [];
let html = '';
for (let run = 0; run < runs; run++) {
  const started = performance.now();
  html = renderCheckHtml(result);
  renderTimes.push(performance.now() - started);
}
writeFileSync(file, html);
console.log(
  `render: ${renderTimes.map(ms).join(', ')} · worst ${ms(Math.max(...renderTimes))} (budget ${RENDER_BUDGET_MS} ms) · ` +
    `${(Buffer.byteLength(html) / 1024 / 1024).toFixed(1)} MB of HTML`,
);

let openWorst = Number.POSITIVE_INFINITY;
if (!existsSync(CHROMIUM)) {
  console.log(`open: skipped, ${CHROMIUM} is absent (set MAGEUP_CHROMIUM or install Debian's chromium)`);
} else {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const openTimes: number[] = [];
    for (let run = 0; run < runs; run++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const started = performance.now();
      await page.goto(pathToFileURL(file).href, { timeout: 30_000 });
      await page.waitForSelector('html[data-ready="1"]', { timeout: 30_000 });
      openTimes.push(performance.now() - started);
      const rows = await page.$$eval('#findings tbody tr', (r) => r.length);
      const bars = await page.$$eval('figure.chart svg rect', (r) => r.length);
      if (rows !== count || bars === 0 || errors.length > 0)
        throw new Error(`the page is not complete: ${rows} rows, ${bars} bars, errors: ${errors.join('; ')}`);
      await page.close();
    }
    openWorst = Math.max(...openTimes);
    const chromiumMb = descendantsPeakRssKb(process.pid) / 1024;
    console.log(
      `open in Chromium until charts and table are ready: ${openTimes.map(ms).join(', ')} · worst ${ms(openWorst)} ` +
        `(budget ${OPEN_BUDGET_MS} ms) · Chromium peak RSS ${chromiumMb.toFixed(0)} MB (sum over its processes)`,
    );
  } finally {
    await browser.close();
  }
}
rmSync(scratch, { recursive: true, force: true });
console.log(`peak RSS of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);

const renderOk = Math.max(...renderTimes) < RENDER_BUDGET_MS;
const openOk = !existsSync(CHROMIUM) || openWorst < OPEN_BUDGET_MS;
console.log(
  `budgets: render ${renderOk ? 'OK' : 'OVER'} · open ${existsSync(CHROMIUM) ? (openOk ? 'OK' : 'OVER') : 'not measured'}`,
);
if (!renderOk || !openOk) process.exitCode = 1;
