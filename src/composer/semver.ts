import type { VersionConstraint } from './constraint.js';
import { compareWith } from './comparator.js';
import { parseConstraintUncached } from './constraint-parser.js';
import { ComposerConstraintError, ComposerSemverError } from './errors.js';
import { haveIntersections, isSubsetOfConstraint } from './intervals.js';
import { normalizeVersion } from './normalize.js';
import { SingleConstraint } from './single-constraint.js';

// The everyday questions, on strings. Parsed constraints are cached: the check engine asks the same few thousand
// constraints hundreds of thousands of times.

const CACHE_LIMIT = 20_000;
const parsed = new Map<string, VersionConstraint | string>();

/** Composer's parsed form of a constraint string; throws ComposerConstraintError with Composer's message. */
export function parseConstraint(constraint: string): VersionConstraint {
  let entry = parsed.get(constraint);
  if (entry === undefined) {
    try {
      entry = parseConstraintUncached(constraint);
    } catch (error) {
      if (!(error instanceof ComposerSemverError)) throw error;
      entry = error.message;
    }
    if (parsed.size >= CACHE_LIMIT) parsed.clear();
    parsed.set(constraint, entry);
  }
  if (typeof entry === 'string') throw new ComposerConstraintError(constraint, entry);
  return entry;
}

/** Does Composer accept this constraint string? */
export function isValidConstraint(constraint: string): boolean {
  try {
    parseConstraint(constraint);
    return true;
  } catch (error) {
    if (error instanceof ComposerSemverError) return false;
    throw error;
  }
}

/**
 * Semver::satisfies: does `version` satisfy `constraint`? Throws ComposerVersionError / ComposerConstraintError when
 * either cannot be parsed, as Composer does.
 */
export function satisfies(version: string, constraint: string): boolean {
  const provider = new SingleConstraint('==', normalizeVersion(version));
  return parseConstraint(constraint).matchesConstraint(provider);
}

/** Intervals::haveIntersections: is there a version both constraints allow? */
export function intersects(a: string, b: string): boolean {
  return cachedPairAnswer(intersectsCache, a, b, () => haveIntersections(parseConstraint(a), parseConstraint(b)));
}

/** Intervals::isSubsetOf: does `b` allow every version `a` allows? */
export function isSubsetOf(a: string, b: string): boolean {
  return cachedPairAnswer(subsetCache, a, b, () => isSubsetOfConstraint(parseConstraint(a), parseConstraint(b)));
}

const intersectsCache = new Map<string, boolean>();
const subsetCache = new Map<string, boolean>();

/** Answers for a pair of constraint strings, remembered (invalid pairs throw every time and are not stored). */
function cachedPairAnswer(cache: Map<string, boolean>, a: string, b: string, compute: () => boolean): boolean {
  const key = `${a}\u0000${b}`;
  let answer = cache.get(key);
  if (answer === undefined) {
    answer = compute();
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, answer);
  }
  return answer;
}

/** The highest of `versions` that satisfies `constraint` (versions Composer cannot parse are skipped), or null. */
export function maxSatisfying(versions: readonly string[], constraint: string): string | null {
  return bestSatisfying(versions, constraint, '>');
}

/** The lowest of `versions` that satisfies `constraint` (versions Composer cannot parse are skipped), or null. */
export function minSatisfying(versions: readonly string[], constraint: string): string | null {
  return bestSatisfying(versions, constraint, '<');
}

function bestSatisfying(versions: readonly string[], constraint: string, better: '<' | '>'): string | null {
  const parsedConstraint = parseConstraint(constraint);
  let best: { version: string; normalized: string } | undefined;
  for (const version of versions) {
    let normalized: string;
    try {
      normalized = normalizeVersion(version);
    } catch {
      continue;
    }
    if (!parsedConstraint.matchesConstraint(new SingleConstraint('==', normalized))) continue;
    if (best === undefined || compareWith(normalized, better, best.normalized)) best = { version, normalized };
  }
  return best?.version ?? null;
}
