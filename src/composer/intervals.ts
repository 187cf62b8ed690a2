import type { VersionConstraint } from './constraint.js';
import { MatchAllConstraint, MatchNoneConstraint } from './match-all-none.js';
import { MultiConstraint } from './multi-constraint.js';
import { PHP_INT_MAX } from './bound.js';
import { SingleConstraint, type Operator } from './single-constraint.js';
import { phpVersionCompare } from './version-compare.js';

// Composer's Intervals: a constraint seen as a sorted list of numeric intervals plus a set of dev branches
// (either "only these names" or "any branch except these names"). Intersection and subset questions are
// answered on that form.

/** One numeric interval: start is `>=`/`>` a version, end is `<`/`<=` a version. */
export interface Interval {
  readonly start: SingleConstraint;
  readonly end: SingleConstraint;
}

/**
 * Branch names kept as PHP arrays are: entries with their integer keys, because array_diff / array_intersect keep
 * keys and Composer's subset test compares names key by key.
 */
type PhpList = ReadonlyArray<readonly [number, string]>;

export interface BranchSet {
  readonly names: PhpList;
  /** true: any branch except `names`; false: only `names`. */
  readonly exclude: boolean;
}

export interface IntervalSet {
  readonly numeric: readonly Interval[];
  readonly branches: BranchSet;
}

const FROM_ZERO = new SingleConstraint('>=', '0.0.0.0-dev');
const UNTIL_INFINITY = new SingleConstraint('<', `${PHP_INT_MAX}.0.0.0`);
const ANY_DEV: BranchSet = { names: [], exclude: true };
const NO_DEV: BranchSet = { names: [], exclude: false };

const OPERATOR_SORT_ORDER: Readonly<Record<string, number>> = { '>=': -3, '<': -2, '>': 2, '<=': 3 };

/** Intervals::isSubsetOf: is every version `candidate` allows also allowed by `constraint`? */
export function isSubsetOfConstraint(candidate: VersionConstraint, constraint: VersionConstraint): boolean {
  if (constraint instanceof MatchAllConstraint) return true;
  if (candidate instanceof MatchNoneConstraint || constraint instanceof MatchNoneConstraint) return false;

  const intersection = intervalsOf(new MultiConstraint([candidate, constraint], true));
  const own = intervalsOf(candidate);
  if (intersection.numeric.length !== own.numeric.length) return false;
  for (let i = 0; i < intersection.numeric.length; i++) {
    const a = intersection.numeric[i]!;
    const b = own.numeric[i]!;
    if (String(b.start) !== String(a.start) || String(b.end) !== String(a.end)) return false;
  }
  if (intersection.branches.exclude !== own.branches.exclude) return false;
  if (intersection.branches.names.length !== own.branches.names.length) return false;
  for (const [key, name] of intersection.branches.names) {
    if (own.branches.names.find(([k]) => k === key)?.[1] !== name) return false;
  }
  return true;
}

/** Intervals::haveIntersections: is there a version (or branch) both constraints allow? */
export function haveIntersections(a: VersionConstraint, b: VersionConstraint): boolean {
  if (a instanceof MatchAllConstraint || b instanceof MatchAllConstraint) return true;
  if (a instanceof MatchNoneConstraint || b instanceof MatchNoneConstraint) return false;
  const intersection = generateIntervals(new MultiConstraint([a, b], true), true);
  return intersection.numeric.length > 0 || intersection.branches.exclude || intersection.branches.names.length > 0;
}

const cache = new Map<string, IntervalSet>();
const CACHE_LIMIT = 20_000;

/** Intervals::get: the interval form of a constraint, cached by its normalized text. */
export function intervalsOf(constraint: VersionConstraint): IntervalSet {
  const key = constraint.toString();
  let intervals = cache.get(key);
  if (intervals === undefined) {
    intervals = generateIntervals(constraint, false);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, intervals);
  }
  return intervals;
}

function generateIntervals(constraint: VersionConstraint, stopOnFirstValidInterval: boolean): IntervalSet {
  if (constraint instanceof MatchAllConstraint) {
    return { numeric: [{ start: FROM_ZERO, end: UNTIL_INFINITY }], branches: ANY_DEV };
  }
  if (constraint instanceof MatchNoneConstraint) return { numeric: [], branches: NO_DEV };
  if (constraint instanceof SingleConstraint) return singleConstraintIntervals(constraint);
  if (!(constraint instanceof MultiConstraint)) {
    throw new TypeError(`Unsupported constraint type: ${constraint.kind}`);
  }

  const parts = constraint.constraints.map(intervalsOf);
  const branches = combineBranches(
    parts.map((p) => p.branches),
    constraint.conjunctive,
  );
  if (parts.length === 1) return { numeric: parts[0]!.numeric, branches };

  const borders: Array<{ version: string; operator: Operator; side: 'start' | 'end' }> = [];
  for (const part of parts) {
    for (const interval of part.numeric) {
      borders.push({ version: interval.start.version, operator: interval.start.operator, side: 'start' });
      borders.push({ version: interval.end.version, operator: interval.end.operator, side: 'end' });
    }
  }
  borders.sort((a, b) => {
    const order = phpVersionCompare(a.version, b.version);
    if (order !== 0) return order;
    return OPERATOR_SORT_ORDER[a.operator]! - OPERATOR_SORT_ORDER[b.operator]!;
  });

  // Sweep the borders: an interval is open while enough groups are active (all of them for AND, one for OR).
  const threshold = constraint.conjunctive ? parts.length : 1;
  const numeric: Interval[] = [];
  let active = 0;
  let start: SingleConstraint | undefined;
  for (const border of borders) {
    active += border.side === 'start' ? 1 : -1;
    if (start === undefined && active >= threshold) {
      start = new SingleConstraint(border.operator, border.version);
    } else if (start !== undefined && active < threshold) {
      // > x … <= x and >= x … < x are empty.
      const empty =
        phpVersionCompare(start.version, border.version) === 0 &&
        ((start.operator === '>' && border.operator === '<=') || (start.operator === '>=' && border.operator === '<'));
      if (!empty) {
        numeric.push({ start, end: new SingleConstraint(border.operator, border.version) });
        if (stopOnFirstValidInterval) break;
      }
      start = undefined;
    }
  }
  return { numeric, branches };
}

function combineBranches(sets: readonly BranchSet[], conjunctive: boolean): BranchSet {
  let names: PhpList = [];
  let exclude: boolean;
  if (!conjunctive) {
    exclude = false;
    for (const b of sets) {
      if (b.exclude) {
        // !=a,!=b || !=b,!=c => !=b ; (==b || ==c) || !=a,!=b => !=a
        if (exclude) names = arrayIntersect(names, b.names);
        else {
          exclude = true;
          names = arrayDiff(b.names, names);
        }
      } else {
        // !=a,!=b || (==b || ==c) => !=a ; (==a || ==b) || ==c => ==a || ==b || ==c
        names = exclude ? arrayDiff(names, b.names) : arrayMerge(names, b.names);
      }
    }
  } else {
    exclude = true;
    for (const b of sets) {
      if (b.exclude) {
        // !=a && !=b => !=a,!=b ; (==a||==c) && !=a,!=b => ==c
        names = exclude ? arrayMerge(names, b.names) : arrayDiff(names, b.names);
      } else if (exclude) {
        // !=a,!=b && (==a||==c) => ==c
        names = arrayDiff(b.names, names);
        exclude = false;
      } else {
        // (==a||==b) && (==a||==c) => ==a
        names = arrayIntersect(names, b.names);
      }
    }
  }
  return { names: arrayUnique(names), exclude };
}

function singleConstraintIntervals(constraint: SingleConstraint): IntervalSet {
  const { operator, version } = constraint;
  if (version.startsWith('dev-')) {
    // != dev-foo allows every numeric version; < and > mean nothing for a branch.
    if (operator === '!=') {
      return {
        numeric: [{ start: FROM_ZERO, end: UNTIL_INFINITY }],
        branches: { names: [[0, version]], exclude: true },
      };
    }
    if (operator === '==') return { numeric: [], branches: { names: [[0, version]], exclude: false } };
    return { numeric: [], branches: NO_DEV };
  }
  if (operator === '>' || operator === '>=')
    return { numeric: [{ start: constraint, end: UNTIL_INFINITY }], branches: NO_DEV };
  if (operator === '<' || operator === '<=')
    return { numeric: [{ start: FROM_ZERO, end: constraint }], branches: NO_DEV };
  if (operator === '!=') {
    return {
      numeric: [
        { start: FROM_ZERO, end: new SingleConstraint('<', version) },
        { start: new SingleConstraint('>', version), end: UNTIL_INFINITY },
      ],
      branches: ANY_DEV,
    };
  }
  return {
    numeric: [{ start: new SingleConstraint('>=', version), end: new SingleConstraint('<=', version) }],
    branches: NO_DEV,
  };
}

// PHP array functions on lists of [key, value], with PHP's key rules.

function arrayIntersect(a: PhpList, b: PhpList): PhpList {
  const values = new Set(b.map(([, v]) => v));
  return a.filter(([, v]) => values.has(v));
}

function arrayDiff(a: PhpList, b: PhpList): PhpList {
  const values = new Set(b.map(([, v]) => v));
  return a.filter(([, v]) => !values.has(v));
}

/** array_merge renumbers integer keys from 0. */
function arrayMerge(a: PhpList, b: PhpList): PhpList {
  return [...a, ...b].map(([, v], i) => [i, v] as const);
}

/** array_unique keeps the first entry of each value, with its key. */
function arrayUnique(a: PhpList): PhpList {
  const seen = new Set<string>();
  return a.filter(([, v]) => (seen.has(v) ? false : (seen.add(v), true)));
}
