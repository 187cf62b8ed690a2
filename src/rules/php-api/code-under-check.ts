import type { CodeUnit, RuleContext } from '../rule.js';

/**
 * Packages the target release's metapackage requires move with the release (`composer update` installs the version
 * the target pins, e.g. colinmollenhour/cache-backend-redis): their code at the current version is not what runs on
 * the target, and Magento answers for the version it requires. Custom code and other extensions are checked.
 */
export function movesWithTarget(context: RuleContext, pkg: string | null): boolean {
  if (!pkg) return false;
  const release = context.target.release;
  return release.thirdParty[pkg] !== undefined || release.packages[pkg] !== undefined;
}

const cache = new WeakMap<readonly CodeUnit[], Map<RuleContext['target']['release'], CodeUnit[]>>();

/** The code units the code rules report on for this target: all of them but those of packages that move with it. */
export function codeUnderCheck(context: RuleContext): CodeUnit[] {
  let byRelease = cache.get(context.code);
  if (!byRelease) cache.set(context.code, (byRelease = new Map()));
  let units = byRelease.get(context.target.release);
  if (!units) {
    units = context.code.filter((unit) => !movesWithTarget(context, unit.package));
    byRelease.set(context.target.release, units);
  }
  return units;
}
