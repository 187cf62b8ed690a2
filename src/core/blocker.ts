// The one judgement of "this finding blocks the move to its target", shared by the fleet's readiness (report and
// dashboard) and the check's HTML summary ("Top blockers"), so both name the same findings.
import { severityRank, type Finding } from './finding.js';

/**
 * A blocker is a finding at error or above that is work to do before the move: code that breaks, an extension with no
 * release for the target, a platform change. Security findings are not blockers: they describe the exposure of the
 * current install, which the move reduces (they are listed as such).
 */
export function isBlocker(f: Pick<Finding, 'severity' | 'category'>): boolean {
  return severityRank(f.severity) <= severityRank('error') && f.category !== 'security';
}
