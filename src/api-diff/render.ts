import { markdownTable, terminalSafe } from '../report/format.js';
import type { ApiDiffEntry, ApiDiffReport, VersionLevel } from './run-api-diff.js';
import { FILE_CONTEXTS } from './analyzers/index.js';
import type { FileOperation } from './analyzers/index.js';
import { LEVEL_RANK } from './svc.js';
import type { SvcContext } from './svc.js';

const CONTEXT_TITLE: Record<SvcContext, string> = { class: 'Class', interface: 'Interface', trait: 'Trait' };
const LEVELS: VersionLevel[] = ['MAJOR', 'MINOR', 'PATCH'];

/** One report line per SVC operation: `target | [visibility] reason | code |`, as magento-semver logs them. */
export interface ReportLine {
  context: SvcContext;
  level: VersionLevel;
  target: string;
  what: string;
  code: string;
  api: boolean;
}

/** The report's lines grouped like magento-semver's log: per context and level (dampened outside @api). */
export function reportLines(report: ApiDiffReport): ReportLine[] {
  const lines: ReportLine[] = [];
  for (const entry of report.changes) {
    if (entry.svc.length > 0) {
      for (const o of entry.svc)
        lines.push({
          context: o.context,
          level: entry.api || entry.kind.startsWith('api-') ? o.level : 'PATCH',
          target: o.target,
          what: `${o.visibility ? `[${o.visibility}] ` : ''}${o.reason}`,
          code: o.code,
          api: !!entry.api,
        });
    } else if (entry.level !== 'NONE') {
      lines.push({
        context: entry.classKind === 'interface' ? 'interface' : entry.classKind === 'trait' ? 'trait' : 'class',
        level: entry.level,
        target: entry.symbol,
        what: describe(entry),
        code: '-',
        api: !!entry.api,
      });
    }
  }
  return lines;
}

/** A plain description of a change SVC has no code for. */
export function describe(entry: ApiDiffEntry): string {
  const member = entry.memberKind ? `${entry.visibility ? `[${entry.visibility}] ` : ''}${entry.memberKind} ` : '';
  const aspects = entry.aspects?.length ? ` (${entry.aspects.join(', ')})` : '';
  const change = `${entry.before ? ` ${entry.before}` : ''}${entry.before && entry.after ? ' →' : ''}${entry.after ? ` ${entry.after}` : ''}`;
  return `${member}${entry.kind}${aspects}${change}`;
}

function verdict(level: VersionLevel): string {
  return `${level === 'NONE' ? 'None' : level[0] + level.slice(1).toLowerCase()} change is detected.`;
}

export function renderApiDiffText(report: ApiDiffReport): string {
  const out = [
    `API diff ${report.old.label} → ${report.new.label}: ${report.changes.length} changes ` +
      `(${report.counts.added} added, ${report.counts.removed} removed, ${report.counts.changed} changed)`,
  ];
  const lines = reportLines(report);
  for (const context of ['class', 'interface', 'trait'] as SvcContext[]) {
    for (const level of LEVELS) {
      const group = lines.filter((l) => l.context === context && l.level === level);
      if (group.length === 0) continue;
      out.push('', `${CONTEXT_TITLE[context]} (${level})`);
      const width = Math.max(...group.map((l) => l.target.length));
      for (const l of group) out.push(`  ${l.target.padEnd(width)} | ${l.what} | ${l.code} |`);
    }
  }
  out.push(...fileSections(report.fileChanges));
  const unindexed = Object.entries(report.unindexed);
  if (unindexed.length > 0)
    out.push(
      '',
      `Could not verify ${unindexed.length} packages no index holds: ${unindexed.map(([n, v]) => `${n} ${v}`).join(', ')}`,
    );
  for (const p of report.problems) out.push(`problem: ${p.file ?? ''}${p.line ? `:${p.line}` : ''} ${p.message}`);
  if (report.filesChanged !== undefined)
    out.push(
      '',
      `Files changed (PHP whitespace aside): ${report.filesChanged}${report.filesChanged > 0 && report.apiLevel === 'NONE' ? ' — code changed without an API change: PATCH' : ''}`,
    );
  out.push(
    '',
    `API changes need: ${report.apiLevel}`,
    `Semantic version needed: ${report.level}`,
    verdict(report.level),
  );
  return `${terminalSafe(out.join('\n'))}\n`;
}

/**
 * SVC's sections for files other than PHP (`Database (MAJOR)`, then `| level | file:0 | target | reason | code |`
 * per operation, highest level first, one row per file, target and code as its TableReporter keeps them).
 */
function fileSections(ops: FileOperation[]): string[] {
  const out: string[] = [];
  for (const context of FILE_CONTEXTS) {
    const group = ops.filter((o) => o.context === context);
    if (group.length === 0) continue;
    const rows = new Map<string, FileOperation>();
    for (const o of [...group].sort((x, y) => LEVEL_RANK[y.level] - LEVEL_RANK[x.level])) {
      const key = `${o.location}-${o.target}-${o.code}`;
      if (!rows.has(key)) rows.set(key, o);
    }
    const level = group.reduce((max, o) => (LEVEL_RANK[o.level] > LEVEL_RANK[max] ? o.level : max), group[0]!.level);
    out.push('', `${context[0]!.toUpperCase()}${context.slice(1)} (${level})`);
    for (const o of rows.values()) out.push(`| ${o.level} | ${o.location}:0 | ${o.target} | ${o.reason} | ${o.code} |`);
  }
  return out;
}

export function renderApiDiffMarkdown(report: ApiDiffReport): string {
  const rows = reportLines(report).map((l) => [l.level, l.context, l.target, l.what, l.code, l.api ? 'yes' : 'no']);
  const out = [
    `# API diff: ${report.old.label} → ${report.new.label}`,
    '',
    `**Semantic version needed: ${report.level}** — ${report.changes.length} changes (${report.counts.added} added, ` +
      `${report.counts.removed} removed, ${report.counts.changed} changed).`,
    '',
  ];
  if (rows.length > 0) out.push(markdownTable(['Level', 'Kind', 'Symbol', 'Change', 'SVC code', '@api'], rows), '');
  const files = report.fileChanges.map((o) => [o.level, o.context, o.target, o.reason, o.code, o.location]);
  if (files.length > 0) out.push(markdownTable(['Level', 'Kind', 'Target', 'Change', 'SVC code', 'File'], files), '');
  const unindexed = Object.keys(report.unindexed);
  if (unindexed.length > 0) out.push(`Could not verify ${unindexed.length} packages that no index holds.`, '');
  return out.join('\n');
}

export function renderApiDiffJson(report: ApiDiffReport): string {
  return `${JSON.stringify({ schema: 1, ...report, lines: reportLines(report) }, null, 2)}\n`;
}
