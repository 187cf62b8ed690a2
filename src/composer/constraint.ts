import type { Bound } from './bound.js';

/**
 * A parsed Composer constraint (Composer's ConstraintInterface). Four shapes: a single `operator version` test,
 * an AND/OR group of constraints, "anything" (`*`) and "nothing".
 */
export interface VersionConstraint {
  readonly kind: 'single' | 'multi' | 'match-all' | 'match-none';
  /** Does this version (any form Composer accepts; normalized here) satisfy the constraint? Throws ComposerVersionError. */
  matches(version: string): boolean;
  /** Composer's ConstraintInterface::matches: can `provider` (another constraint) and this one be satisfied together? */
  matchesConstraint(provider: VersionConstraint): boolean;
  /** The lowest version allowed (Composer's getLowerBound). */
  readonly lowerBound: Bound;
  /** The highest version allowed (Composer's getUpperBound). */
  readonly upperBound: Bound;
  /** The constraint as the user wrote it (Composer's getPrettyString). */
  readonly prettyString: string;
  /** Composer's normalized form, e.g. `[>= 1.0.0.0-dev < 2.0.0.0-dev]`. */
  toString(): string;
}

/** PHP truthiness of the stored pretty string: '' and '0' fall back to the normalized form, as in Composer. */
export function prettyOrString(pretty: string | undefined, constraint: VersionConstraint): string {
  return pretty !== undefined && pretty !== '' && pretty !== '0' ? pretty : constraint.toString();
}
