import type { Bound } from './bound.js';
import { prettyOrString, type VersionConstraint } from './constraint.js';
import { MatchAllConstraint } from './match-all-none.js';
import { normalizeVersion } from './normalize.js';
import { SingleConstraint } from './single-constraint.js';

/** Two or more constraints joined by AND (conjunctive: `,` or space) or OR (`||`): Composer's MultiConstraint. */
export class MultiConstraint implements VersionConstraint {
  readonly kind = 'multi' as const;
  #pretty: string | undefined;
  #string: string | undefined;
  #lower: Bound | undefined;
  #upper: Bound | undefined;

  constructor(
    readonly constraints: readonly VersionConstraint[],
    readonly conjunctive = true,
  ) {
    if (constraints.length < 2) {
      throw new TypeError('Must provide at least two constraints for a MultiConstraint; use MultiConstraint.create()');
    }
  }

  get disjunctive(): boolean {
    return !this.conjunctive;
  }

  /** MultiConstraint::create: none → match-all, one → itself, else a group (adjacent OR ranges merged). */
  static create(constraints: readonly VersionConstraint[], conjunctive = true): VersionConstraint {
    if (constraints.length === 0) return new MatchAllConstraint();
    if (constraints.length === 1) return constraints[0]!;
    if (!conjunctive) {
      const merged = mergeContiguousRanges(constraints);
      if (merged !== undefined) {
        if (merged.length === 1) return merged[0]!;
        return new MultiConstraint(merged, false);
      }
    }
    return new MultiConstraint(constraints, conjunctive);
  }

  matches(version: string): boolean {
    return this.matchesConstraint(new SingleConstraint('==', normalizeVersion(version)));
  }

  matchesConstraint(provider: VersionConstraint): boolean {
    if (!this.conjunctive) {
      for (const constraint of this.constraints) if (provider.matchesConstraint(constraint)) return true;
      return false;
    }
    // AND against OR: iterate over the OR side, or [>1 and <2] would wrongly match [<1 or >2].
    if (provider instanceof MultiConstraint && provider.disjunctive) return provider.matchesConstraint(this);
    for (const constraint of this.constraints) if (!provider.matchesConstraint(constraint)) return false;
    return true;
  }

  get lowerBound(): Bound {
    this.#extractBounds();
    return this.#lower!;
  }

  get upperBound(): Bound {
    this.#extractBounds();
    return this.#upper!;
  }

  /** AND keeps the highest lower and lowest upper bound; OR the lowest lower and highest upper. */
  #extractBounds(): void {
    if (this.#lower !== undefined) return;
    let lower: Bound | undefined;
    let upper: Bound | undefined;
    for (const constraint of this.constraints) {
      if (lower === undefined || upper === undefined) {
        lower = constraint.lowerBound;
        upper = constraint.upperBound;
        continue;
      }
      if (constraint.lowerBound.compareTo(lower, this.conjunctive ? '>' : '<')) lower = constraint.lowerBound;
      if (constraint.upperBound.compareTo(upper, this.conjunctive ? '<' : '>')) upper = constraint.upperBound;
    }
    this.#lower = lower;
    this.#upper = upper;
  }

  get prettyString(): string {
    return prettyOrString(this.#pretty, this);
  }

  setPrettyString(pretty: string): void {
    this.#pretty = pretty;
  }

  toString(): string {
    this.#string ??= `[${this.constraints.map(String).join(this.conjunctive ? ' ' : ' || ')}]`;
    return this.#string;
  }
}

/**
 * MultiConstraint::optimizeConstraints for OR groups: `[>= 1 < 2] || [>= 2 < 3]` becomes `[>= 1 < 3]`.
 * Undefined when nothing was merged.
 */
function mergeContiguousRanges(constraints: readonly VersionConstraint[]): VersionConstraint[] | undefined {
  let left = constraints[0]!;
  const merged: VersionConstraint[] = [];
  let optimized = false;
  for (let i = 1; i < constraints.length; i++) {
    const right = constraints[i]!;
    if (isRange(left) && isRange(right)) {
      const left0 = String(left.constraints[0]);
      const left1 = String(left.constraints[1]);
      const right0 = String(right.constraints[0]);
      const right1 = String(right.constraints[1]);
      if (
        left0.startsWith('>=') &&
        left1.startsWith('<') &&
        right0.startsWith('>=') &&
        right1.startsWith('<') &&
        left1.slice(2) === right0.slice(3)
      ) {
        optimized = true;
        left = new MultiConstraint([left.constraints[0]!, right.constraints[1]!], true);
        continue;
      }
    }
    merged.push(left);
    left = right;
  }
  if (!optimized) return undefined;
  merged.push(left);
  return merged;
}

function isRange(c: VersionConstraint): c is MultiConstraint {
  return c instanceof MultiConstraint && c.conjunctive && c.constraints.length === 2;
}
