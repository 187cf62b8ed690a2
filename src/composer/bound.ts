import { phpLooseStringEquals } from './php-strings.js';
import { phpVersionCompare } from './version-compare.js';

/** PHP_INT_MAX: Composer spells "no upper limit" as PHP_INT_MAX.0.0.0 (exclusive). */
export const PHP_INT_MAX = '9223372036854775807';
const ZERO_VERSION = '0.0.0.0-dev';
const INFINITY_VERSION = `${PHP_INT_MAX}.0.0.0`;

/**
 * One end of the range a constraint allows (Composer's Constraint\Bound). The lowest possible bound is
 * `0.0.0.0-dev` inclusive (`isZero()`), the highest `9223372036854775807.0.0.0` exclusive (`isPositiveInfinity()`).
 */
export class Bound {
  constructor(
    readonly version: string,
    readonly inclusive: boolean,
  ) {}

  static zero(): Bound {
    return new Bound(ZERO_VERSION, true);
  }

  static positiveInfinity(): Bound {
    return new Bound(INFINITY_VERSION, false);
  }

  isZero(): boolean {
    return this.version === ZERO_VERSION && this.inclusive;
  }

  isPositiveInfinity(): boolean {
    return this.version === INFINITY_VERSION && !this.inclusive;
  }

  /** Bound::compareTo: is this bound higher ('>') or lower ('<') than the other? */
  compareTo(other: Bound, operator: '<' | '>'): boolean {
    // PHP compares the two objects with ==, so numeric-looking versions compare as numbers here.
    if (this.inclusive === other.inclusive && phpLooseStringEquals(this.version, other.version)) return false;
    const order = phpVersionCompare(this.version, other.version);
    if (order !== 0) return (operator === '>' ? 1 : -1) === order;
    return operator === '>' ? other.inclusive : !other.inclusive;
  }

  toString(): string {
    return `${this.version} [${this.inclusive ? 'inclusive' : 'exclusive'}]`;
  }

  toJSON(): { version: string; inclusive: boolean } {
    return { version: this.version, inclusive: this.inclusive };
  }
}
