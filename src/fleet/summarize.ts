import type { CheckResult } from '../check/types.js';
import { SEVERITIES, type Severity } from '../core/finding.js';
import { supportStatus } from '../knowledge/lifecycle.js';
import type { PatchLevelsFile } from '../knowledge/patch-levels.js';
import type { MagentoReleaseCatalog } from '../knowledge/catalog.js';
import type { AuditReport } from '../report/audit/audit-report.js';
import type { VerifyRun } from '../verify/types.js';
import { openExploited, unverifiedBulletins } from './exploited.js';
import { moveReadiness } from './readiness.js';
import type { StoreStatus } from './types.js';

/**
 * One store's status from its audit, its check (first target) and its verify run. Only what the inputs say: a version
 * the catalog does not know leaves support and exploited bulletins "could not verify".
 */
export function summarizeStore(input: {
  audit: AuditReport;
  check: CheckResult | null;
  verify?: VerifyRun | null;
  catalog: MagentoReleaseCatalog;
  patchLevels: PatchLevelsFile | null;
  now: Date;
}): StoreStatus {
  const { audit, check, catalog, now } = input;
  const version = audit.magento.version ?? check?.current.version ?? null;
  const release = version ? catalog.get(version) : undefined;
  const support = release
    ? (({ endOfSupport, daysLeft, status }) => ({ endOfSupport, daysLeft, status }))(supportStatus(release, now))
    : { endOfSupport: null, daysLeft: null, status: 'unknown' as const };

  const target = check?.targets[0];
  // Open exploited bulletins, the bulletins check could not verify and the move verdict come from the engines the dashboard uses too (exploited.ts,
  // readiness.ts), so the fleet report, the dashboard and the check report agree.
  const exploited = target ? openExploited(target.findings, input.patchLevels) : [];
  const unverified = target ? unverifiedBulletins(target.findings, input.patchLevels) : null;
  const patches = audit.patchLevel?.patches ?? [];
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, target?.summary.bySeverity[s] ?? 0])) as Record<
    Severity,
    number
  >;
  const readiness = check ? moveReadiness({ targets: check.targets.slice(0, 1) })[0] : undefined;
  const verify = input.verify
    ? {
        verdict: input.verify.findings.some((f) => f.severity === 'critical' || f.severity === 'error')
          ? 'failed'
          : 'passed',
        failed: input.verify.findings.filter((f) => f.severity === 'critical' || f.severity === 'error').length,
      }
    : null;
  return {
    edition: audit.magento.edition ?? check?.project.edition ?? null,
    b2b: audit.magento.b2b ?? null,
    version,
    patchLevel: audit.patchLevel
      ? {
          label: audit.patchLevel.label,
          missing: patches.filter((p) => p.state === 'missing').length,
          partial: patches.filter((p) => p.state === 'partial').length,
          unknown: patches.filter((p) => p.state === 'unknown').length,
        }
      : null,
    support,
    openExploited: exploited,
    unverifiedBulletins: unverified,
    target: target?.version ?? null,
    bySeverity,
    effortHours: target ? target.summary.effortHours : null,
    risk: target ? target.summary.risk.level : null,
    canMoveNow: readiness?.canMoveNow ?? null,
    blockedBy: readiness?.blockedBy ?? [],
    unverifiedExtensions: readiness?.unverifiedExtensions ?? [],
    verify,
  };
}
