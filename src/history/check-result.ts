import type { CheckResult, CheckSummary, TargetResult } from '../check/types.js';
import type { Finding } from '../core/finding.js';
import type { StoredRun } from './run-store.js';

/**
 * The check result of a recorded `check` run, its finding lists put back from the store. Runs recorded before the
 * store kept the result are rebuilt from what was kept (versions, summary, findings): edition and per-target summaries
 * are then unknown, and say so.
 */
export function checkResultOfRun(run: StoredRun): CheckResult {
  const findings = run.findingList.map((f) => ({ ...f, target: f.target ?? run.targets[0] ?? '' }));
  const ofTarget = (version: string): Finding[] =>
    findings.filter((f) => f.target === version).map(({ target: _, ...f }) => f);
  const kept = run.result as CheckResult | null;
  if (kept && typeof kept === 'object' && Array.isArray(kept.targets)) {
    return { ...kept, findings, targets: kept.targets.map((t) => ({ ...t, findings: ofTarget(t.version) })) };
  }
  const summary = run.summary as CheckSummary;
  return {
    schemaVersion: '1.0.0',
    tool: { name: 'mageup', version: run.toolVersion },
    date: run.recordedAt.slice(0, 10),
    project: { root: run.project, kind: 'project', edition: 'unknown' },
    current: { version: run.currentVersion, source: 'history' },
    targets: run.targets.map((version): TargetResult => ({
      version,
      requested: version,
      php: 'unknown',
      symbols: 'none',
      // Only the run's overall summary was kept: each target shows it.
      summary,
      findings: ofTarget(version),
    })),
    findings,
    summary,
    problems: [],
    minSeverity: 'info',
  };
}
