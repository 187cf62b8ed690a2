import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Command } from 'commander';
import { register as registerAudit } from '../src/cli/commands/audit.js';
import { runCheck } from '../src/check/index.js';
import { SEVERITIES } from '../src/core/finding.js';
import { loadReleaseCatalog } from '../src/knowledge/catalog.js';
import { readExcerpts } from '../src/report/html/excerpt.js';
import { renderCheckHtml } from '../src/report/html/render-html.js';
import { renderCheckReport } from '../src/report/json/render-report.js';
import { hostileCheckResult } from './fixtures/reports/hostile-check-result.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../src/verify/browser.js';

const CHROMIUM = CHROMIUM_PATH;
const ARGS = CHROMIUM_ARGS;

/** Screenshots and PDFs stay here for a person to look at (the path is printed). */
const outDir = process.env.MAGEUP_TEST_OUTPUT ?? mkdtempSync(join(tmpdir(), 'mageup-html-'));
mkdirSync(outDir, { recursive: true });

describe('HTML report in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  const result = hostileCheckResult();
  const file = join(outDir, 'report.html');

  before(async () => {
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} missing: scripts/ensure-env.sh installs Debian's chromium`);
    const evil = result.findings[0]!;
    writeFileSync(
      file,
      renderCheckHtml(result, {
        endOfSupport: { '2.4.6-p3': '2025-08-11', '2.4.8': '2028-04-11' },
        excerpts: new Map([
          [
            evil.fingerprint,
            {
              firstLine: 1,
              line: 3,
              lines: [
                '<?php',
                'namespace Evil;',
                'use Magento\\Framework\\Foo; // </pre><script>window.__pwned=3</script>',
                '',
                'class Thing {}',
              ],
            },
          ],
        ]),
      }),
    );
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('html[data-ready="1"]', { timeout: 5000 });
  });

  after(async () => {
    await browser?.close();
    process.stdout.write(`# HTML report, screenshot and PDF in ${outDir}\n`);
  });

  it('shows the executive summary first', async () => {
    assert.equal((await page.textContent('#card-findings .v'))?.trim(), '6');
    assert.equal((await page.textContent('#card-risk .v'))?.trim(), 'HIGH');
    assert.equal((await page.textContent('#card-effort .v'))?.trim(), '1 day');
    assert.match((await page.textContent('#card-current .s')) ?? '', /2025-08-11/);
    assert.match((await page.textContent('#card-security .v')) ?? '', /1 issue/);
    const blockers = await page.$$eval('#blockers li', (lis) => lis.map((li) => li.textContent ?? ''));
    assert.equal(blockers.length, 2, 'the security advisory is listed under Security, not as a blocker');
    // acme/module-foo's finding is its package action (2 h, per package): a tie on hours, then by message.
    assert.match(blockers[0]!, /<b>Bar<\/b>/, 'HTML in a message is shown as text');
    assert.match(blockers[1]!, /^critical upgrade acme\/module-foo to 2\.0\.0 <b>or later<\/b>/, 'the package action');
    const order = await page.$$eval('main > section', (s) => s.map((x) => x.id));
    assert.deepEqual(order.slice(0, 3), ['summary', 'charts', 'details']);
  });

  it('ran no injected script and requested nothing but the page', async () => {
    assert.equal(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned), undefined);
    assert.deepEqual(requests, [pathToFileURL(file).href]);
    assert.deepEqual(consoleErrors, []);
    assert.equal(await page.$$eval('script', (s) => s.length), 1);
    assert.equal(await page.$$eval('img', (s) => s.length), 0);
  });

  it('draws the charts', async () => {
    const charts = await page.$$eval('figure.chart svg', (svgs) =>
      svgs.map((svg) => ({ width: svg.getBoundingClientRect().width, bars: svg.querySelectorAll('rect').length })),
    );
    assert.equal(charts.length, 4);
    for (const chart of charts) {
      assert.ok(chart.width > 100);
      assert.ok(chart.bars > 0);
    }
  });

  it('filters and sorts the findings table', async () => {
    const visible = (): Promise<number> =>
      page.$$eval(
        '#findings tbody tr',
        (rows) => rows.filter((r) => !(r as unknown as { hidden: boolean }).hidden).length,
      );
    assert.equal(await visible(), 6);
    await page.selectOption('#f-severity', 'critical');
    assert.equal(await visible(), 2);
    assert.equal((await page.textContent('#shown'))?.trim(), '2 of 6 rows shown');
    await page.selectOption('#f-severity', '');
    await page.fill('#f-text', 'CVE-2024');
    assert.equal(await visible(), 1);
    await page.fill('#f-text', '');
    const effortHeader = page.locator('#findings th', { hasText: 'Effort' });
    await effortHeader.click();
    await effortHeader.click();
    const efforts = await page.$$eval('#findings tbody tr td:nth-child(6)', (cells) =>
      cells.map((c) => c.getAttribute('data-value')),
    );
    // acme/module-foo's 3 h finding is its package action's 2 h (effort per package, not per finding).
    assert.deepEqual(efforts.slice(0, 2), ['2', '2']);
    await page.locator('#findings th', { hasText: 'Severity' }).click();
    const severities = await page.$$eval('#findings tbody tr', (rows) =>
      rows.map((r) => r.getAttribute('data-severity')),
    );
    assert.deepEqual(severities, ['critical', 'critical', 'error', 'warning', 'warning', 'info']);
  });

  it('shows the code excerpt as text', async () => {
    await page.click('details.code summary');
    const excerpt = await page.textContent('pre.excerpt');
    assert.match(excerpt ?? '', /<\/pre><script>window.__pwned=3<\/script>/);
    assert.match((await page.textContent('pre.excerpt .hit')) ?? '', /^3 {2}use Magento/);
  });

  it('takes a screenshot and prints to an A4 PDF with the print stylesheet', async () => {
    await page.screenshot({ path: join(outDir, 'report.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    assert.equal(
      await page.$eval(
        '.filters',
        (e) =>
          (globalThis as unknown as { getComputedStyle(e: unknown): { display: string } }).getComputedStyle(e).display,
      ),
      'none',
    );
    await page.emulateMedia({ media: 'screen' });
    const pdf = await page.pdf({ format: 'A4', path: join(outDir, 'report.pdf') });
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    // A4 portrait MediaBox: 595 x 842 points.
    assert.match(readFileSync(join(outDir, 'report.pdf')).toString('latin1'), /MediaBox \[0 0 59[45]\.?\d* 84[12]/);
  });

  it('opens the report of the sample store check: summary numbers, a filter, no console error, no request', async () => {
    const store = fileURLToPath(new URL('../examples/sample-store', import.meta.url));
    const checked = await runCheck({ path: store, to: '2.4.8', cacheDir: false, workers: 1 });
    const catalog = loadReleaseCatalog();
    const endOfSupport: Record<string, string | null> = {};
    for (const v of [checked.current.version, '2.4.8']) if (v) endOfSupport[v] = catalog.get(v)?.endOfSupport ?? null;
    const storeFile = join(outDir, 'sample-store.html');
    writeFileSync(
      storeFile,
      renderCheckReport(checked, 'html', {
        endOfSupport,
        excerpts: readExcerpts(checked.project.root, checked.findings),
      }),
    );
    const s = checked.summary;
    assert.ok(s.findings > 0, 'the sample store has upgrade issues to show');

    const storePage = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const seen: string[] = [];
    const errors: string[] = [];
    storePage.on('request', (r) => seen.push(r.url()));
    storePage.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    storePage.on('pageerror', (e) => errors.push(e.message));
    await storePage.goto(pathToFileURL(storeFile).href);
    await storePage.waitForSelector('html[data-ready="1"]', { timeout: 5000 });

    assert.equal((await storePage.textContent('#card-findings .v'))?.trim(), String(s.findings));
    assert.equal(
      (await storePage.textContent('#card-findings .s'))?.trim(),
      SEVERITIES.map((sev) => `${s.bySeverity[sev]} ${sev}`).join(' · '),
    );
    assert.equal((await storePage.textContent('#card-current .v'))?.trim(), checked.current.version ?? 'unknown');
    assert.equal((await storePage.textContent('#card-target .v'))?.trim(), '2.4.8');
    assert.equal(
      (await storePage.textContent('#card-modules .v'))?.trim(),
      `${s.modules.needingUpdate} of ${s.modules.total}`,
    );
    assert.match(
      (await storePage.textContent('#card-effort .s')) ?? '',
      new RegExp(`^${s.effortHours} developer hours`),
    );
    const security = checked.findings.filter((f) => f.category === 'security').length;
    assert.match(
      (await storePage.textContent('#card-security .v')) ?? '',
      security === 0 ? /none found/ : new RegExp(`^${security} issue`),
    );

    const visible = (): Promise<number> =>
      storePage.$$eval(
        '#findings tbody tr',
        (rows) => rows.filter((r) => !(r as unknown as { hidden: boolean }).hidden).length,
      );
    // One row per finding, except a third-party extension's: one row per package action holds them.
    const rolled = s.actions.reduce((n, a) => n + a.findings, 0);
    const rows = s.findings - rolled + s.actions.length;
    assert.ok(s.actions.length > 0 && rolled > s.actions.length, 'the sample store has extension actions');
    assert.equal(await visible(), rows);
    const worst = SEVERITIES.find((sev) => s.bySeverity[sev] > 0)!;
    const held = new Set(s.actions.flatMap((a) => a.fingerprints.map((fp) => `${a.package} ${fp}`)));
    const worstRows =
      checked.findings.filter((f) => f.severity === worst && !held.has(`${f.package} ${f.fingerprint}`)).length +
      s.actions.filter((a) => a.severity === worst).length;
    await storePage.selectOption('#f-severity', worst);
    assert.equal(await visible(), worstRows);
    assert.equal((await storePage.textContent('#shown'))?.trim(), `${worstRows} of ${rows} rows shown`);
    assert.equal(await storePage.locator('#findings tr.action details.rolled').count(), s.actions.length);
    await storePage.selectOption('#f-severity', '');
    assert.equal(await visible(), rows);

    const shot = join(outDir, 'sample-store.png');
    // The first screen (the executive summary): a full-page shot of every finding row can take longer than the timeout on a loaded machine.
    await storePage.screenshot({ path: shot, timeout: 90_000 });
    process.stdout.write(`# sample store report screenshot: ${shot}\n`);
    assert.deepEqual(errors, []);
    assert.deepEqual(seen, [pathToFileURL(storeFile).href]);

    // Printed to A4 it stays a document one hands over: a sane length, and a Finding column wide enough to read.
    await storePage.emulateMedia({ media: 'print' });
    const findingWidth = await storePage.$eval(
      '#findings th:nth-child(5)',
      (e) => (e as unknown as { getBoundingClientRect(): { width: number } }).getBoundingClientRect().width,
    );
    // Nothing printed runs out of its box: chart labels stay inside their SVG, headers inside their column.
    const overflows = await storePage.evaluate(() => {
      type Box = { left: number; right: number };
      type El = { getBoundingClientRect(): Box; textContent: string | null; scrollWidth: number; clientWidth: number };
      const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): El[] } }).document;
      const out: string[] = [];
      for (const svg of doc.querySelectorAll('figure.chart svg')) {
        const box = svg.getBoundingClientRect();
        for (const text of (svg as unknown as { querySelectorAll(s: string): El[] }).querySelectorAll('text')) {
          const t = text.getBoundingClientRect();
          if (t.left < box.left - 0.5 || t.right > box.right + 0.5) out.push(`chart label "${text.textContent}"`);
        }
      }
      for (const th of doc.querySelectorAll('#findings th')) {
        if (th.scrollWidth > th.clientWidth + 1) out.push(`header "${th.textContent}"`);
      }
      return out;
    });
    assert.deepEqual(overflows, [], 'printed text outside its box');
    const pdfFile = join(outDir, 'sample-store.pdf');
    await storePage.pdf({ format: 'A4', path: pdfFile, printBackground: true });
    const pages = (
      readFileSync(pdfFile)
        .toString('latin1')
        .match(/\/Type\s*\/Page(?!s)/g) ?? []
    ).length;
    process.stdout.write(
      `# sample store report PDF: ${pdfFile}, ${pages} A4 pages, Finding column ${Math.round(findingWidth)} px\n`,
    );
    assert.ok(pages >= 2 && pages <= 40, `the PDF has ${pages} pages`);
    assert.ok(findingWidth >= 200, `the Finding column is ${findingWidth} px wide in print`);
    await storePage.close();
  });

  it('opens the audit of the fixture store: same numbers as its JSON, no script, no request', async () => {
    const fixture = new URL('./fixtures/projects/store', import.meta.url).pathname;
    for (const format of ['json', 'html']) {
      const program = new Command('mageup').exitOverride();
      registerAudit(program, () => undefined);
      await program.parseAsync(
        ['audit', fixture, '--no-history', '--format', format, '--output', join(outDir, `audit.${format}`)],
        {
          from: 'user',
        },
      );
    }
    const json = JSON.parse(readFileSync(join(outDir, 'audit.json'), 'utf8')) as { summary: { modules: number } };
    const auditPage = await browser.newPage();
    const seen: string[] = [];
    auditPage.on('request', (r) => seen.push(r.url()));
    await auditPage.goto(pathToFileURL(join(outDir, 'audit.html')).href);
    assert.equal((await auditPage.textContent('#card-modules .v'))?.trim(), String(json.summary.modules));
    assert.equal(await auditPage.$$eval('figure.chart svg rect', (r) => r.length > 0), true);
    assert.deepEqual(seen, [pathToFileURL(join(outDir, 'audit.html')).href]);
    await auditPage.screenshot({ path: join(outDir, 'audit.png') });
    await auditPage.close();
  });
});
