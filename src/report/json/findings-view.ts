import type { ReleaseCoverage } from '../../knowledge/coverage.js';
import type { CheckResult, CheckSummary } from '../../check/types.js';
import { findingKey, type Finding } from '../../core/finding.js';
import type { Problem } from '../../core/problem.js';
import type { AuditReport } from '../audit/audit-report.js';

/** A finding as the machine formats show it: once per fingerprint and place, with every target it shows on. */
export type ViewFinding = Finding & { targets: string[] };

/**
 * What SARIF, JUnit and GitHub annotations render, whatever the command: findings (deduplicated across targets),
 * the problems met while reading the input, and where the project is.
 */
export interface FindingsView {
  command: string;
  tool: { name: string; version: string };
  /** Project root, absolute. */
  root: string;
  findings: ViewFinding[];
  problems: Problem[];
  /** `check` only: how the knowledge covers each target (see CheckSummary.coverage). */
  coverage?: ReleaseCoverage[];
  /** The check's one summary (counts, effort, risk), which every format repeats as is. */
  summary?: CheckSummary;
}

export function viewOfCheck(result: CheckResult): FindingsView {
  const byFingerprint = new Map<string, ViewFinding>();
  for (const { target, ...finding } of result.findings) {
    const seen = byFingerprint.get(findingKey(finding));
    if (seen) {
      if (!seen.targets.includes(target)) seen.targets.push(target);
    } else byFingerprint.set(findingKey(finding), { ...finding, targets: [target] });
  }
  return {
    command: 'check',
    tool: result.tool,
    root: result.project.root,
    findings: [...byFingerprint.values()],
    problems: result.problems,
    coverage: result.summary.coverage,
    summary: result.summary,
  };
}

/** The audit has no findings, only problems: CI formats then show those. */
export function viewOfAudit(report: AuditReport): FindingsView {
  return { command: 'audit', tool: report.tool, root: report.project.root, findings: [], problems: report.problems };
}

/** A command whose findings are one list, with no targets to merge (monitor, verify). */
export function viewOfFindings(
  command: string,
  run: { tool: FindingsView['tool']; root: string; findings: Finding[]; problems: Problem[] },
): FindingsView {
  return {
    command,
    tool: run.tool,
    root: run.root,
    findings: run.findings.map((f) => ({ ...f, targets: [] })),
    problems: run.problems,
  };
}
