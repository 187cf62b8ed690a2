import { SEVERITIES, severityRank, type Finding, type Severity } from '../core/finding.js';
import type { ReleaseCoverage } from '../knowledge/coverage.js';
import type { BundledPackage, CheckSummary, Ratio } from './types.js';

/** Hours for a finding whose rule gave no estimate. */
export const DEFAULT_EFFORT: Record<Severity, number> = { critical: 2, error: 1, warning: 0.5, info: 0 };

export const EFFORT_MODEL =
  'Sum of per-finding estimates in developer hours: each rule states the hours one finding takes (e.g. a removed ' +
  'class 2 h, a Composer constraint on a third-party package 3 h, a bulletin fixed by the upgrade 0 h); findings ' +
  'without an estimate count critical 2 h, error 1 h, warning 0.5 h, info 0 h. A finding present in several ' +
  'targets counts once. Excludes testing and deployment.';

export interface UnderCheck {
  /** Non-core modules under check: name and directory. */
  modules: { name: string; path: string }[];
  /** Code files under check (relative paths). */
  files: Set<string>;
  lowConfidence: string[];
  /** Coverage of the target(s) by the knowledge, per family. */
  coverage: ReleaseCoverage[];
}

/** Summary of a set of findings (already deduplicated by the caller when they span targets). */
export function summarize(findings: Finding[], scope: UnderCheck, bundled: BundledPackage[] = []): CheckSummary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let effort = 0;
  const moduleHits = new Set<string>();
  const fileHits = new Set<string>();
  const modulePaths = [...scope.modules].sort((a, b) => b.path.length - a.path.length);
  for (const f of findings) {
    bySeverity[f.severity]++;
    effort += f.effort?.hours ?? DEFAULT_EFFORT[f.severity];
    if (severityRank(f.severity) > severityRank('warning')) continue;
    if (f.file && scope.files.has(f.file)) fileHits.add(f.file);
    const module =
      (f.module && scope.modules.find((m) => m.name === f.module)?.name) ??
      (f.file ? modulePaths.find((m) => contains(m.path, f.file!))?.name : undefined);
    if (module) moduleHits.add(module);
  }
  return {
    findings: findings.length,
    bySeverity,
    complexityScore: 3 * bySeverity.critical + 2 * bySeverity.error + bySeverity.warning,
    effortHours: Math.round(effort * 10) / 10,
    effortModel: EFFORT_MODEL,
    modules: ratio(moduleHits.size, scope.modules.length),
    files: ratio(fileHits.size, scope.files.size),
    lowConfidence: [...scope.lowConfidence],
    bundled,
    coverage: scope.coverage.map((c) => ({ ...c })),
  };
}

/** Is `file` inside the module directory `dir` (`''` or `.` is the analysed root: an extension on its own)? */
function contains(dir: string, file: string): boolean {
  return dir === '' || dir === '.' || file === dir || file.startsWith(`${dir}/`);
}

function ratio(needingUpdate: number, total: number): Ratio {
  return { total, needingUpdate, percent: total === 0 ? 0 : Math.round((needingUpdate / total) * 1000) / 10 };
}
