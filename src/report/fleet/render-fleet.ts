import { escapeHtml } from '../html/escape.js';
import { markdownTable, renderTable, terminalSafe } from '../format.js';
import type { FleetReportFormat } from '../formats.js';
import type { FleetReport, FleetReportStore } from './fleet-report.js';

const UNKNOWN = 'could not verify';

const COLUMNS: { header: string; cell(s: FleetReportStore): string }[] = [
  { header: 'Store', cell: (s) => s.name },
  { header: 'Tags', cell: (s) => s.tags.join(' ') },
  { header: 'Edition', cell: (s) => s.edition ?? UNKNOWN },
  { header: 'Version', cell: (s) => s.version ?? UNKNOWN },
  { header: 'Patch level', cell: (s) => s.patchLevel ?? (s.version ? 'no patch files known for the line' : UNKNOWN) },
  { header: 'End of support', cell: (s) => (s.endOfSupport ? `${s.endOfSupport} (${s.supportStatus})` : UNKNOWN) },
  { header: 'Open exploited bulletins', cell: (s) => s.openExploited.join('; ') || (s.scannedAt ? 'none' : UNKNOWN) },
  { header: 'Bulletins not verified', cell: unverifiedText },
  { header: 'Critical', cell: (s) => num(s.critical) },
  { header: 'Error', cell: (s) => num(s.error) },
  { header: 'Warning', cell: (s) => num(s.warning) },
  { header: 'Info', cell: (s) => num(s.info) },
  { header: 'Trend', cell: trendText },
  { header: 'Effort (h)', cell: (s) => num(s.effortHours) },
  { header: 'Move', cell: moveText },
  {
    header: 'Verify',
    cell: (s) =>
      s.verify === null ? 'no URL' : s.verify.verdict === 'failed' ? `failed (${s.verify.failed})` : s.verify.verdict,
  },
  { header: 'Scanned', cell: (s) => (s.scannedAt ? s.scannedAt.slice(0, 16).replace('T', ' ') : 'never') },
  { header: 'Last error', cell: (s) => s.lastError ?? '' },
];

function num(n: number | null): string {
  return n === null ? UNKNOWN : String(n);
}

/** "+3 since 2026-11-01 (33 → 36)": all findings of the scan shown against the successful scan before it. */
function trendText(s: FleetReportStore): string {
  const t = s.trend;
  if (!t) return s.scannedAt ? 'first scan' : UNKNOWN;
  const sign = t.change > 0 ? `+${t.change}` : t.change === 0 ? '±0' : String(t.change);
  const against = t.previousTarget ? `; then against ${t.previousTarget}` : '';
  return `${sign} since ${t.previousScanAt.slice(0, 10)} (${t.previousFindings} → ${t.findings}${against})`;
}

/**
 * "5: APSB26-73, APSB26-92, … against 2.4.10-alpha1 (the patch-level data … has no record of the 2.4.10 line)": the
 * count, then the bulletins grouped by release and reason; "none", or "could not verify" when no check recorded them.
 */
function unverifiedText(s: Pick<FleetReportStore, 'unverifiedBulletins' | 'scannedAt'>): string {
  const list = s.unverifiedBulletins;
  if (!list) return s.scannedAt ? `${UNKNOWN} (no check recorded them)` : UNKNOWN;
  if (list.length === 0) return 'none';
  const groups = new Map<string, string[]>();
  for (const u of list) {
    const key = `${u.release}\0${u.reason}`;
    groups.set(key, [...(groups.get(key) ?? []), u.bulletin ?? 'every bulletin']);
  }
  const parts = [...groups].map(([key, ids]) => {
    const [release, reason] = key.split('\0');
    return `${ids.join(', ')} against ${release} (${reason})`;
  });
  return `${list.length}: ${parts.join('; ')}`;
}

function moveText(s: FleetReportStore): string {
  if (s.move === 'yes') return `can move to ${s.target} now`;
  if (s.move === 'blocked') return `blocked by ${s.blockedBy.join('; ')}`;
  if (s.move === 'could not verify') return `could not verify (releases unknown: ${s.unverifiedExtensions.join(', ')})`;
  return 'not scanned';
}

export function renderFleetReport(report: FleetReport, format: FleetReportFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'csv':
      return renderCsv(report);
    case 'md':
      return renderMarkdown(report);
    case 'html':
      return renderHtml(report);
    default:
      return renderText(report);
  }
}

function totalsLine(r: FleetReport): string {
  const t = r.totals;
  return `${t.stores} stores, ${t.scanned} scanned, ${t.failed} with a failed last scan; ${t.exposed} exposed to an exploited bulletin, ${t.withUnverified} with bulletins MageUp could not verify; ${t.canMove} can move now, ${t.blocked} blocked; ${t.endedSupport} past end of support.`;
}

function renderText(r: FleetReport): string {
  if (r.stores.length === 0) return 'The fleet is empty (mageup fleet add <name> <path|git-url>).\n';
  const pick = [
    'Store',
    'Edition',
    'Version',
    'End of support',
    'Open exploited bulletins',
    'Critical',
    'Error',
    'Trend',
    'Effort (h)',
    'Move',
  ];
  // The terminal gets the count only: the bulletins and reasons are in the other formats.
  const notVerified = {
    header: 'Not verified',
    cell: (s: FleetReportStore) => (s.unverifiedBulletins ? String(s.unverifiedBulletins.length) : UNKNOWN),
  };
  const cols = COLUMNS.filter((c) => pick.includes(c.header));
  cols.splice(cols.findIndex((c) => c.header === 'Open exploited bulletins') + 1, 0, notVerified);
  return `${renderTable(
    cols.map((c) => c.header.toUpperCase()),
    r.stores.map((s) => cols.map((c) => terminalSafe(c.cell(s)))),
  )}\n${totalsLine(r)}\n`;
}

function renderMarkdown(r: FleetReport): string {
  return [
    `# Fleet report`,
    '',
    `Generated ${r.generatedAt} by MageUp ${r.tool.version}. ${totalsLine(r)}`,
    '',
    markdownTable(
      COLUMNS.map((c) => c.header),
      r.stores.map((s) => COLUMNS.map((c) => c.cell(s))),
    ),
    '',
    '"Can move now": no finding at error or above other than security exposure (code that breaks, an extension without',
    'a release for the target, a platform change). "Could not verify": a value the scan could not establish, never a guess.',
    '',
  ].join('\n');
}

/** RFC 4180; cells that a spreadsheet would read as a formula are prefixed with a quote. */
function renderCsv(r: FleetReport): string {
  const cell = (v: string): string => {
    const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [COLUMNS.map((c) => cell(c.header)).join(',')];
  for (const s of r.stores) lines.push(COLUMNS.map((c) => cell(c.cell(s))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function renderHtml(r: FleetReport): string {
  const rows = r.stores
    .map((s) => {
      const cls = s.openExploited.length ? 'exposed' : s.move === 'blocked' ? 'blocked' : s.move === 'yes' ? 'ok' : '';
      return `<tr class="${cls}">${COLUMNS.map((c) => `<td>${escapeHtml(c.cell(s))}</td>`).join('')}</tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Fleet report</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:1.5rem;color:#1d2433}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #d5d9e0;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f1f3f6;position:sticky;top:0}tr.exposed td:first-child{border-left:4px solid #c0262d}
tr.blocked td:first-child{border-left:4px solid #d08a00}tr.ok td:first-child{border-left:4px solid #2f8a3b}
</style></head><body>
<h1>Fleet report</h1>
<p>Generated ${escapeHtml(r.generatedAt)} by MageUp ${escapeHtml(r.tool.version)}. ${escapeHtml(totalsLine(r))}</p>
<table><thead><tr>${COLUMNS.map((c) => `<th>${escapeHtml(c.header)}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody></table>
<p>"Can move now": no finding at error or above other than security exposure (code that breaks, an extension without a
release for the target, a platform change). "Could not verify": a value the scan could not establish, never a guess.</p>
</body></html>
`;
}
