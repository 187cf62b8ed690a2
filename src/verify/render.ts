import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { PNG } from 'pngjs';
import { SEVERITIES, severityRank } from '../core/finding.js';
import { colors, escapeMarkdown, markdownTable, renderTable, terminalSafe } from '../report/format.js';
import { escapeHtml as h } from '../report/html/escape.js';
import { cspHash } from '../report/html/page-assets.js';
import { viewOfFindings, type FindingsView } from '../report/json/findings-view.js';
import { renderFindingsView } from '../report/render-findings-view.js';
import { verifyRuleMeta } from './rules.js';
import { iqr, median } from './stats.js';
import type { PerfSeries, VerifyRun } from './types.js';
import type { VerifyFormat } from './defaults.js';

export { VERIFY_FORMATS, type VerifyFormat } from './defaults.js';

export function renderVerify(run: VerifyRun, format: VerifyFormat, opts: { color?: boolean } = {}): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(run, null, 2)}\n`;
    case 'md':
      return renderVerifyMarkdown(run);
    case 'html':
      return renderVerifyHtml(run);
    case 'sarif':
    case 'junit':
    case 'github':
      return renderFindingsView(viewOfVerify(run), format, verifyRuleMeta);
    case 'text':
      return renderVerifyText(run, opts.color ?? false);
  }
}

export function viewOfVerify(run: VerifyRun): FindingsView {
  return viewOfFindings('verify', { ...run, root: run.project ?? process.cwd() });
}

const ms = (v: number | null | undefined): string =>
  v === null || v === undefined ? '–' : v >= 100 ? v.toFixed(0) : v.toFixed(1);
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

function statCell(values: number[]): string {
  if (values.length === 0) return '–';
  return `${ms(median(values))} ±${ms(iqr(values))}`;
}

function perfRows(series: PerfSeries[]): string[][] {
  return series.map((s) => [
    s.store,
    s.kind,
    statCell(s.ttfbMs),
    statCell(s.domContentLoadedMs),
    statCell(s.lcpMs),
    `${s.ttfbMs.length}/${s.domContentLoadedMs.length}${s.failed?.length ? ` (${s.failed.length} failed: ${[...new Set(s.failed)].join(', ')})` : ''}`,
    s.cache ?? 'no cache header',
  ]);
}

function pageRows(run: VerifyRun): string[][] {
  return run.pages.map((p) => {
    const b = p.browser;
    const issues = b
      ? [
          b.pageErrors.length ? `${b.pageErrors.length} exception(s)` : '',
          b.consoleErrors.length ? `${b.consoleErrors.length} console error(s)` : '',
          b.failedRequests.length ? `${b.failedRequests.length} failed request(s)` : '',
          b.error ? 'did not load' : '',
        ]
          .filter(Boolean)
          .join(', ') || 'clean'
      : '';
    return [
      p.store,
      p.kind,
      p.skipped ? 'skipped' : String(p.http?.status ?? p.http?.error ?? '–'),
      p.http?.redirects.length ? String(p.http.redirects.length) : '',
      p.http?.totalMs !== undefined ? ms(p.http.totalMs) : '',
      p.http ? kb(p.http.bytes) : '',
      p.skipped ?? issues,
    ];
  });
}

function summaryLine(run: VerifyRun): string {
  const counts = SEVERITIES.map((s) => `${run.findings.filter((f) => f.severity === s).length} ${s}`).join(', ');
  return `${run.findings.length} findings (${counts})`;
}

export function renderVerifyText(run: VerifyRun, color: boolean): string {
  const c = colors(color);
  const out: string[] = [];
  out.push(c.bold(`MageUp verify ${run.baseUrl}`) + c.dim(`  ${run.date} · probes ${run.probes.join(', ')}`));
  out.push(`Store views: ${run.stores.map((s) => `${s.code} (${s.pages.length} pages, ${s.source})`).join(', ')}`);
  for (const s of run.stores) for (const n of s.notes) out.push(c.dim(`  ${s.code}: ${n}`));
  out.push(
    '',
    c.bold('Pages'),
    renderTable(['store', 'page', 'status', 'redir', 'ms', 'size', 'browser'], pageRows(run), {
      indent: '  ',
      align: ['left', 'left', 'right', 'right', 'right', 'right'],
    }),
  );
  if (run.perf) {
    out.push('', c.bold('Performance') + c.dim(' (median ±IQR in ms; samples HTTP/browser)'));
    out.push(
      renderTable(['store', 'page', 'TTFB', 'DOMContentLoaded', 'LCP', 'n', 'page cache'], perfRows(run.perf.series), {
        indent: '  ',
      }),
    );
    const l = run.perf.load;
    if (l)
      out.push(
        l.skipped
          ? `  Load test skipped: ${l.skipped}`
          : `  Load test: ${l.concurrency} connections × ${l.durationS} s over ${l.urls.length} pages: ${l.requests} requests, ${l.requestsPerSecond} req/s, p50 ${l.latencyMs.p50} ms, p95 ${l.latencyMs.p95} ms, p99 ${l.latencyMs.p99} ms, ${l.errors} errors`,
      );
  }
  for (const s of run.security) {
    const exposed = s.checks.filter((x) => x.verdict === 'exposed').length;
    out.push(
      '',
      c.bold(`Security ${s.origin}`) +
        `: ${s.checks.length} probes, ${exposed} exposed; headers: ` +
        (Object.keys(s.headers).length === 0 ? 'could not verify (the home page did not answer)' : '') +
        Object.entries(s.headers)
          .filter(([k, v]) => v && !/server|powered/.test(k))
          .map(([k]) => k)
          .join(', '),
    );
    for (const x of s.checks.filter((y) => y.verdict === 'unknown'))
      out.push(c.dim(`  could not verify ${x.id} (${x.url}): ${x.evidence}`));
  }
  if (run.api) {
    const g = run.api.graphql;
    out.push(
      '',
      c.bold('API') +
        `: GraphQL introspection ${g.introspection}${g.introspection === 'ok' ? ` (${g.fields.length} schema lines)` : g.error ? ` (${g.error})` : ''}; REST ${run.api.rest.map((r) => `${r.path} ${r.status ?? '–'}`).join(', ')}`,
    );
  }
  for (const f of run.flows)
    out.push(
      `Flow ${f.name} (${f.store}): ${f.ok ? c.green('ok') : c.red('failed')} — ${f.steps.map((s) => `${s.name} ${s.ok ? `${s.ms} ms` : `FAILED: ${s.detail ?? ''}`}`).join(' → ')}`,
    );
  if (run.visual.length > 0)
    out.push(
      '',
      c.bold('Visual diff'),
      ...run.visual.map(
        (v) =>
          `  ${v.store} ${v.kind}: ${(v.diffRatio * 100).toFixed(2)} % of pixels differ${v.sizeChanged ? ' (size changed)' : ''}`,
      ),
    );
  if (run.comparison)
    out.push(
      '',
      c.bold(`Against the baseline of ${run.comparison.baselineDate}`) +
        `: ${run.comparison.regressions} regression(s), ${run.comparison.fixed} fixed, ${run.comparison.unchanged} unchanged`,
    );
  out.push('', c.bold('Findings') + `: ${summaryLine(run)}`);
  const regress = new Set(regressionFingerprints(run));
  for (const f of run.findings) {
    const sev =
      f.severity === 'critical' || f.severity === 'error'
        ? c.red(f.severity)
        : f.severity === 'warning'
          ? c.yellow(f.severity)
          : c.cyan(f.severity);
    out.push(
      `  ${sev.padEnd(color ? 17 : 8)} ${f.ruleId}${regress.has(f.fingerprint) ? c.bold(' NEW') : ''}  ${f.message}`,
    );
  }
  for (const p of run.problems) out.push(c.yellow(`  problem: ${p.message}`));
  out.push(
    '',
    c.dim(
      `${run.budget.requests} HTTP requests (limit ${run.budget.maxRequests}), ${(run.budget.durationMs / 1000).toFixed(1)} s${run.artifactsDir ? `; screenshots in ${run.artifactsDir}` : ''}`,
    ),
  );
  return `${terminalSafe(out.join('\n'))}\n`;
}

/** Fingerprints of the run's findings that are new against the baseline (the ones failing the run). */
function regressionFingerprints(run: VerifyRun): string[] {
  return run.comparison?.regressionFingerprints ?? [];
}

export function renderVerifyMarkdown(run: VerifyRun): string {
  const md = escapeMarkdown;
  const out: string[] = [
    `# MageUp verify ${md(run.baseUrl)}`,
    '',
    `${md(run.date)} · probes ${md(run.probes.join(', '))} · ${md(summaryLine(run))}`,
    '',
  ];
  if (run.comparison)
    out.push(
      `**Against the baseline of ${md(run.comparison.baselineDate)}:** ${run.comparison.regressions} regression(s), ${run.comparison.fixed} fixed, ${run.comparison.unchanged} unchanged.`,
      '',
    );
  out.push(
    '## Findings',
    '',
    run.findings.length
      ? markdownTable(
          ['severity', 'rule', 'message'],
          run.findings.map((f) => [f.severity, f.ruleId, f.message]),
        )
      : 'None.',
    '',
  );
  out.push(
    '## Pages',
    '',
    markdownTable(['store', 'page', 'status', 'redirects', 'ms', 'size', 'browser'], pageRows(run)),
    '',
  );
  if (run.perf) {
    out.push(
      '## Performance',
      '',
      'Median ±IQR in ms.',
      '',
      markdownTable(['store', 'page', 'TTFB', 'DOMContentLoaded', 'LCP', 'n', 'page cache'], perfRows(run.perf.series)),
      '',
    );
    const l = run.perf.load;
    if (l)
      out.push(
        l.skipped
          ? `Load test skipped: ${md(l.skipped)}`
          : `Load test: ${l.concurrency} connections × ${l.durationS} s: ${l.requests} requests, ${l.requestsPerSecond} req/s, p95 ${l.latencyMs.p95} ms, ${l.errors} errors.`,
        '',
      );
  }
  if (run.visual.length)
    out.push(
      '## Visual diff',
      '',
      markdownTable(
        ['store', 'page', 'differing pixels', 'diff image'],
        run.visual.map((v) => [v.store, v.kind, `${(v.diffRatio * 100).toFixed(2)} %`, v.diff ?? '']),
      ),
      '',
    );
  return `${out.join('\n')}\n`;
}

const STYLE = `body{margin:0;font:14px/1.45 system-ui,sans-serif;color:#1d2330;background:#f6f7f9}
header{background:#1d2330;color:#fff;padding:16px 24px}header h1{margin:0;font-size:20px}header p{margin:4px 0 0;color:#c9cfdb}
main{max-width:1300px;margin:0 auto;padding:16px 24px}section{margin:0 0 24px}h2{font-size:17px}
table{border-collapse:collapse;width:100%;background:#fff}th,td{border:1px solid #d9dde5;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#eef0f4}.critical{color:#b3261e;font-weight:600}.error{color:#d9622b;font-weight:600}.warning{color:#a07a00}.info{color:#3b6fb6}
.shots{display:flex;flex-wrap:wrap;gap:12px}.shots figure{margin:0;background:#fff;border:1px solid #d9dde5;padding:6px}
.shots img{display:block;max-width:320px}figcaption{font-size:12px;color:#5b6475}.new{background:#fde7e4;font-weight:600}`;

/** Screenshots are embedded as scaled-down PNGs (data URIs): one offline file, no network, a CSP that allows no load. */
export function renderVerifyHtml(run: VerifyRun): string {
  const csp = `default-src 'none'; style-src '${cspHash(STYLE)}'; img-src data:; base-uri 'none'; form-action 'none'`;
  const dir = run.artifactsDir ?? '.';
  const title = `MageUp verify ${run.baseUrl}`;
  const out: string[] = [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${h(csp)}">`,
    `<title>${h(title)}</title><style>${STYLE}</style></head><body>`,
  ];
  out.push(
    `<header><h1>${h(title)}</h1><p>${h(run.date)} · probes ${h(run.probes.join(', '))} · ${h(summaryLine(run))}</p></header><main>`,
  );
  if (run.comparison)
    out.push(
      `<section><h2>Against the baseline of ${h(run.comparison.baselineDate)}</h2><p>${run.comparison.regressions} regression(s), ${run.comparison.fixed} fixed, ${run.comparison.unchanged} unchanged.</p></section>`,
    );
  out.push('<section><h2>Findings</h2>');
  if (run.findings.length === 0) out.push('<p>None.</p>');
  else {
    out.push('<table><thead><tr><th>severity</th><th>rule</th><th>message</th><th>what to do</th></tr></thead><tbody>');
    const sorted = [...run.findings].sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
    for (const f of sorted)
      out.push(
        `<tr><td class="${f.severity}">${h(f.severity)}</td><td><code>${h(f.ruleId)}</code></td><td>${h(f.message)}</td><td>${h(f.recommendation)}</td></tr>`,
      );
    out.push('</tbody></table>');
  }
  out.push('</section>');
  const table = (headers: string[], rows: string[][]): string =>
    `<table><thead><tr>${headers.map((x) => `<th>${h(x)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((x) => `<td>${h(x)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  out.push(
    `<section><h2>Pages</h2>${table(['store', 'page', 'status', 'redirects', 'ms', 'size', 'browser'], pageRows(run))}</section>`,
  );
  if (run.perf) {
    out.push(
      `<section><h2>Performance</h2><p>Median ±IQR in ms over the samples.</p>${table(['store', 'page', 'TTFB', 'DOMContentLoaded', 'LCP', 'n', 'page cache'], perfRows(run.perf.series))}`,
    );
    const l = run.perf.load;
    if (l)
      out.push(
        `<p>${h(l.skipped ? `Load test skipped: ${l.skipped}` : `Load test: ${l.concurrency} connections × ${l.durationS} s: ${l.requests} requests, ${l.requestsPerSecond} req/s, p50 ${l.latencyMs.p50} ms, p95 ${l.latencyMs.p95} ms, ${l.errors} errors`)}</p>`,
      );
    out.push('</section>');
  }
  if (run.visual.length > 0) {
    out.push('<section><h2>Visual diff</h2>');
    for (const v of run.visual) {
      out.push(
        `<h3>${h(v.store)} · ${h(v.kind)}: ${(v.diffRatio * 100).toFixed(2)} % of pixels differ</h3><div class="shots">`,
      );
      out.push(figure(isAbsolute(v.before) ? v.before : join(dir, v.before), 'before'));
      out.push(figure(join(dir, v.after), 'after'));
      if (v.diff) out.push(figure(join(dir, v.diff), 'difference'));
      out.push('</div>');
    }
    out.push('</section>');
  }
  const shots = run.pages.filter((p) => p.browser?.screenshot);
  if (shots.length > 0) {
    out.push('<section><h2>Screenshots</h2><div class="shots">');
    for (const p of shots) out.push(figure(join(dir, p.browser!.screenshot!), `${p.store} · ${p.kind}`));
    out.push('</div></section>');
  }
  out.push('</main></body></html>');
  return `${out.join('\n')}\n`;
}

function figure(file: string, caption: string): string {
  const src = thumbnail(file);
  return `<figure>${src ? `<img alt="${h(caption)}" src="${src}">` : '<p>(image missing)</p>'}<figcaption>${h(caption)}</figcaption></figure>`;
}

/** A PNG scaled down to 320 px wide (box average), at most 1600 px tall, as a data URI. */
export function thumbnail(file: string, width = 320): string | null {
  if (!existsSync(file)) return null;
  let img: PNG;
  try {
    img = PNG.sync.read(readFileSync(file));
  } catch {
    return null;
  }
  const scale = Math.max(1, img.width / width);
  const w = Math.max(1, Math.round(img.width / scale));
  const hgt = Math.max(1, Math.min(1600, Math.round(img.height / scale)));
  const out = new PNG({ width: w, height: hgt });
  const step = Math.max(1, Math.floor(scale));
  for (let y = 0; y < hgt; y++)
    for (let x = 0; x < w; x++) {
      const sum = [0, 0, 0, 0];
      let n = 0;
      for (let dy = 0; dy < step; dy++)
        for (let dx = 0; dx < step; dx++) {
          const sx = Math.min(img.width - 1, Math.floor(x * scale) + dx);
          const sy = Math.min(img.height - 1, Math.floor(y * scale) + dy);
          const i = (sy * img.width + sx) * 4;
          for (let k = 0; k < 4; k++) sum[k]! += img.data[i + k]!;
          n++;
        }
      const o = (y * w + x) * 4;
      for (let k = 0; k < 4; k++) out.data[o + k] = Math.round(sum[k]! / n);
    }
  return `data:image/png;base64,${PNG.sync.write(out).toString('base64')}`;
}
