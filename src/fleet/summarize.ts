import type { CheckResult } from '../check/types.js';
import { SEVERITIES, type Severity } from '../core/finding.js';
import { EXPLOITED_RELEASE_BULLETINS } from '../knowledge/exploited-bulletins.js';
import { bulletinsMissing, supportStatus } from '../knowledge/lifecycle.js';
import type { MagentoReleaseCatalog } from '../knowledge/catalog.js';
import { compareMagentoVersions } from '../knowledge/magento-version.js';
import type { AuditReport } from '../report/audit/audit-report.js';
import type { VerifyRun } from '../verify/types.js';
import type { OpenExploited, StoreStatus } from './types.js';

/** Finding categories that are reasons to upgrade or routine Composer work, not obstacles to the move. */
const NOT_BLOCKING = new Set(['security', 'lifecycle', 'composer']);

/**
 * One store's status from its audit, its check (first target) and its verify run. Only what the inputs say: a version
 * the catalog does not know leaves support and exploited bulletins "could not verify".
 */
export function summarizeStore(input: {
  audit: AuditReport;
  check: CheckResult | null;
  verify?: VerifyRun | null;
  catalog: MagentoReleaseCatalog;
  now: Date;
}): StoreStatus {
  const { audit, check, catalog, now } = input;
  const version = audit.magento.version ?? check?.current.version ?? null;
  const release = version ? catalog.get(version) : undefined;
  const support = release
    ? (({ endOfSupport, daysLeft, status }) => ({ endOfSupport, daysLeft, status }))(supportStatus(release, now))
    : { endOfSupport: null, daysLeft: null, status: 'unknown' as const };

  const openExploited: OpenExploited[] = [];
  const exploitedUnverified: string[] = [];
  if (release) {
    const missing = new Set(bulletinsMissing(release, catalog));
    for (const b of EXPLOITED_RELEASE_BULLETINS) {
      if (!missing.has(b.bulletin)) continue;
      const fixes = (catalog.bulletins().find((r) => r.id === b.bulletin)?.fixedIn ?? []).sort(compareMagentoVersions);
      const fix =
        fixes.find((v) => v.startsWith(`${release.minor}-p`) && compareMagentoVersions(v, release.version) > 0) ??
        fixes.find((v) => compareMagentoVersions(v, release.version) > 0) ??
        null;
      openExploited.push({ bulletin: b.bulletin, name: b.name, cves: b.cves, fixedBy: fix });
    }
  } else {
    exploitedUnverified.push(...EXPLOITED_RELEASE_BULLETINS.map((b) => b.bulletin));
  }
  const patches = audit.patchLevel?.patches ?? [];
  for (const p of patches.filter((x) => x.exploited)) {
    const id = p.bulletin ?? p.level;
    if (p.state === 'missing' || p.state === 'partial')
      openExploited.push({ bulletin: id, name: null, cves: p.cves, fixedBy: `${p.kind} ${p.id}` });
    else if (p.state === 'unknown') exploitedUnverified.push(id);
  }

  const target = check?.targets[0];
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, target?.summary.bySeverity[s] ?? 0])) as Record<
    Severity,
    number
  >;
  const blockedBy: string[] = [];
  const unverifiedExtensions: string[] = [];
  for (const row of target?.composer?.extensions ?? []) {
    if (row.installedFits) continue;
    if (!row.known) unverifiedExtensions.push(row.name);
    else if (!row.first)
      blockedBy.push(
        `${row.name} ${row.installed}: no release fits ${target!.version}${row.blocker ? ` (${row.blocker})` : ''}`,
      );
  }
  const blocking = new Map<string, number>();
  for (const f of target?.findings ?? [])
    if ((f.severity === 'critical' || f.severity === 'error') && !NOT_BLOCKING.has(f.category))
      blocking.set(f.ruleId, (blocking.get(f.ruleId) ?? 0) + 1);
  for (const [rule, count] of [...blocking].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])))
    blockedBy.push(`${count} × ${rule}`);

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
    openExploited,
    exploitedUnverified,
    target: target?.version ?? null,
    bySeverity,
    effortHours: target ? target.summary.effortHours : null,
    risk: target ? target.summary.risk.level : null,
    canMoveNow: !target ? null : blockedBy.length > 0 ? false : unverifiedExtensions.length > 0 ? null : true,
    blockedBy,
    unverifiedExtensions,
    verify,
  };
}
