import { isBlocker } from '../../core/blocker.js';
import { describeReleaseCoverage } from '../../knowledge/coverage.js';
import { findingHours, isMagentosCode } from '../../plan/work.js';
import type { CheckResult } from '../../check/types.js';
import {
  findingKey,
  SEVERITIES,
  severityRank,
  type Finding,
  type FindingCategory,
  type Severity,
} from '../../core/finding.js';
import { securityExposure, securityFindings } from '../../core/security-order.js';
import { actionOf, assessRisk, optionalNote, pathNote, pricedFindings, rolledUp } from '../../check/summary.js';
import type { PackageAction } from '../../check/types.js';
import { findingHoursLabel, rolledUpNote, severityCounts } from '../check/group.js';
import type { GovernanceReport } from '../../governance/policy.js';
import { isUnifiedDiff } from '../finding-details.js';
import { barChart, type Bar } from './charts.js';
import { escapeHtml as h } from './escape.js';
import type { Excerpt } from './excerpt.js';
import { cspHash, SCRIPT, STYLE } from './page-assets.js';

export interface HtmlOptions {
  /** End of support per release version (`2.4.6-p3` → `2025-08-11`), shown in the summary when known. */
  endOfSupport?: Record<string, string | null>;
  /** Source lines around findings, by fingerprint (see readExcerpts). */
  excerpts?: Map<string, Excerpt>;
}

export type RiskLevel = 'high' | 'medium' | 'low';

const SEVERITY_COLOR: Record<Severity, string> = {
  critical: '#b3261e',
  error: '#d9622b',
  warning: '#c99a06',
  info: '#3b6fb6',
};

/** The summary's risk of a list of findings (kept for library users; reports read `summary.risk`). */
export function riskLevel(findings: Finding[]): RiskLevel {
  return assessRisk(findings).level;
}

/** Working days of 8 hours, to the half day. */
export function effortDays(hours: number): number {
  return Math.round((hours / 8) * 2) / 2;
}

/**
 * One self-contained HTML page for people who decide: an executive summary (versions, support dates, security,
 * risk, effort, top blockers), inline SVG charts, then a filterable, sortable table of findings with code excerpts.
 * Works offline; a Content-Security-Policy allows only the page's own style and script (by hash) and no network at
 * all. Everything taken from the project is escaped. Prints on A4.
 */
export function renderCheckHtml(result: CheckResult, opts: HtmlOptions = {}): string {
  const findings = distinct(result.findings);
  const s = result.summary;
  const targets = result.targets.map((t) => t.version);
  const title = `Upgrade check: ${result.project.name ?? basename(result.project.root)} ${result.current.version ?? 'unknown'} → ${targets.join(', ')}`;
  const risk = s.risk.level;
  const security = securityFindings(findings);
  // A third-party extension's findings are one package action in every listing (the blockers and the table).
  const index = rolledUp(s.actions);
  // The fleet's judgement of a blocker (isBlocker); a package action blocks when one of its findings does, at the
  // worst of those.
  const blockingOf = new Map<PackageAction, Finding[]>();
  for (const f of findings.filter(isBlocker)) {
    const action = actionOf(f, index);
    if (action) blockingOf.set(action, [...(blockingOf.get(action) ?? []), f]);
  }
  const blockers = [
    ...findings.filter((f) => !actionOf(f, index) && isBlocker(f)),
    ...[...blockingOf].map(([a, own]) => ({
      severity: own.reduce<Severity>(
        (worst, f) => (severityRank(f.severity) < severityRank(worst) ? f.severity : worst),
        'info',
      ),
      message: a.message,
      package: a.package,
      module: undefined,
      effort: { hours: a.hours },
    })),
  ]
    .sort(
      (a, b) =>
        severityRank(a.severity) - severityRank(b.severity) ||
        (b.effort?.hours ?? 0) - (a.effort?.hours ?? 0) ||
        a.message.localeCompare(b.message),
    )
    .slice(0, 5);
  const eos = (v: string | null): string => {
    if (!v || !opts.endOfSupport || !(v in opts.endOfSupport)) return 'unknown';
    return opts.endOfSupport[v] ?? 'not announced';
  };
  const styleHash = cspHash(STYLE);
  const scriptHash = cspHash(SCRIPT);
  const csp = `default-src 'none'; style-src '${styleHash}'; script-src '${scriptHash}'; img-src data:; base-uri 'none'; form-action 'none'`;

  const out: string[] = [];
  out.push('<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">');
  out.push(`<meta http-equiv="Content-Security-Policy" content="${h(csp)}">`);
  out.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  out.push(`<meta name="generator" content="mageup ${h(result.tool.version)}">`);
  out.push(`<title>${h(title)}</title>`, `<style>${STYLE}</style>`, '</head>', '<body>');
  out.push(
    `<header class="top"><h1>${h(title)}</h1><p>${h(result.project.kind === 'extension' ? 'Extension' : 'Project')} ` +
      `<code>${h(result.project.root)}</code> · ${h(result.project.edition)} · checked on ${h(result.date)} with MageUp ${h(result.tool.version)}</p></header>`,
  );
  out.push('<main>');

  // Executive summary
  out.push('<section id="summary"><h2>Summary</h2><div class="cards">');
  out.push(
    card(
      'Current version',
      result.current.version ?? 'unknown',
      `end of support: ${eos(result.current.version)}`,
      'current',
    ),
  );
  out.push(
    card(
      targets.length > 1 ? 'Targets' : 'Target version',
      targets.join(', '),
      targets.map((t) => `end of support: ${eos(t)}`).join('; '),
      'target',
    ),
  );
  out.push(card('Risk level', risk.toUpperCase(), s.risk.reasons.join('; '), 'risk', `risk-${risk}`));
  out.push(
    card(
      'Estimated effort',
      `${effortDays(s.effortHours)} day${effortDays(s.effortHours) === 1 ? '' : 's'}`,
      effortBreakdown(s),
      'effort',
    ),
  );
  out.push(
    card(
      'Findings',
      String(s.findings),
      SEVERITIES.map((sev) => `${s.bySeverity[sev]} ${sev}`).join(' · '),
      'findings',
    ),
  );
  out.push(
    card(
      'Security exposure',
      security.length === 0 ? 'none found' : `${security.length} issue${security.length === 1 ? '' : 's'}`,
      security.length === 0
        ? 'no known advisory or missing bulletin'
        : `${security.filter((f) => f.severity === 'critical').length} critical · ${security.filter((f) => f.severity === 'error').length} error · listed below`,
      'security',
      // Advice at info level and code the store never runs do not make the exposure high.
      security.some((f) => securityExposure(f) !== 'not-run' && severityRank(f.severity) <= severityRank('error'))
        ? 'risk-high'
        : 'risk-low',
    ),
  );
  out.push(
    card(
      'Modules needing updates',
      `${s.modules.needingUpdate} of ${s.modules.total}`,
      `${s.modules.percent} % · files ${s.files.needingUpdate} of ${s.files.total}`,
      'modules',
    ),
  );
  out.push('</div>');
  out.push('<div class="panel spaced" id="blockers"><strong>Top blockers</strong>');
  if (blockers.length === 0) out.push('<p class="muted">Nothing blocks the upgrade at error level or above.</p>');
  else {
    out.push('<ul class="blockers">');
    for (const f of blockers) {
      out.push(
        `<li><span class="sev sev-${f.severity}">${f.severity}</span> ${h(f.message)}` +
          `${f.package || f.module ? ` <span class="muted">(${h(f.package ?? f.module ?? '')})</span>` : ''}</li>`,
      );
    }
    out.push('</ul>');
  }
  out.push('</div>');
  if (security.length > 0) {
    out.push('<div class="panel spaced" id="security"><strong>Security</strong><ul class="blockers">');
    for (const f of security.slice(0, 10)) {
      const exposure = securityExposure(f);
      const label = exposure === 'not-run' ? 'not run by the store' : exposure === 'dev-only' ? 'dev-only' : '';
      out.push(
        `<li><span class="sev sev-${f.severity}">${f.severity}</span>${label ? ` <span class="muted">[${label}]</span>` : ''} ` +
          `${h(f.message)} <span class="rec">${h(f.recommendation)}</span></li>`,
      );
    }
    if (security.length > 10) out.push(`<li class="muted">… and ${security.length - 10} more in the table below</li>`);
    out.push('</ul></div>');
  }
  if (s.coverage.length > 0) {
    // What the knowledge base knows of each target: a derived or uncovered family means "could not verify" findings.
    out.push('<div class="panel spaced" id="coverage"><strong>Knowledge coverage</strong><ul>');
    for (const c of s.coverage) out.push(`<li><strong>${h(c.release)}</strong>: ${h(describeReleaseCoverage(c))}</li>`);
    out.push('</ul></div>');
  }
  out.push('</section>');

  // Charts
  out.push('<section class="charts-section" id="charts"><h2>Where the work is</h2><div class="charts">');
  out.push(
    barChart(
      'Findings by severity',
      SEVERITIES.map((sev) => ({ label: sev, value: s.bySeverity[sev], color: SEVERITY_COLOR[sev] })),
    ),
  );
  out.push(barChart('Top 10 modules by findings', topModules(findings)));
  out.push(
    s.effort
      ? barChart('Where the hours go', effortBars(s.effort), { unit: 'h' })
      : barChart('Effort by category', effortByCategory(findings), { unit: 'h' }),
  );
  out.push(barChart('Findings by category', countByCategory(findings)));
  out.push('</div></section>');

  // Findings table: one row per finding, and one per package action in place of the findings it holds.
  const rows = tableRows(findings, index);
  const categories = [
    ...new Set(rows.map((r) => ('action' in r ? ACTION_CATEGORY : r.finding.category) as string)),
  ].sort();
  out.push(`<section id="details"><h2>Findings (${s.findings})</h2>`);
  if (s.actions.length > 0) out.push(`<p class="muted" id="rolled-up">${h(rolledUpNote(s.actions))}.</p>`);
  out.push(
    '<div class="filters"><label>Severity <select id="f-severity"><option value="">all</option>' +
      SEVERITIES.map((sev) => `<option value="${sev}">${sev}</option>`).join('') +
      '</select></label><label>Category <select id="f-category"><option value="">all</option>' +
      categories.map((c) => `<option value="${h(c)}">${h(c)}</option>`).join('') +
      '</select></label><input type="search" id="f-text" placeholder="Search rule, file, message…" aria-label="Search findings">' +
      `<span id="shown">${rows.length} of ${rows.length} rows shown</span></div>`,
  );
  out.push(
    '<table id="findings"><thead><tr><th data-sort="number">Severity</th><th data-sort="text">Rule</th>' +
      '<th data-sort="text">Package / module</th><th data-sort="text">Location</th><th>Finding</th>' +
      '<th data-sort="number">Effort</th><th data-sort="text">Targets</th></tr></thead><tbody>',
  );
  for (const row of rows)
    out.push(
      'action' in row
        ? actionRow(row.action, row.findings)
        : findingRow(row.finding, opts.excerpts?.get(row.finding.fingerprint)),
    );
  out.push('</tbody></table></section>');

  if (result.governance && (result.governance.configFile || result.governance.baselineFile))
    out.push(governanceSection(result.governance));
  if (result.problems.length > 0) {
    out.push(
      `<section id="problems"><h2>Problems reading the project (${result.problems.length})</h2><table><thead><tr><th>Level</th><th>Code</th><th>Where</th><th>Message</th></tr></thead><tbody>`,
    );
    for (const p of result.problems) {
      out.push(
        `<tr><td>${h(p.level)}</td><td><code>${h(p.code)}</code></td><td>${h(p.file ? `${p.file}${p.line ? `:${p.line}` : ''}` : '')}</td><td>${h(p.message)}</td></tr>`,
      );
    }
    out.push('</tbody></table></section>');
  }
  out.push(`<section id="method" class="muted"><h2>How the effort is estimated</h2><p>${h(s.effortModel)}</p>`);
  if (s.lowConfidence.length > 0)
    out.push(`<p>Uncertain facts used:</p><ul>${s.lowConfidence.map((x) => `<li>${h(x)}</li>`).join('')}</ul>`);
  if (s.bundled.length > 0)
    out.push(`<p>Bundled with Magento:</p><ul>${s.bundled.map((b) => `<li>${h(b.message)}</li>`).join('')}</ul>`);
  out.push('</section>');
  out.push('</main>', `<script>${SCRIPT}</script>`, '</body>', '</html>');
  return `${out.join('\n')}\n`;
}

function card(label: string, value: string, sub: string, id: string, cls = ''): string {
  return `<div class="card ${cls}" id="card-${id}"><div class="k">${h(label)}</div><div class="v">${h(value)}</div><div class="s">${h(sub)}</div></div>`;
}

/** The hours of the summary, where they go (the same breakdown as a plan hop). */
function effortBreakdown(s: CheckResult['summary']): string {
  if (!s.effort) return `${s.effortHours} developer hours; excludes testing and deployment`;
  const e = s.effort;
  return (
    `${s.effortHours} developer hours: platform ${e.platformHours} h, extensions ${e.extensionHours} h, code ` +
    `${e.codeHours} h, tests ${e.testHours} h, deployment ${e.deployHours} h, +${e.bufferPercent} % risk buffer` +
    (optionalNote(e) ? `; ${optionalNote(e)}` : '') +
    (pathNote(s) ? `. ${pathNote(s)}` : '')
  );
}

function findingRow(f: Finding & { targets: string[] }, excerpt: Excerpt | undefined): string {
  const where = f.file ? `${f.file}${f.line ? `:${f.line}` : ''}` : '';
  const owner = f.package ?? f.module ?? 'project';
  let code = '';
  if (excerpt) {
    const width = String(excerpt.firstLine + excerpt.lines.length - 1).length;
    const lines = excerpt.lines
      .map((line, i) => {
        const n = excerpt.firstLine + i;
        const text = `${String(n).padStart(width)}  ${h(line)}`;
        return n === excerpt.line ? `<span class="hit">${text}</span>` : text;
      })
      .join('\n');
    code = `<details class="code"><summary>code</summary><pre class="excerpt">${lines}</pre></details>`;
  }
  // Collapsed: an upstream diff can be long, and the table must stay scannable.
  const details = f.details
    ? `<details class="more"><summary>${isUnifiedDiff(f.details) ? 'upstream diff' : 'details'}</summary>` +
      `<pre class="details">${h(f.details.replace(/\r\n?/g, '\n').replace(/\n$/, ''))}</pre></details>`
    : '';
  return (
    `<tr data-severity="${f.severity}" data-category="${h(f.category)}" data-fingerprint="${h(f.fingerprint)}">` +
    `<td data-value="${severityRank(f.severity)}"><span class="sev sev-${f.severity}">${f.severity}</span></td>` +
    `<td><code>${h(f.ruleId)}</code></td><td>${h(owner)}${f.module && f.module !== owner ? `<div class="muted">${h(f.module)}</div>` : ''}</td>` +
    `<td><code>${h(where)}</code></td>` +
    `<td><div class="msg">${h(f.message)}</div><div class="rec">→ ${h(f.recommendation)}</div>${details}${code}</td>` +
    `<td class="num" data-value="${isMagentosCode(f) ? 0 : (f.effort?.hours ?? 0)}">${h(findingHoursLabel(f))}</td>` +
    `<td>${h(f.targets.join(', '))}</td></tr>`
  );
}

/** The table's filter value for package action rows. */
const ACTION_CATEGORY = 'extension upgrade';

type ViewFinding = Finding & { targets: string[] };
type TableRow = { finding: ViewFinding } | { action: PackageAction; findings: ViewFinding[] };

/** Findings in order, each package action at the place of its first finding, holding all of them. */
function tableRows(findings: ViewFinding[], index: Map<string, PackageAction>): TableRow[] {
  const rows: TableRow[] = [];
  const byAction = new Map<PackageAction, ViewFinding[]>();
  for (const f of findings) {
    const action = actionOf(f, index);
    if (!action) rows.push({ finding: f });
    else if (byAction.has(action)) byAction.get(action)!.push(f);
    else {
      const held = [f];
      byAction.set(action, held);
      rows.push({ action, findings: held });
    }
  }
  return rows;
}

/** One package action: its sentence and hours, its findings in a collapsed element (printed as one line). */
function actionRow(a: PackageAction, findings: ViewFinding[]): string {
  const targets = [...new Set(findings.flatMap((f) => f.targets))];
  const items = findings
    .map((f) => {
      const where = f.file ? `${f.file}${f.line ? `:${f.line}` : ''}` : '';
      return (
        `<li><span class="sev sev-${f.severity}">${f.severity}</span> <code>${h(f.ruleId)}</code>` +
        `${where ? ` <code>${h(where)}</code>` : ''} <div class="msg">${h(f.message)}</div>` +
        `<div class="rec">→ ${h(f.recommendation)}</div></li>`
      );
    })
    .join('');
  return (
    `<tr class="action" data-severity="${a.severity}" data-category="${ACTION_CATEGORY}" data-package="${h(a.package)}">` +
    `<td data-value="${severityRank(a.severity)}"><span class="sev sev-${a.severity}">${a.severity}</span></td>` +
    `<td><code>package action: ${h(a.action)}</code></td><td>${h(a.package)}<div class="muted">${h(a.version)}</div></td>` +
    `<td></td><td><div class="msg">${h(a.message)}</div>` +
    `<details class="rolled"><summary>${a.findings} finding${a.findings === 1 ? '' : 's'} (${h(severityCounts(findings))})</summary>` +
    `<ul class="rolled">${items}</ul></details></td>` +
    `<td class="num" data-value="${a.hours}">${a.hours} h</td><td>${h(targets.join(', '))}</td></tr>`
  );
}

function governanceSection(g: GovernanceReport): string {
  const out = [
    '<section id="governance" class="governance"><h2>Decisions (waivers and baseline)</h2><div class="panel">',
  ];
  out.push(
    `<p>Config: <code>${h(g.configFile ?? 'none')}</code> · baseline: <code>${h(g.baselineFile ?? 'none')}</code> · ` +
      `${g.waived.length} waived · ${g.baselined} baselined · ${g.excluded} excluded by path or rule</p>`,
  );
  const rows = (list: GovernanceReport['waived'], label: string): void => {
    if (list.length === 0) return;
    out.push(
      `<p><strong>${h(label)}</strong></p><table><thead><tr><th>Rule</th><th>Where</th><th>Finding</th><th>Reason</th><th>Owner</th><th>Expires</th></tr></thead><tbody>`,
    );
    for (const w of list) {
      out.push(
        `<tr><td><code>${h(w.ruleId)}</code></td><td>${h(w.where ?? '')}</td><td>${h(w.message)}</td><td>${h(w.waiver.reason)}</td><td>${h(w.waiver.owner)}</td><td>${h(w.waiver.expires)}</td></tr>`,
      );
    }
    out.push('</tbody></table>');
  };
  rows(g.resurfaced, 'Expired waivers: these findings count again');
  rows(g.waived, 'Waived findings');
  if (g.staleWaivers.length > 0) {
    out.push('<p><strong>Stale waivers (match no finding: remove them)</strong></p><ul>');
    for (const w of g.staleWaivers)
      out.push(`<li><code>${h(w.rule)}</code> ${h(w.path ?? '')} (${h(w.owner)}, ${h(w.reason)})</li>`);
    out.push('</ul>');
  }
  if (g.staleBaselineEntries > 0)
    out.push(
      `<p>${g.staleBaselineEntries} baseline entries no longer match a finding (fixed): regenerate the baseline.</p>`,
    );
  out.push('</div></section>');
  return out.join('\n');
}

function distinct(findings: (Finding & { target: string })[]): (Finding & { targets: string[] })[] {
  const map = new Map<string, Finding & { targets: string[] }>();
  for (const { target, ...f } of findings) {
    const seen = map.get(findingKey(f));
    if (seen) {
      if (!seen.targets.includes(target)) seen.targets.push(target);
    } else map.set(findingKey(f), { ...f, targets: [target] });
  }
  return [...map.values()];
}

function topModules(findings: Finding[]): Bar[] {
  const counts = new Map<string, number>();
  for (const f of findings) {
    const key = f.module ?? f.package ?? 'project';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 10)
    .map(([label, value]) => ({ label, value }));
}

/** The extension's effort by category: the same findings and hours as its total (summarize's pricedFindings). */
function effortByCategory(findings: Finding[]): Bar[] {
  const sums = new Map<FindingCategory, number>();
  for (const f of pricedFindings(findings)) sums.set(f.category, (sums.get(f.category) ?? 0) + findingHours(f));
  return [...sums.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([label, value]) => ({ label, value: Math.round(value * 10) / 10, color: '#5a8f5a' }));
}

/** The summary's effort breakdown as bars: they add up to the effort card (buffer included). */
function effortBars(e: NonNullable<CheckResult['summary']['effort']>): Bar[] {
  const buffer = Math.round((e.totalHours - e.baseHours) * 10) / 10;
  return [
    { label: 'platform', value: e.platformHours },
    { label: 'extensions', value: e.extensionHours },
    { label: 'code', value: e.codeHours },
    { label: 'tests', value: e.testHours },
    { label: 'deployment', value: e.deployHours },
    { label: 'risk buffer', value: buffer },
  ].map((b) => ({ ...b, color: '#5a8f5a' }));
}

function countByCategory(findings: Finding[]): Bar[] {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.category, (counts.get(f.category) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([label, value]) => ({ label, value, color: '#7a5aa8' }));
}

function basename(path: string): string {
  return (
    path
      .replace(/[/\\]+$/, '')
      .split(/[/\\]/)
      .pop() || path
  );
}
