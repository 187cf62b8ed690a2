import { describeReleaseCoverage, isComplete } from '../../knowledge/coverage.js';
import type { CheckResult, CheckSummary, TargetResult } from '../../check/types.js';
import { optionalNote, pathNote } from '../../check/summary.js';
import { targetLabel } from '../../check/target.js';
import { textDetails } from '../finding-details.js';
import { colors, renderTable, terminalSafe, type Colors } from '../format.js';
import { findingHoursLabel, groupFindings, hours, location, rolledUpNote, severityCounts } from './group.js';
import type { Finding } from '../../core/finding.js';

/**
 * The human report: per target, findings grouped by package/module (a third-party extension's as its one package
 * action; `expand` lists them under it), then the summary and problems.
 */
export function renderCheckText(result: CheckResult, opts: { color?: boolean; expand?: boolean } = {}): string {
  const c = colors(opts.color ?? false);
  const safe = terminalSafe;
  const out: string[] = [];
  const kind = result.project.kind === 'extension' ? `extension ${result.project.name ?? ''}`.trim() : 'project';
  out.push(
    c.bold(`mageup check ${safe(result.project.root)}`) +
      ` (${safe(kind)}, current ${safe(result.current.version ?? 'unknown')}${result.current.source !== 'unknown' ? ` from ${safe(result.current.source)}` : ''})`,
  );
  if (result.targets.length > 1) {
    out.push(
      '',
      c.bold('Targets'),
      renderTable(
        ['target', 'PHP', 'critical', 'error', 'warning', 'info', 'complexity', 'effort'],
        result.targets.map((t) => [
          safe(t.version),
          safe(t.php),
          String(t.summary.bySeverity.critical),
          String(t.summary.bySeverity.error),
          String(t.summary.bySeverity.warning),
          String(t.summary.bySeverity.info),
          String(t.summary.complexityScore),
          hours(t.summary.effortHours),
        ]),
        { align: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'], indent: '  ' },
      ),
    );
  }
  for (const target of result.targets) out.push('', ...renderTarget(target, c, opts.expand ?? false));
  if (result.targets.length > 1) {
    out.push('', c.bold('All targets'), ...renderSummary(result.summary, c));
  }
  if (result.problems.length > 0) {
    out.push('', c.bold(`Problems (${result.problems.length})`));
    for (const p of result.problems) {
      // Many messages name their file themselves (`composer.json:6:3: not valid JSON`): never print it twice.
      const where = p.file && !p.message.startsWith(`${p.file}:`) ? `${p.file}${p.line ? `:${p.line}` : ''}: ` : '';
      out.push(
        `  ${p.level === 'error' ? c.red('error') : c.yellow('warning')}  ${safe(where + p.message)} [${safe(p.code)}]`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}

function renderTarget(target: TargetResult, c: Colors, expand: boolean): string[] {
  const safe = terminalSafe;
  const out = [
    c.bold(`Target ${safe(targetLabel(target))}`) +
      ` on PHP ${safe(target.php)}` +
      (target.symbols !== 'indexed'
        ? c.yellow(` — core API ${target.symbols === 'none' ? 'not indexed' : 'derived'}`)
        : ''),
  ];
  if (target.advice) out.push(c.dim(`  Advice: ${safe(target.advice)}.`));
  if (target.findings.length === 0) out.push(c.green('  No findings.'));
  for (const group of groupFindings(target.findings, target.summary.actions)) {
    out.push(
      '',
      `  ${c.bold(safe(group.title))}${group.modules.length > 0 ? c.dim(` (${safe(group.modules.join(', '))})`) : ''}`,
    );
    if (group.action) {
      const a = group.action;
      out.push(
        `    ${severityColor(a.severity, c)(a.severity.toUpperCase().padEnd(8))} ${c.dim(`package action: ${a.action}`)}`,
      );
      out.push(`             ${safe(a.message)}${c.dim(`  (${hours(a.hours)})`)}`);
      out.push(`             ${c.dim(`${severityCounts(group.rolledUp)}${expand ? '' : ' · --expand lists them'}`)}`);
      if (expand) for (const f of group.rolledUp) out.push(...findingLines(f, c, '  '));
    }
    for (const f of group.findings) out.push(...findingLines(f, c, ''));
  }
  out.push('', ...renderSummary(target.summary, c));
  return out;
}

function severityColor(severity: Finding['severity'], c: Colors): (s: string) => string {
  return severity === 'critical' || severity === 'error' ? c.red : severity === 'warning' ? c.yellow : c.cyan;
}

/** One finding: severity, rule and place, then its message and recommendation (`indent` more under an action). */
function findingLines(f: Finding, c: Colors, indent: string): string[] {
  const safe = terminalSafe;
  const sev = severityColor(f.severity, c);
  const where = location(f);
  const out = [
    `${indent}    ${sev(f.severity.toUpperCase().padEnd(8))} ${c.dim(f.ruleId)}${where ? `  ${safe(where)}` : ''}`,
    `${indent}             ${safe(f.message)}`,
    `${indent}             ${c.dim('→')} ${safe(f.recommendation)}${findingHoursLabel(f) ? c.dim(`  (${findingHoursLabel(f)})`) : ''}`,
  ];
  if (f.details) out.push(...textDetails(f.details, `${indent}               `, c));
  return out;
}

function renderSummary(s: CheckSummary, c: Colors): string[] {
  const lines = [
    `  ${s.findings} finding${s.findings === 1 ? '' : 's'}: ${c.red(`${s.bySeverity.critical} critical`)}, ` +
      `${s.bySeverity.error} error, ${s.bySeverity.warning} warning, ${s.bySeverity.info} info` +
      ` · complexity ${s.complexityScore} · effort ${hours(s.effortHours)}`,
    ...(s.actions.length > 0 ? [`  ${rolledUpNote(s.actions)}`] : []),
    `  Modules needing updates: ${s.modules.needingUpdate} of ${s.modules.total} (${s.modules.percent} %) · ` +
      `files: ${s.files.needingUpdate} of ${s.files.total} (${s.files.percent} %)`,
    `  Risk ${s.risk.level.toUpperCase()}: ${terminalSafe(s.risk.reasons.join('; '))}`,
  ];
  for (const coverage of s.coverage) {
    const line = `  Knowledge of ${terminalSafe(coverage.release)}: ${terminalSafe(describeReleaseCoverage(coverage))}`;
    lines.push(isComplete(coverage) ? c.dim(line) : c.yellow(line));
  }
  if (s.effort) {
    const e = s.effort;
    lines.push(
      `  Effort: platform ${hours(e.platformHours)}, extensions ${hours(e.extensionHours)}, code ${hours(e.codeHours)}, ` +
        `tests ${hours(e.testHours)}, deployment ${hours(e.deployHours)}, +${e.bufferPercent} % risk buffer` +
        (optionalNote(e) ? `; ${optionalNote(e)}` : ''),
    );
    const note = pathNote(s);
    if (note) lines.push(`  ${terminalSafe(note)}`);
  }
  for (const fact of s.lowConfidence) lines.push(c.yellow(`  Uncertain: ${terminalSafe(fact)}`));
  for (const b of s.bundled) lines.push(c.dim(`  Bundled: ${terminalSafe(b.message)}`));
  return lines;
}
