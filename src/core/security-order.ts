// The one order of security findings for every list that ranks them (the HTML summary's Security list, the check's
// findings): what the store runs in production first, then dev-only packages (require-dev: never deployed with
// --no-dev), then code that sits in vendor/ but the store never runs (Composer's library copy); within each, the worst
// severity first.
import { compareFindings, severityRank, type Finding } from './finding.js';

/**
 * Packages installed in vendor/ whose code the store never runs: composer/composer is loaded only by Magento's setup
 * tooling; the composer command a team runs is a separate install.
 */
export const NOT_RUN_BY_STORE: ReadonlySet<string> = new Set(['composer/composer']);

export type SecurityExposure = 'production' | 'dev-only' | 'not-run';

const EXPOSURE_RANK: Record<SecurityExposure, number> = { production: 0, 'dev-only': 1, 'not-run': 2 };

/** Where the code a finding is about runs: production, dev-only or never by the store. */
export function securityExposure(f: Pick<Finding, 'package' | 'owner'>): SecurityExposure {
  if (f.package && NOT_RUN_BY_STORE.has(f.package)) return 'not-run';
  return f.owner === 'dev-only' ? 'dev-only' : 'production';
}

/** Production before dev-only before not-run, then severity, then the findings' deterministic order. */
export function compareSecurityFindings(a: Finding, b: Finding): number {
  return (
    EXPOSURE_RANK[securityExposure(a)] - EXPOSURE_RANK[securityExposure(b)] ||
    severityRank(a.severity) - severityRank(b.severity) ||
    compareFindings(a, b)
  );
}

/** The security findings of a list, in the one order. */
export function securityFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.category === 'security').sort(compareSecurityFindings);
}
