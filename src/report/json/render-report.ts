import type { CheckResult } from '../../check/types.js';
import type { GovernanceReport } from '../../governance/policy.js';
import { renderCheckMarkdown } from '../check/render-markdown.js';
import { renderCheckText } from '../check/render-text.js';
import { escapeMarkdown, markdownTable, terminalSafe } from '../format.js';
import { renderCheckHtml, type HtmlOptions } from '../html/render-html.js';
import { forClient } from '../client.js';
import { viewOfCheck } from './findings-view.js';
import { renderFindingsView } from '../render-findings-view.js';
import { ruleById } from '../../rules/registry.js';

import type { CheckReportFormat } from '../formats.js';

export { AUDIT_REPORT_FORMATS, CHECK_REPORT_FORMATS } from '../formats.js';
export type { AuditReportFormat, CheckReportFormat } from '../formats.js';

export interface RenderOptions extends HtmlOptions {
  color?: boolean;
  /** Text and Markdown: list each third-party extension's findings under its package action, not only the action. */
  expand?: boolean;
}

/** A check result in one format. JSON follows schemas/check.schema.json. */
export function renderCheckReport(result: CheckResult, format: CheckReportFormat, opts: RenderOptions = {}): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(result, null, 2)}\n`;
    case 'md': {
      const client = forClient(result, result.project.root);
      return (
        renderCheckMarkdown(client, { expand: opts.expand ?? false }) +
        (client.governance && hasDecisions(client.governance) ? `\n${renderGovernanceMarkdown(client.governance)}` : '')
      );
    }
    case 'html':
      return renderCheckHtml(forClient(result, result.project.root), opts);
    case 'sarif':
    case 'junit':
    case 'github':
      return renderFindingsView(viewOfCheck(result), format, (id) => ruleById(id)?.meta);
    case 'text':
      return (
        renderCheckText(result, { color: opts.color ?? false, expand: opts.expand ?? false }) +
        (result.governance && hasDecisions(result.governance) ? governanceText(result.governance) : '')
      );
  }
}

/** The decisions section for tickets: expired waivers first (they need someone), then stale ones, then what holds. */
export function renderGovernanceMarkdown(g: GovernanceReport): string {
  const md = escapeMarkdown;
  const out = ['## Decisions', ''];
  out.push(
    `${g.waived.length} waived, ${g.baselined} in the baseline${g.baselineFile ? ` (\`${g.baselineFile.replace(/`/g, "'")}\`)` : ''}, ` +
      `${g.excluded} excluded by path or rule${g.configFile ? `; config \`${g.configFile.replace(/`/g, "'")}\`` : ''}.`,
  );
  const table = (list: GovernanceReport['waived']): string =>
    markdownTable(
      ['rule', 'where', 'finding', 'reason', 'owner', 'expires'],
      list.map((w) => [w.ruleId, w.where ?? '', w.message, w.waiver.reason, w.waiver.owner, w.waiver.expires]),
    );
  if (g.resurfaced.length > 0)
    out.push('', `**Expired waivers: ${g.resurfaced.length} finding(s) count again**`, '', table(g.resurfaced));
  if (g.severityOverrides.length > 0) {
    out.push('', '**Severity overrides:**', '');
    for (const o of g.severityOverrides) out.push(`- \`${md(o.ruleId)}\`: ${o.from} → ${o.to} (${o.count})`);
  }
  if (g.staleWaivers.length > 0) {
    out.push('', `**Stale waivers (match no finding):**`, '');
    for (const w of g.staleWaivers)
      out.push(
        `- \`${md(w.rule)}\`${w.path ? ` ${md(w.path)}` : ''}: ${md(w.reason)} (${md(w.owner)}, until ${w.expires})`,
      );
  }
  if (g.staleBaselineEntries > 0)
    out.push(
      '',
      `${g.staleBaselineEntries} baseline entr${g.staleBaselineEntries === 1 ? 'y no longer matches' : 'ies no longer match'} a finding: regenerate the baseline.`,
    );
  if (g.waived.length > 0)
    out.push('', '<details><summary>Waived findings</summary>', '', table(g.waived), '', '</details>');
  return `${out.join('\n')}\n`;
}

/** Whether a config or baseline was in play: without one there is nothing to tell. */
export function hasDecisions(g: GovernanceReport): boolean {
  return g.configFile !== null || g.baselineFile !== null;
}

function governanceText(g: GovernanceReport): string {
  const lines = [
    '',
    `Decisions: ${g.waived.length} waived, ${g.baselined} baselined, ${g.excluded} excluded` +
      (g.configFile ? ` (config ${g.configFile})` : ''),
  ];
  for (const r of g.resurfaced)
    lines.push(`  Waiver expired ${r.waiver.expires} (${r.waiver.owner}): ${r.ruleId} ${r.where ?? ''} counts again`);
  for (const o of g.severityOverrides)
    lines.push(`  Severity of ${o.ruleId}: ${o.from} → ${o.to} (${o.count} findings)`);
  for (const w of g.staleWaivers)
    lines.push(
      `  Stale waiver #${w.index + 1} (${w.rule}${w.path ? ` ${w.path}` : ''}, ${w.owner}) matches no finding`,
    );
  if (g.staleBaselineEntries > 0) lines.push(`  ${g.staleBaselineEntries} baseline entries match no finding any more`);
  return `${terminalSafe(lines.join('\n'))}\n`;
}
