import { normalizeVersion } from './normalize.js';
import { phpUsort } from './php-usort.js';
import { SingleConstraint, type OperatorInput } from './single-constraint.js';

/**
 * Comparator::compare: `version1 operator version2` on versions as given (normally already normalized), with
 * Composer's rules: version_compare ordering, and dev-* branches equal only to themselves, below every number.
 */
export function compareWith(version1: string, operator: OperatorInput, version2: string): boolean {
  return new SingleConstraint(operator, version2).matchSpecific(new SingleConstraint('==', version1), true);
}

/**
 * -1, 0 or 1 as Comparator orders `a` and `b` (lessThan / equalTo / greaterThan). Composer leaves two different
 * dev-* branches unordered (none of the three holds); they are ordered by name here so the result is total.
 */
export function compareVersions(a: string, b: string): -1 | 0 | 1 {
  if (compareWith(a, '<', b)) return -1;
  if (compareWith(a, '==', b)) return 0;
  if (compareWith(a, '>', b)) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Semver::sort (asc) / Semver::rsort (desc): versions in any accepted form, ordered by their normalized form.
 * Throws ComposerVersionError for a version Composer cannot normalize. Composer's comparison is not a total order
 * (two different dev-* branches, or 01.0 and 1.0), so PHP's own usort algorithm is reproduced to give its exact order.
 */
export function sortVersions(versions: readonly string[], direction: 'asc' | 'desc' = 'asc'): string[] {
  const sign = direction === 'asc' ? 1 : -1;
  const keyed = versions.map((version) => ({ version, normalized: defaultBranchAsNumber(normalizeVersion(version)) }));
  const sorted = phpUsort(keyed, (left, right) => {
    if (left.normalized === right.normalized) return 0;
    return compareWith(left.normalized, '<', right.normalized) ? -sign : sign;
  });
  return sorted.map((k) => k.version);
}

/** VersionParser::normalizeDefaultBranch, as Semver::sort applies it. */
function defaultBranchAsNumber(normalized: string): string {
  return normalized === 'dev-master' || normalized === 'dev-default' || normalized === 'dev-trunk'
    ? '9999999-dev'
    : normalized;
}
