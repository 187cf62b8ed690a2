import type { Release } from '../knowledge/types.js';
import type { CodeUnit } from '../rules/rule.js';

/**
 * Packages the target release's metapackage requires move with the release (`composer update` installs the version
 * the target pins, e.g. colinmollenhour/cache-backend-redis): their code at the current version is not what runs on
 * the target, and Magento answers for the version it requires. Custom code and other extensions are checked.
 */
export function movesWithTarget(target: Release, pkg: string | null): boolean {
  if (!pkg) return false;
  return target.thirdParty[pkg] !== undefined || target.packages[pkg] !== undefined;
}

/** RuleContext.underCheck: the code units the code rules report on for this target, all but those moving with it. */
export function codeUnderCheck(code: readonly CodeUnit[], target: Release): CodeUnit[] {
  return code.filter((unit) => !movesWithTarget(target, unit.package));
}
