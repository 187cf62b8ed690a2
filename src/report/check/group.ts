import type { Finding } from '../../core/finding.js';

export interface FindingGroup {
  /** Package name, else module name, else `Project` (platform and root-level findings). */
  title: string;
  modules: string[];
  findings: Finding[];
}

/** Findings grouped by package (or module), project-level group first, groups in name order, findings kept in order. */
export function groupFindings(findings: Finding[]): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const f of findings) {
    const title = f.package ?? f.module ?? 'Project';
    let group = groups.get(title);
    if (!group) {
      group = { title, modules: [], findings: [] };
      groups.set(title, group);
    }
    if (f.module && !group.modules.includes(f.module) && f.module !== title) group.modules.push(f.module);
    group.findings.push(f);
  }
  return [...groups.values()].sort((a, b) =>
    a.title === 'Project' ? -1 : b.title === 'Project' ? 1 : a.title < b.title ? -1 : a.title > b.title ? 1 : 0,
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
