import { Bound } from './bound.js';
import { prettyOrString, type VersionConstraint } from './constraint.js';
import { normalizeVersion } from './normalize.js';

/** `*`: every version and every branch (Composer's MatchAllConstraint). */
export class MatchAllConstraint implements VersionConstraint {
  readonly kind = 'match-all' as const;
  #pretty: string | undefined;

  matches(version: string): boolean {
    normalizeVersion(version); // an invalid version is still an error, as in Semver::satisfies
    return true;
  }

  matchesConstraint(_provider: VersionConstraint): boolean {
    return true;
  }

  get lowerBound(): Bound {
    return Bound.zero();
  }

  get upperBound(): Bound {
    return Bound.positiveInfinity();
  }

  get prettyString(): string {
    return prettyOrString(this.#pretty, this);
  }

  setPrettyString(pretty: string): void {
    this.#pretty = pretty;
  }

  toString(): string {
    return '*';
  }
}

/** No version at all (Composer's MatchNoneConstraint); both bounds are `0.0.0.0-dev` exclusive. */
export class MatchNoneConstraint implements VersionConstraint {
  readonly kind = 'match-none' as const;
  #pretty: string | undefined;

  matches(version: string): boolean {
    normalizeVersion(version);
    return false;
  }

  matchesConstraint(_provider: VersionConstraint): boolean {
    return false;
  }

  get lowerBound(): Bound {
    return new Bound('0.0.0.0-dev', false);
  }

  get upperBound(): Bound {
    return new Bound('0.0.0.0-dev', false);
  }

  get prettyString(): string {
    return prettyOrString(this.#pretty, this);
  }

  setPrettyString(pretty: string): void {
    this.#pretty = pretty;
  }

  toString(): string {
    return '[]';
  }
}
