import { describeReleaseCoverage } from '../../knowledge/coverage.js';
import type { CheckResult, CheckSummary, TargetResult } from '../../check/types.js';
import { markdownDetails, isUnifiedDiff } from '../finding-details.js';
import { escapeMarkdown, markdownTable } from '../format.js';
import { groupFindings, hours, location } from './group.js';

/** Markdown for tickets and pull requests: a summary table, then findings per package in collapsible sections. */
export function renderCheckMarkdown(result: CheckResult): string {
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
  for (const target of result.targets) out.push('', ...renderTarget(target));
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

function renderTarget(target: TargetResult): string[] {
  const out = [`## Target ${escapeMarkdown(target.version)} (PHP ${escapeMarkdown(target.php)})`];
  if (target.findings.length === 0) return [...out, '', 'No findings.'];
  for (const group of groupFindings(target.findings)) {
    const title =
      escapeMarkdown(group.title) + (group.modules.length > 0 ? ` (${escapeMarkdown(group.modules.join(', '))})` : '');
    out.push(
      '',
      `<details><summary><strong>${title}</strong>: ${group.findings.length} finding${group.findings.length === 1 ? '' : 's'}</summary>`,
      '',
    );
    out.push(
      markdownTable(
        ['severity', 'rule', 'where', 'message', 'recommendation', 'effort'],
        group.findings.map((f) => [
          f.severity,
          f.ruleId,
          location(f),
          f.message,
          f.recommendation,
          hours(f.effort?.hours),
        ]),
      ),
    );
    for (const f of group.findings) {
      if (!f.details) continue;
      const where = location(f);
      const label = `${isUnifiedDiff(f.details) ? 'Diff' : 'Details'}: ${f.ruleId}${where ? ` ${where}` : ''}`;
      out.push('', ...markdownDetails(label, f.details));
    }
    out.push('', '</details>');
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
        `+${e.bufferPercent} % risk buffer`,
      '',
    );
  }
  if (s.actions.length > 0) {
    out.push(
      '**Extensions to upgrade:**',
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
