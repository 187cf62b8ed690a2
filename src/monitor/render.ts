import type { Finding } from '../core/finding.js';
import { escapeHtml as h } from '../report/html/escape.js';
import { cspHash, STYLE } from '../report/html/page-assets.js';
import { colors, escapeMarkdown, markdownTable, renderTable, terminalSafe } from '../report/format.js';
import { viewOfFindings, type FindingsView } from '../report/json/findings-view.js';
import { renderFindingsView } from '../report/render-findings-view.js';
import type { WindowStats } from './access-log.js';
import { errorTitle } from './rules/describe.js';
import { MONITOR_RULES } from './rules/registry.js';
import type { ErrorClass, MonitorResult } from './types.js';

import type { MonitorFormat } from './formats.js';

export { MONITOR_FORMATS, type MonitorFormat } from './formats.js';

/** How many error classes the human formats list (JSON has them all). */
const SHOWN = 30;

export function renderMonitor(result: MonitorResult, format: MonitorFormat, opts: { color?: boolean } = {}): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(result, null, 2)}\n`;
    case 'sarif':
    case 'junit':
    case 'github':
      return renderFindingsView(
        viewOfMonitor(result),
        format,
        (id) => MONITOR_RULES.find((r) => r.meta.id === id)?.meta,
      );
    case 'md':
      return renderMarkdown(result);
    case 'html':
      return renderHtml(result);
    case 'text':
      return renderText(result, opts.color ?? false);
  }
}

export function viewOfMonitor(result: MonitorResult): FindingsView {
  return viewOfFindings('monitor', { ...result, root: result.project.root });
}

const num = (n: number): string => n.toLocaleString('en-US');
const rateText = (n: number | undefined): string => (n === undefined ? '–' : n >= 10 ? n.toFixed(0) : n.toFixed(2));

function windowLine(r: MonitorResult): string {
  const c = r.coverage;
  const span = c.start ? `${c.start} … ${c.end}` : 'no dated record';
  return r.cutover
    ? `logs ${span}; cutover ${r.cutover} (${c.beforeHours} h of log before, ${c.afterHours} h after)`
    : `logs ${span} (no --cutover: nothing is compared)`;
}

function basisLine(r: MonitorResult): string {
  const b = r.rateBasis;
  return b.unit === 'per-1k-requests'
    ? `error rates per 1,000 dynamic requests (${num(b.before)} before, ${num(b.after)} after the cutover)`
    : `error rates per hour of log${b.note ? ` — ${b.note}` : ''}`;
}

function origin(e: ErrorClass): string {
  const o = e.origin;
  if (!o) return '?';
  const who = o.module ?? o.package ?? o.file;
  return `${who} (${o.owner === 'bundled' ? 'bundled with Magento' : o.owner})`;
}

function errorRows(r: MonitorResult): string[][] {
  return r.errors
    .slice(0, SHOWN)
    .map((e) => [
      e.status,
      e.level,
      String(e.before),
      String(e.after),
      `${rateText(e.rateBefore)} → ${rateText(e.rateAfter)}`,
      e.lastSeen.slice(0, 16),
      origin(e),
      errorTitle(e).slice(0, 120),
    ]);
}
const ERROR_HEAD = ['status', 'level', 'before', 'after', 'rate', 'last seen', 'from', 'message'];

function trafficRows(r: MonitorResult): string[][] {
  const share = (n: number, w: WindowStats): string =>
    w.requests === 0 ? '–' : `${((100 * n) / w.requests).toFixed(2)}%`;
  const lat = (w: WindowStats): string => (w.p50Ms === undefined ? '–' : `${w.p50Ms}/${w.p95Ms}/${w.p99Ms}`);
  return (r.traffic?.families ?? []).map((f) => [
    f.family,
    `${num(f.before.requests)} / ${num(f.after.requests)}`,
    `${share(f.before.status5xx, f.before)} → ${share(f.after.status5xx, f.after)}`,
    `${share(f.before.status4xx, f.before)} → ${share(f.after.status4xx, f.after)}`,
    `${lat(f.before)} → ${lat(f.after)}`,
  ]);
}
const TRAFFIC_HEAD = ['family', 'requests before / after', '5xx', '4xx', 'p50/p95/p99 ms'];

function storeLines(r: MonitorResult): string[] {
  const s = r.store;
  if (!s) return ['not read (see problems)'];
  const out: string[] = [`database clock ${s.now}`];
  out.push(
    s.cron.unavailable
      ? `cron: could not verify (${s.cron.unavailable})`
      : `cron: ${s.cron.items.length} job codes, last activity ${s.cron.lastActivity ?? 'never'}`,
  );
  // mview-only views (`customer_dummy`) have no indexer state: only invalid and working ones are shown.
  const invalid = s.indexers.items.filter((i) => i.status === 'invalid' || i.status === 'working');
  out.push(
    `indexers: ${s.indexers.items.filter((i) => i.status !== 'unknown').length}, ${invalid.length} invalid or working${invalid.length ? ` (${invalid.map((i) => `${i.id}: ${i.status}`).join(', ')})` : ''}` +
      `; on schedule: ${s.indexers.items.filter((i) => i.mode === 'schedule').length}, backlog ${s.indexers.items.reduce((n, i) => n + (i.backlog ?? 0), 0)}`,
  );
  out.push(
    s.queues.unavailable
      ? `queues: could not verify (${s.queues.unavailable})`
      : `queues (MySQL): ${s.queues.items.length} with messages${
          s.queues.items.length
            ? ` — ${s.queues.items
                .map(
                  (q) =>
                    `${q.queue} ${Object.entries(q.statuses)
                      .map(([k, v]) => `${k} ${v}`)
                      .join(' ')}`,
                )
                .join('; ')}`
            : ''
        }`,
  );
  out.push(
    s.notices.unavailable
      ? `admin inbox: could not verify (${s.notices.unavailable})`
      : `admin inbox: ${s.notices.items.length} unread critical/major`,
  );
  out.push('failed e-mails: could not verify (Magento Open Source does not record them in the database)');
  return out;
}

function noiseLine(r: MonitorResult): string {
  const parts = Object.entries(r.noise.byFile).map(
    ([file, levels]) =>
      `${file} ${Object.entries(levels)
        .map(([l, n]) => `${num(n)} ${l}`)
        .join(', ')}`,
  );
  return parts.length ? parts.join('; ') : 'none';
}

function renderText(r: MonitorResult, color: boolean): string {
  const c = colors(color);
  const t = terminalSafe;
  const out: string[] = [];
  out.push(
    c.bold(
      `mageup monitor — ${t(r.project.root)}${r.project.magentoVersion ? ` (Magento ${r.project.magentoVersion})` : ''}`,
    ),
  );
  out.push(`Window: ${t(windowLine(r))}`);
  out.push(`Rates: ${basisLine(r)}`);
  out.push(`Read: ${r.logs.length} log sources, ${num(r.logs.reduce((n, l) => n + l.lines, 0))} lines`);
  out.push('');
  const counts = (s: ErrorClass['status']): number => r.errors.filter((e) => e.status === s).length;
  out.push(
    c.bold(`Error classes: ${r.errors.length}`) +
      (r.cutover ? ` (${counts('new')} new, ${counts('increased')} more frequent, ${counts('gone')} gone)` : ''),
  );
  if (r.errors.length) {
    const rows = errorRows(r).map((row) => {
      const cells = row.map(t);
      if (row[0] === 'new') cells[0] = c.red(c.bold('NEW'));
      else if (row[0] === 'increased') cells[0] = c.yellow('increased');
      return cells;
    });
    out.push(renderTable(ERROR_HEAD, rows, { indent: '  ' }));
    if (r.errors.length > SHOWN) out.push(`  … ${r.errors.length - SHOWN} more in --format json`);
  }
  out.push(`Noise (below WARNING, not grouped): ${t(noiseLine(r))}`);
  if (r.traffic) {
    out.push(
      '',
      c.bold(
        `Traffic: ${num(r.traffic.requests)} requests${r.traffic.unparsed ? `, ${num(r.traffic.unparsed)} lines not in combined format` : ''}`,
      ),
    );
    out.push(renderTable(TRAFFIC_HEAD, trafficRows(r), { indent: '  ' }));
  }
  if (r.slow) {
    out.push(
      '',
      c.bold(`PHP-FPM slow log: ${r.slow.entries} entries (${r.slow.before} before, ${r.slow.after} after)`),
    );
    for (const g of r.slow.groups.slice(0, 10)) out.push(`  ${g.before} → ${g.after}  ${t(g.key)}`);
  }
  out.push('', c.bold('Store'), ...storeLines(r).map((l) => `  ${t(l)}`));
  out.push(
    '',
    c.bold(`Findings: ${r.findings.length}`) +
      ` (${Object.entries(r.summary.bySeverity)
        .map(([s, n]) => `${n} ${s}`)
        .join(', ')})`,
  );
  for (const f of r.findings) {
    const sev =
      f.severity === 'critical' || f.severity === 'error'
        ? c.red(f.severity)
        : f.severity === 'warning'
          ? c.yellow(f.severity)
          : c.dim(f.severity);
    out.push(`  ${sev} ${c.cyan(f.ruleId)} ${t(f.message)}`);
    out.push(`    ${c.dim(t(`→ ${f.recommendation}`))}`);
  }
  if (r.problems.length) {
    out.push('', c.bold(`Problems: ${r.problems.length}`));
    for (const p of r.problems) out.push(`  ${p.level} ${p.code}: ${t(p.message)}`);
  }
  return `${out.join('\n')}\n`;
}

function renderMarkdown(r: MonitorResult): string {
  const md = escapeMarkdown;
  const out: string[] = [`# mageup monitor: ${md(r.project.root)}`, ''];
  out.push(`- Window: ${md(windowLine(r))}`, `- Rates: ${md(basisLine(r))}`, '');
  out.push(`## Error classes (${r.errors.length})`, '');
  if (r.errors.length) out.push(markdownTable(ERROR_HEAD, errorRows(r)), '');
  out.push(`Noise: ${md(noiseLine(r))}`, '');
  if (r.traffic) out.push('## Traffic', '', markdownTable(TRAFFIC_HEAD, trafficRows(r)), '');
  out.push('## Store', '', ...storeLines(r).map((l) => `- ${md(l)}`), '');
  out.push(`## Findings (${r.findings.length})`, '');
  if (r.findings.length)
    out.push(markdownTable(['severity', 'rule', 'message', 'recommendation'], findingRows(r.findings)), '');
  if (r.problems.length)
    out.push('## Problems', '', ...r.problems.map((p) => `- ${p.level} \`${p.code}\`: ${md(p.message)}`), '');
  return out.join('\n');
}

function findingRows(findings: Finding[]): string[][] {
  return findings.map((f) => [f.severity, f.ruleId, f.message, f.recommendation]);
}

function renderHtml(r: MonitorResult): string {
  const csp = `default-src 'none'; style-src '${cspHash(STYLE)}'; script-src 'none'; img-src data:; base-uri 'none'; form-action 'none'`;
  const table = (headers: string[], rows: string[][]): string =>
    `<table><thead><tr>${headers.map((x) => `<th>${h(x)}</th>`).join('')}</tr></thead><tbody>${rows
      .map((row) => `<tr>${row.map((c) => `<td>${h(c)}</td>`).join('')}</tr>`)
      .join('')}</tbody></table>`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${h(csp)}">`,
    `<title>${h(`MageUp monitor: ${r.project.root}`)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<header class="top"><h1>After go-live</h1><p><code>${h(r.project.root)}</code> · ${h(windowLine(r))}</p></header>`,
    '<main>',
    `<section id="findings"><h2>Findings (${r.findings.length})</h2>${table(['severity', 'rule', 'message', 'recommendation'], findingRows(r.findings))}</section>`,
    `<section id="errors"><h2>Error classes (${r.errors.length})</h2><p>${h(basisLine(r))}</p>${table(ERROR_HEAD, errorRows(r))}</section>`,
    r.traffic ? `<section id="traffic"><h2>Traffic</h2>${table(TRAFFIC_HEAD, trafficRows(r))}</section>` : '',
    `<section id="store"><h2>Store</h2><ul>${storeLines(r)
      .map((l) => `<li>${h(l)}</li>`)
      .join('')}</ul></section>`,
    r.problems.length
      ? `<section id="problems"><h2>Problems</h2><ul>${r.problems.map((p) => `<li>${h(`${p.level} ${p.code}: ${p.message}`)}</li>`).join('')}</ul></section>`
      : '',
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
