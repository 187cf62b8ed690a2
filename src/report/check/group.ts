import { actionOf, rolledUp } from '../../check/summary.js';
import type { PackageAction } from '../../check/types.js';
import type { Finding } from '../../core/finding.js';
import { isMagentosCode, mustAct } from '../../plan/work.js';

export interface FindingGroup {
  /** Package name, else module name, else `Project` (platform and root-level findings). */
  title: string;
  modules: string[];
  /** Findings listed one by one (custom code, libraries, the project). */
  findings: Finding[];
  /** A third-party extension's one action: listed instead of the findings it holds. */
  action?: PackageAction;
  /** The findings rolled up into `action` (shown only when expanded). */
  rolledUp: Finding[];
}

/**
 * Findings grouped by package (or module), project-level group first, groups in name order, findings kept in order.
 * With the summary's package actions, a third-party extension's findings move under its action: every listing shows
 * one line per package action, and its findings only when asked (`--expand`, a collapsed HTML element).
 */
export function groupFindings(findings: Finding[], actions: readonly PackageAction[] = []): FindingGroup[] {
  const index = rolledUp(actions);
  const groups = new Map<string, FindingGroup>();
  for (const f of findings) {
    const action = actionOf(f, index);
    const title = action?.package ?? f.package ?? f.module ?? 'Project';
    let group = groups.get(title);
    if (!group) {
      group = { title, modules: [], findings: [], rolledUp: [] };
      groups.set(title, group);
    }
    if (f.module && !group.modules.includes(f.module) && f.module !== title) group.modules.push(f.module);
    if (action) {
      group.action = action;
      group.rolledUp.push(f);
    } else group.findings.push(f);
  }
  return [...groups.values()].sort((a, b) =>
    a.title === 'Project' ? -1 : b.title === 'Project' ? 1 : a.title < b.title ? -1 : a.title > b.title ? 1 : 0,
  );
}

/** "3 critical, 1 info": the severities of a package action's findings, most severe first. */
export function severityCounts(findings: readonly Finding[]): string {
  const order = ['critical', 'error', 'warning', 'info'] as const;
  return order
    .map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
}

/** The sentence every format prints under its counts: how many findings sit under how many package actions. */
export function rolledUpNote(actions: readonly PackageAction[]): string {
  const n = actions.reduce((sum, a) => sum + a.findings, 0);
  const k = actions.length;
  return (
    `${n} of these findings ${n === 1 ? 'sits' : 'sit'} in ${k} third-party extension${k === 1 ? '' : 's'}, ` +
    `listed as one action per package (effort per package, not per finding)`
  );
}

export function location(f: Finding): string {
  if (!f.file) return '';
  return f.line ? `${f.file}:${f.line}` : f.file;
}

export function hours(h: number | undefined): string {
  if (h === undefined) return '';
  return `${Math.round(h * 10) / 10} h`;
}

/**
 * A finding's hours as every findings listing prints them (text, Markdown, HTML): only what the total can bill reads
 * as hours. Magento's bundled code is never priced (Composer replaces it): "0 h, Magento's code"; an info finding is a
 * note: its estimate marked optional, as plan lists it. Empty when the rule gave no estimate.
 */
export function findingHoursLabel(f: Finding): string {
  if (isMagentosCode(f)) return "0 h, Magento's code";
  if (!f.effort) return '';
  return mustAct(f) ? hours(f.effort.hours) : `${hours(f.effort.hours)}, optional`;
}
