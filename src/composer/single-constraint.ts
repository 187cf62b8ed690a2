import { Bound } from './bound.js';
import { prettyOrString, type VersionConstraint } from './constraint.js';
import { normalizeVersion } from './normalize.js';
import { phpVersionCompare, phpVersionCompareWith } from './version-compare.js';

/** Composer's operators in their canonical spelling; `=` and `<>` are accepted as input and mapped to `==`/`!=`. */
export type Operator = '==' | '<' | '<=' | '>' | '>=' | '!=';
export type OperatorInput = Operator | '=' | '<>';

const CANONICAL: Readonly<Record<OperatorInput, Operator>> = {
  '=': '==',
  '==': '==',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
  '<>': '!=',
  '!=': '!=',
};

/** The operator without its '=' characters, as matchSpecific compares them ('==' → '', '<=' → '<', '!=' → '!'). */
const WITHOUT_EQUALS: Readonly<Record<Operator, string>> = {
  '==': '',
  '<': '<',
  '<=': '<',
  '>': '>',
  '>=': '>',
  '!=': '!',
};

function isBranch(version: string): boolean {
  return version.startsWith('dev-');
}

/** One `operator version` test on a normalized version (Composer's Constraint\Constraint). */
export class SingleConstraint implements VersionConstraint {
  readonly kind = 'single' as const;
  readonly operator: Operator;
  #pretty: string | undefined;
  #lower: Bound | undefined;
  #upper: Bound | undefined;

  constructor(
    operator: OperatorInput,
    readonly version: string,
  ) {
    const canonical = CANONICAL[operator];
    if (canonical === undefined) {
      throw new TypeError(
        `Invalid operator "${operator}" given, expected one of: ${Object.keys(CANONICAL).join(', ')}`,
      );
    }
    this.operator = canonical;
  }

  matches(version: string): boolean {
    return this.matchesConstraint(new SingleConstraint('==', normalizeVersion(version)));
  }

  matchesConstraint(provider: VersionConstraint): boolean {
    if (provider instanceof SingleConstraint) return this.matchSpecific(provider);
    return provider.matchesConstraint(this);
  }

  /** Constraint::matchSpecific: do the two single constraints have a version in common? */
  matchSpecific(provider: SingleConstraint, compareBranches = false): boolean {
    const noEqualOp = WITHOUT_EQUALS[this.operator];
    const providerNoEqualOp = WITHOUT_EQUALS[provider.operator];
    const isEqualOp = this.operator === '==';
    const isNonEqualOp = this.operator === '!=';
    const isProviderEqualOp = provider.operator === '==';
    const isProviderNonEqualOp = provider.operator === '!=';

    // != against anything but == always has a solution, except against a branch compared with < or >.
    if (isNonEqualOp || isProviderNonEqualOp) {
      if (isNonEqualOp && !isProviderNonEqualOp && !isProviderEqualOp && isBranch(provider.version)) return false;
      if (isProviderNonEqualOp && !isNonEqualOp && !isEqualOp && isBranch(this.version)) return false;
      if (!isEqualOp && !isProviderEqualOp) return true;
      return versionCompare(provider.version, this.version, '!=', compareBranches);
    }

    // Two ranges open in the same direction (<= 2.0 and < 1.0) always overlap, branches aside.
    if (this.operator !== '==' && noEqualOp === providerNoEqualOp) {
      return !(isBranch(this.version) || isBranch(provider.version));
    }

    const version1 = isEqualOp ? this.version : provider.version;
    const version2 = isEqualOp ? provider.version : this.version;
    const operator = isEqualOp ? provider.operator : this.operator;
    if (versionCompare(version1, version2, operator, compareBranches)) {
      // require >= 1.0 and provide < 1.0: 1.0 >= 1.0, yet 1.0 is outside what is provided.
      return !(
        provider.operator === providerNoEqualOp &&
        this.operator !== noEqualOp &&
        phpVersionCompare(provider.version, this.version) === 0
      );
    }
    return false;
  }

  get lowerBound(): Bound {
    this.#extractBounds();
    return this.#lower!;
  }

  get upperBound(): Bound {
    this.#extractBounds();
    return this.#upper!;
  }

  #extractBounds(): void {
    if (this.#lower !== undefined) return;
    if (isBranch(this.version)) {
      this.#lower = Bound.zero();
      this.#upper = Bound.positiveInfinity();
      return;
    }
    switch (this.operator) {
      case '==':
        this.#lower = new Bound(this.version, true);
        this.#upper = new Bound(this.version, true);
        break;
      case '<':
        this.#lower = Bound.zero();
        this.#upper = new Bound(this.version, false);
        break;
      case '<=':
        this.#lower = Bound.zero();
        this.#upper = new Bound(this.version, true);
        break;
      case '>':
        this.#lower = new Bound(this.version, false);
        this.#upper = Bound.positiveInfinity();
        break;
      case '>=':
        this.#lower = new Bound(this.version, true);
        this.#upper = Bound.positiveInfinity();
        break;
      case '!=':
        this.#lower = Bound.zero();
        this.#upper = Bound.positiveInfinity();
        break;
    }
  }

  get prettyString(): string {
    return prettyOrString(this.#pretty, this);
  }

  /** Records the text the constraint was parsed from (the parser calls this once). */
  setPrettyString(pretty: string): void {
    this.#pretty = pretty;
  }

  toString(): string {
    return `${this.operator} ${this.version}`;
  }
}

/**
 * Constraint::versionCompare: version_compare, except that branches (dev-*) only ever equal themselves, and
 * are unordered unless `compareBranches` (Comparator's mode) is set.
 */
export function versionCompare(a: string, b: string, operator: Operator, compareBranches: boolean): boolean {
  const aIsBranch = isBranch(a);
  const bIsBranch = isBranch(b);
  if (operator === '!=' && (aIsBranch || bIsBranch)) return a !== b;
  if (aIsBranch && bIsBranch) return operator === '==' && a === b;
  if (!compareBranches && (aIsBranch || bIsBranch)) return false;
  return phpVersionCompareWith(a, b, operator);
}
