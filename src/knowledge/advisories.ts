import { join, resolve as resolvePath } from 'node:path';
import {
  normalizeVersion,
  parseConstraint,
  satisfies,
  SingleConstraint,
  type VersionConstraint,
} from '../composer/index.js';
import {
  ADVISORY_DATA_FILE,
  ADVISORY_DATA_SCHEMA,
  type AdvisoryDataFile,
  type StoredAdvisory,
} from './advisory-data.js';
import { userCacheDir } from './cache-dir.js';
import { defaultDataDir } from './catalog.js';
import { readChecksummedJson } from './integrity.js';
import { compareMagentoVersions } from './magento-version.js';
import { readOnlineAdvisories } from './packagist-advisories.js';
import type { Advisory } from './types.js';

/** Known advisories, matched against installed versions with the Composer engine. */
export interface AdvisoryDatabase {
  /** Advisories affecting `pkg` at `version`, each with `fixedIn` when a fixing version can be named. */
  advisoriesFor(pkg: string, version: string): Advisory[];
  /** Packages with at least one advisory. */
  packages(): string[];
  freshness(): AdvisoryFreshness;
  /** Advisories whose affected constraint the engine could not read (skipped, never guessed). */
  problems(): string[];
}

export interface AdvisoryFreshness {
  generated: string;
  newestEntry: string | null;
  sources: AdvisoryDataFile['sources'];
  count: number;
  online?: { fetchedAt: string; api: string; packages: number; advisories: number };
}

const snapshotCache = new Map<string, AdvisoryDataFile>();

/**
 * The shipped offline snapshot (FriendsOfPHP, Roave, Adobe APSB), plus advisories fetched by `mageup kb update
 * --online` from the user cache directory when present (`cacheDir: false` reads the snapshot only).
 */
export function loadAdvisories(opts: { dataDir?: string; cacheDir?: string | false } = {}): AdvisoryDatabase {
  const file = join(resolvePath(opts.dataDir ?? defaultDataDir()), ADVISORY_DATA_FILE);
  let snapshot = snapshotCache.get(file);
  if (!snapshot) {
    snapshot = readChecksummedJson(file, ADVISORY_DATA_SCHEMA) as AdvisoryDataFile;
    snapshotCache.set(file, snapshot);
  }
  const online = opts.cacheDir === false ? undefined : readOnlineAdvisories(userCacheDir(opts.cacheDir));
  const freshness: AdvisoryFreshness = {
    generated: snapshot.generated,
    newestEntry: snapshot.newestEntry,
    sources: snapshot.sources,
    count: snapshot.advisories.length,
  };
  if (online) {
    freshness.online = {
      fetchedAt: online.fetchedAt,
      api: online.api,
      packages: online.packages.length,
      advisories: online.advisories.length,
    };
  }
  return createAdvisoryDatabase([...snapshot.advisories, ...(online?.advisories ?? [])], freshness);
}

/** Module-level shortcut over the default database (loaded once). */
let defaultDatabase: AdvisoryDatabase | undefined;
export function advisoriesFor(pkg: string, version: string): Advisory[] {
  defaultDatabase ??= loadAdvisories();
  return defaultDatabase.advisoriesFor(pkg, version);
}

export function createAdvisoryDatabase(
  stored: StoredAdvisory[],
  freshness: AdvisoryFreshness = { generated: '', newestEntry: null, sources: {}, count: stored.length },
): AdvisoryDatabase {
  const byPackage = new Map<string, StoredAdvisory[]>();
  for (const a of stored) {
    const key = a.package.toLowerCase();
    const list = byPackage.get(key);
    if (list) list.push(a);
    else byPackage.set(key, [a]);
  }
  const problems = new Set<string>();
  // Parsed once per distinct constraint: a project check asks about hundreds of packages.
  const parsed = new Map<string, VersionConstraint | null>();

  const affects = (a: StoredAdvisory, version: string): boolean => {
    let constraint = parsed.get(a.affected);
    if (constraint === undefined) {
      try {
        constraint = parseConstraint(a.affected);
      } catch {
        constraint = null;
      }
      parsed.set(a.affected, constraint);
    }
    if (constraint === null) {
      problems.add(`${a.id} (${a.package}): cannot read affected versions "${a.affected}"`);
      return false;
    }
    try {
      return constraint.matchesConstraint(new SingleConstraint('==', normalizeVersion(version)));
    } catch {
      return false;
    }
  };

  return {
    packages: () => [...byPackage.keys()].sort(),
    freshness: () => freshness,
    problems: () => [...problems].sort(),
    advisoriesFor(pkg, version) {
      const candidates = byPackage.get(pkg.toLowerCase()) ?? [];
      if (candidates.length === 0 || !isVersion(version)) return [];
      const matched = candidates.filter((a) => affects(a, version));
      // Packagist re-publishes FriendsOfPHP entries with its own ids: keep one per CVE, the live one.
      const liveCves = new Set(matched.filter((a) => a.source === 'packagist' && a.cve).map((a) => a.cve));
      let result = matched.filter((a) => !(a.source === 'friendsofphp' && a.cve && liveCves.has(a.cve)));
      // Roave's list is a summary of the others: report it only when nothing more specific matched.
      if (result.some((a) => a.source !== 'roave')) result = result.filter((a) => a.source !== 'roave');
      return result
        .map((a) => toAdvisory(a, version, (v) => affects(a, v)))
        .sort((x, y) => severityRank(x) - severityRank(y) || x.id.localeCompare(y.id));
    },
  };
}

function toAdvisory(a: StoredAdvisory, version: string, isAffected: (v: string) => boolean): Advisory {
  const advisory: Advisory = { id: a.id, package: a.package, title: a.title, affected: a.affected, source: a.source };
  if (a.cve) advisory.cve = a.cve;
  if (a.link) advisory.link = a.link;
  if (a.severity) advisory.severity = a.severity;
  if (a.confidence) advisory.confidence = a.confidence;
  if (a.date) advisory.date = a.date;
  const fixedIn = fixedVersionFor(a, version, isAffected);
  if (fixedIn) advisory.fixedIn = fixedIn;
  return advisory;
}

/**
 * The lowest version above `version` that is not affected: from the published fix list when there is one (APSB),
 * otherwise the upper bound (`<X`) of the affected range `version` falls in, when X itself is not affected.
 */
export function fixedVersionFor(
  a: StoredAdvisory,
  version: string,
  isAffected: (v: string) => boolean,
): string | undefined {
  if (a.fixedVersions && a.fixedVersions.length > 0) {
    return [...a.fixedVersions]
      .sort(compareMagentoVersions)
      .find((f) => compareMagentoVersions(f, version) > 0 && !isAffected(f));
  }
  // Walk up the ranges: the bound of the range holding `version`, then of the range holding that bound, and so on.
  let current = version;
  for (let step = 0; step < 10; step++) {
    const bound = upperBoundOfRangeHolding(a.affected, current);
    if (bound === undefined) return undefined;
    if (!isAffected(bound)) return readableVersion(bound);
    current = bound;
  }
  return undefined;
}

/** The `<X` bound of the first OR-branch of `constraint` that `version` satisfies (undefined for `<=X` or none). */
function upperBoundOfRangeHolding(constraint: string, version: string): string | undefined {
  for (const branch of constraint.split(/\s*\|\|?\s*/)) {
    if (!branch.trim() || !safeSatisfies(version, branch)) continue;
    const upper = /(?:^|[\s,])<\s*([^\s,<>=|]+)\s*(?:,|\s|$)/.exec(branch.trim());
    if (upper) return upper[1]!;
  }
  return undefined;
}

/** A version Composer cannot read (a typo in a lock file) matches no range; that is not the advisory's fault. */
function isVersion(version: string): boolean {
  try {
    normalizeVersion(version);
    return true;
  } catch {
    return false;
  }
}

function safeSatisfies(version: string, constraint: string): boolean {
  try {
    return satisfies(version, constraint);
  } catch {
    return false;
  }
}

/** Roave writes Magento patches Composer-normalised (`2.4.4.0-patch9`): show them as Magento does (`2.4.4-p9`). */
function readableVersion(version: string): string {
  const m = /^(\d+\.\d+\.\d+)(?:\.0)?-patch(\d+)$/.exec(version);
  return m ? `${m[1]}-p${m[2]}` : version;
}

function severityRank(a: Advisory): number {
  return { critical: 0, high: 1, medium: 2, low: 3 }[a.severity ?? 'low'] ?? 4;
}
