// mageup/composer: Composer's version and constraint semantics (composer/semver 3.3.2), exactly.
export { normalizeVersion, normalizeBranch } from './normalize.js';
export { parseStability, type Stability } from './stability.js';
export {
  parseConstraint,
  isValidConstraint,
  satisfies,
  intersects,
  isSubsetOf,
  maxSatisfying,
  minSatisfying,
} from './semver.js';
export { compareVersions, compareWith, sortVersions } from './comparator.js';
export type { VersionConstraint } from './constraint.js';
export { Bound } from './bound.js';
export { SingleConstraint, type Operator, type OperatorInput } from './single-constraint.js';
export { MultiConstraint } from './multi-constraint.js';
export { MatchAllConstraint, MatchNoneConstraint } from './match-all-none.js';
export { ComposerSemverError, ComposerVersionError, ComposerConstraintError } from './errors.js';
export { phpVersionCompare } from './version-compare.js';
