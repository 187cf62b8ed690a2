import { describeReleaseCoverage } from '../../knowledge/coverage.js';
import type { CheckResult, CheckSummary, TargetResult } from '../../check/types.js';
import { optionalNote, pathNote } from '../../check/summary.js';
import { targetLabel } from '../../check/target.js';
import { markdownDetails, isUnifiedDiff } from '../finding-details.js';
import { escapeMarkdown, markdownTable } from '../format.js';
import { findingHoursLabel, groupFindings, hours, location, rolledUpNote, severityCounts } from './group.js';
import type { Finding } from '../../core/finding.js';

/**
 * Markdown for tickets and pull requests: a summary table, then findings per package in collapsible sections (a
 * third-party extension's as its one package action; `expand` adds their table under it).
 */
export function renderCheckMarkdown(result: CheckResult, opts: { expand?: boolean } = {}): string {
  const md = escapeMarkdown;
  const out: string[] = [];
  out.push(
    `# mageup check: ${md(result.current.version ?? 'unknown')} → ${result.targets.map((t) => md(t.version)).join(', ')}`,
  );
  out.push(
    '',
    `Project \`${result.project.root.replace(/`/g, "'")}\` (${md(result.project.kind)}), checked on ${result.date}.`,
  );
  out.push(
    '',
    markdownTable(
      [
        'target',
        'PHP',
        'critical',
        'error',
        'warning',
        'info',
        'complexity',
        'effort',
        'modules needing updates',
        'files needing updates',
      ],
      result.targets.map((t) => [
        t.version,
        t.php,
        String(t.summary.bySeverity.critical),
        String(t.summary.bySeverity.error),
        String(t.summary.bySeverity.warning),
        String(t.summary.bySeverity.info),
        String(t.summary.complexityScore),
        hours(t.summary.effortHours),
        `${t.summary.modules.needingUpdate}/${t.summary.modules.total} (${t.summary.modules.percent} %)`,
        `${t.summary.files.needingUpdate}/${t.summary.files.total} (${t.summary.files.percent} %)`,
      ]),
    ),
  );
  for (const target of result.targets) out.push('', ...renderTarget(target, opts.expand ?? false));
  out.push('', ...renderNotes(result.summary));
  if (result.problems.length > 0) {
    out.push('', `## Problems (${result.problems.length})`, '');
    out.push(
      markdownTable(
        ['level', 'code', 'where', 'message'],
        result.problems.map((p) => [
          p.level,
          p.code,
          p.file ? `${p.file}${p.line ? `:${p.line}` : ''}` : '',
          p.message,
        ]),
      ),
    );
  }
  return `${out.join('\n')}\n`;
}

function renderTarget(target: TargetResult, expand: boolean): string[] {
  const out = [`## Target ${escapeMarkdown(targetLabel(target))} (PHP ${escapeMarkdown(target.php)})`];
  if (target.advice) out.push('', `Advice: ${escapeMarkdown(target.advice)}.`);
  if (target.findings.length === 0) return [...out, '', 'No findings.'];
  for (const group of groupFindings(target.findings, target.summary.actions)) {
    const title =
      escapeMarkdown(group.title) + (group.modules.length > 0 ? ` (${escapeMarkdown(group.modules.join(', '))})` : '');
    const a = group.action;
    const count = a
      ? `package action (${a.severity}, ${hours(a.hours)}), ${a.findings} finding${a.findings === 1 ? '' : 's'}`
      : `${group.findings.length} finding${group.findings.length === 1 ? '' : 's'}`;
    out.push('', `<details><summary><strong>${title}</strong>: ${count}</summary>`, '');
    if (a) {
      out.push(
        `**${escapeMarkdown(a.message)}** (${hours(a.hours)}; ${escapeMarkdown(severityCounts(group.rolledUp))}` +
          `${expand ? '' : '; `mageup check --expand` lists them'})`,
      );
      if (expand) out.push('', ...findingsTable(group.rolledUp));
    }
    if (group.findings.length > 0) out.push(...(a ? [''] : []), ...findingsTable(group.findings));
    out.push('', '</details>');
  }
  return out;
}

/** The findings of one group as a table, then the details (diffs) of those that have them. */
function findingsTable(findings: Finding[]): string[] {
  const out = [
    markdownTable(
      ['severity', 'rule', 'where', 'message', 'recommendation', 'effort'],
      findings.map((f) => [f.severity, f.ruleId, location(f), f.message, f.recommendation, findingHoursLabel(f)]),
    ),
  ];
  for (const f of findings) {
    if (!f.details) continue;
    const where = location(f);
    const label = `${isUnifiedDiff(f.details) ? 'Diff' : 'Details'}: ${f.ruleId}${where ? ` ${where}` : ''}`;
    out.push('', ...markdownDetails(label, f.details));
  }
  return out;
}

function renderNotes(s: CheckSummary): string[] {
  const out = [`**Risk ${s.risk.level.toUpperCase()}:** ${escapeMarkdown(s.risk.reasons.join('; '))}`, ''];
  if (s.effort) {
    const e = s.effort;
    out.push(
      `**Effort ${hours(s.effortHours)}:** platform ${hours(e.platformHours)}, extensions ${hours(e.extensionHours)}, ` +
        `code ${hours(e.codeHours)}, tests ${hours(e.testHours)}, deployment ${hours(e.deployHours)}, ` +
        `+${e.bufferPercent} % risk buffer${optionalNote(e) ? `; ${optionalNote(e)}` : ''}`,
      '',
    );
    const note = pathNote(s);
    if (note) out.push(escapeMarkdown(note), '');
  }
  if (s.actions.length > 0) {
    out.push(
      `**Extensions to upgrade:** ${escapeMarkdown(rolledUpNote(s.actions))}.`,
      '',
      ...s.actions.map((a) => `- ${escapeMarkdown(a.message)} (${hours(a.hours)})`),
      '',
    );
  }
  out.push(`Effort model: ${escapeMarkdown(s.effortModel)}`);
  if (s.coverage.length > 0) {
    out.push(
      '',
      '**Knowledge coverage** (not covered or derived: those checks say "could not verify" or name the release compared):',
      '',
      ...s.coverage.map((c) => `- ${escapeMarkdown(c.release)}: ${escapeMarkdown(describeReleaseCoverage(c))}`),
    );
  }
  if (s.lowConfidence.length > 0) {
    out.push('', '**Uncertain facts used:**', '', ...s.lowConfidence.map((f) => `- ${escapeMarkdown(f)}`));
  }
  if (s.bundled.length > 0) {
    out.push('', '**Bundled with Magento:**', '', ...s.bundled.map((b) => `- ${escapeMarkdown(b.message)}`));
  }
  return out;
}
