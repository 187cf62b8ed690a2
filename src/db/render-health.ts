import { escapeMarkdown, renderTable, terminalSafe } from '../report/format.js';
import { formatDuration } from './health.js';
import type { DbHealthReport } from './health.js';

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function renderHealthText(r: DbHealthReport): string {
  const out = [
    'MageUp database health',
    `  database: ${terminalSafe(r.target)} — ${terminalSafe(r.server.version)}`,
    `  ${r.tables} tables, ${mb(r.totalBytes)}; current release ${r.currentRelease ?? 'unknown'}, target ${r.targetRelease ?? 'not given'}`,
    '',
  ];
  if (r.findings.length === 0) out.push('No findings.');
  for (const f of r.findings)
    out.push(
      `  ${f.severity.toUpperCase().padEnd(8)} ${f.ruleId}  ${terminalSafe(f.message)}`,
      `           → ${terminalSafe(f.recommendation)}`,
    );
  out.push('', `Largest tables (estimate: ${r.upgradeTimeModel})`);
  out.push(
    renderTable(
      ['TABLE', 'ROWS (EST.)', 'SIZE', 'REBUILD', 'CHANGED BY TARGET'],
      r.largestTables.map((t) => [
        terminalSafe(t.name),
        String(t.rowsEstimate),
        mb(t.bytes),
        formatDuration(t.rebuildSeconds),
        t.changedByTarget === null ? 'unknown' : t.changedByTarget ? 'yes' : 'no',
      ]),
      { align: ['left', 'right', 'right', 'right', 'left'], indent: '  ' },
    ),
  );
  for (const s of r.skipped) out.push(`  skipped: ${s}`);
  return `${out.join('\n')}\n`;
}

export function renderHealthMarkdown(r: DbHealthReport): string {
  const out = [
    '# Database health',
    '',
    `- Database: ${escapeMarkdown(r.target)} — ${escapeMarkdown(r.server.version)}`,
    `- ${r.tables} tables, ${mb(r.totalBytes)}; current release ${escapeMarkdown(r.currentRelease ?? 'unknown')}, target ${escapeMarkdown(r.targetRelease ?? 'not given')}`,
    '',
    '| Severity | Rule | Finding | Recommendation |',
    '|---|---|---|---|',
    ...r.findings.map(
      (f) => `| ${f.severity} | ${f.ruleId} | ${escapeMarkdown(f.message)} | ${escapeMarkdown(f.recommendation)} |`,
    ),
    '',
    `## Largest tables`,
    '',
    `Estimate: ${escapeMarkdown(r.upgradeTimeModel)}`,
    '',
    '| Table | Rows (est.) | Size | Rebuild | Changed by target |',
    '|---|---:|---:|---:|---|',
    ...r.largestTables.map(
      (t) =>
        `| ${escapeMarkdown(t.name)} | ${t.rowsEstimate} | ${mb(t.bytes)} | ${formatDuration(t.rebuildSeconds)} | ${t.changedByTarget === null ? 'unknown' : t.changedByTarget ? 'yes' : 'no'} |`,
    ),
    ...(r.skipped.length ? ['', ...r.skipped.map((s) => `- Skipped: ${escapeMarkdown(s)}`)] : []),
  ];
  return `${out.join('\n')}\n`;
}
