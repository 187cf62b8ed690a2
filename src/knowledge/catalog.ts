import { fileURLToPath } from 'node:url';
import { join, resolve as resolvePath } from 'node:path';
import { isoDay, systemClock, type Clock } from './clock.js';
import { UnknownVersionError } from './errors.js';
import { userCacheDir } from './cache-dir.js';
import { readChecksummedJson } from './integrity.js';
import { applyReleaseUpdate, readReleaseUpdate } from './release-update.js';
import { compareMagentoVersions, lineOf, minorOf, parseMagentoVersion } from './magento-version.js';
import {
  RELEASE_DATA_FILE,
  RELEASE_DATA_SCHEMA,
  type BulletinRecord,
  type ReleaseDataFile,
  type ReleaseRecord,
  type SupportLineRecord,
} from './release-data.js';
import type { Confidence, Release, ReleaseCatalog } from './types.js';

/** The shipped `data/` directory: two levels above this file both in `src/knowledge/` and `dist/knowledge/`. */
export function defaultDataDir(): string {
  return fileURLToPath(new URL('../../data/', import.meta.url));
}

/** A ReleaseCatalog with the extra answers rules and commands need. */
export interface MagentoReleaseCatalog extends ReleaseCatalog {
  readonly clock: Clock;
  /** Newest non-beta release published at `now` (default: the clock's date), optionally of one edition. */
  latest(opts?: { now?: Date; edition?: string }): Release;
  /** Newest published release of a minor line (`2.4.7` → `2.4.7-p8`), or undefined when the line is unknown. */
  latestPatch(minor: string, opts?: { now?: Date; edition?: string }): Release | undefined;
  /** Security bulletins known to the catalog (from the data, or derived from the releases' APSB lists). */
  bulletins(): BulletinRecord[];
  /** Mage-OS distribution version → the Magento release it is built on. */
  mageOsUpstream(mageOsVersion: string): string | undefined;
}

const cache = new Map<string, ReleaseDataFile>();

/** Reads and verifies `releases.json.gz` once per directory. Throws KnowledgeDataError on a corrupt file. */
export function loadReleaseData(dataDir: string = defaultDataDir()): ReleaseDataFile {
  const file = join(resolvePath(dataDir), RELEASE_DATA_FILE);
  let data = cache.get(file);
  if (!data) {
    data = readChecksummedJson(file, RELEASE_DATA_SCHEMA) as ReleaseDataFile;
    cache.set(file, data);
  }
  return data;
}

/**
 * The catalog of every release 2.3.0 … 2.4.9 from the shipped data (or `dataDir`), with an injectable clock. Metadata
 * refreshed by `mageup kb update` in the user cache directory is laid over it; `cacheDir: false` reads shipped data only.
 */
export function loadReleaseCatalog(
  opts: { dataDir?: string; clock?: Clock; cacheDir?: string | false } = {},
): MagentoReleaseCatalog {
  const data = loadReleaseData(opts.dataDir);
  let releases = data.releases.map((record) => releaseFromRecord(record, data.lines));
  const update = opts.cacheDir === false ? undefined : readReleaseUpdate(userCacheDir(opts.cacheDir));
  if (update) releases = applyReleaseUpdate(releases, update, data.lines);
  return createReleaseCatalog(releases, opts.clock, { bulletins: Object.values(data.bulletins), mageOs: data.mageOs });
}

export function releaseFromRecord(record: ReleaseRecord, lines: Record<string, SupportLineRecord>): Release {
  // A beta is never supported: it has no support window of its own.
  const line = record.type === 'beta' ? undefined : lines[record.supportLine];
  return {
    version: record.version,
    line: lineOf(record.version),
    minor: minorOf(record.version),
    date: record.date,
    type: record.type,
    editions: record.editions,
    requirements: record.requirements,
    requirementsConfidence: record.requirementsConfidence,
    requirementsExact: record.requirementsExact,
    extraRequirements: record.extraRequirements,
    phpConstraint: record.phpConstraint,
    composerConstraint: record.composerConstraint,
    endOfSupport: line?.endOfRegularSupport ?? null,
    endOfSupportConfidence: line ? line.confidence : 'low',
    endOfExtendedSupport: line?.endOfExtendedSupport ?? null,
    supportLine: record.supportLine,
    lineGa: line?.ga ?? null,
    apsb: record.apsb,
    apsbConfidence: record.apsbConfidence,
    packages: record.packages ?? {},
    thirdParty: record.thirdParty ?? {},
    packagesKnown: record.packages !== undefined,
    keyPackages: record.keyPackages,
    notes: record.notes,
  };
}

/**
 * Builds a catalog over any list of releases (tests use small fixtures). Bulletins default to those derived from the
 * releases' own APSB lists.
 */
export function createReleaseCatalog(
  releases: Release[],
  clock: Clock = systemClock,
  extras: { bulletins?: BulletinRecord[]; mageOs?: ReleaseDataFile['mageOs'] } = {},
): MagentoReleaseCatalog {
  const sorted = [...releases].sort((a, b) => compareMagentoVersions(a.version, b.version));
  const byVersion = new Map(sorted.map((r) => [r.version, r]));
  const bulletinList = extras.bulletins ?? bulletinsFromReleases(sorted);
  const mageOs = extras.mageOs ?? {};

  const published = (now: Date, edition?: string) => {
    const today = isoDay(now);
    return sorted.filter(
      (r) =>
        r.type !== 'beta' &&
        r.date !== null &&
        r.date <= today &&
        (edition === undefined || r.editions.includes(edition)),
    );
  };

  const catalog: MagentoReleaseCatalog = {
    clock,
    all: () => [...sorted],
    get: (version) => byVersion.get(canonicalVersion(version) ?? version),
    nearest: (version, count = 3) => nearestVersions(sorted, version, count),
    bulletins: () => [...bulletinList],
    mageOsUpstream: (v) => mageOs[v.replace(/^v/i, '')]?.upstream,
    latest(opts = {}) {
      const list = published(opts.now ?? clock.now(), opts.edition);
      const newest = list[list.length - 1];
      if (!newest) throw new UnknownVersionError('latest', [], 'No Magento release is published at that date.');
      return newest;
    },
    latestPatch(minor, opts = {}) {
      const wanted = minorOf(minor);
      const list = published(opts.now ?? clock.now(), opts.edition).filter((r) => r.minor === wanted);
      return list[list.length - 1];
    },
    resolve(spec, opts = {}) {
      const raw = spec.trim().toLowerCase();
      const now = opts.now ?? clock.now();
      const edition = opts.edition;
      if (raw === 'latest') return catalog.latest({ now, edition });
      if (raw === 'latest-patch') {
        if (!opts.current) {
          throw new UnknownVersionError(
            spec,
            [],
            '"latest-patch" needs the current version (the project\'s or --from).',
          );
        }
        const current = catalog.resolve(opts.current, { now });
        return requirePatch(current.minor, spec);
      }
      // `2.4.7-latest`, `2.4.7.x`, `2.4.7.*`: the newest patch of that minor line.
      const lineSpec = /^v?(\d+\.\d+\.\d+)(?:-latest|\.x|\.\*)$/.exec(raw);
      if (lineSpec) return requirePatch(lineSpec[1]!, spec);
      // `2.4`, `2.4.x`: the newest release of that X.Y line.
      const xySpec = /^v?(\d+\.\d+)(?:\.x|\.\*)?$/.exec(raw);
      if (xySpec) {
        const list = published(now, edition).filter((r) => r.line === xySpec[1]);
        const newest = list[list.length - 1];
        if (newest) return newest;
      }
      const release = catalog.get(raw);
      if (release) return release;
      throw new UnknownVersionError(spec, catalog.nearest(spec));

      function requirePatch(minor: string, original: string): Release {
        const found = catalog.latestPatch(minor, { now, edition });
        if (found) return found;
        throw new UnknownVersionError(
          original,
          catalog.nearest(minor),
          `No published release of the ${minor} line for "${original}".`,
        );
      }
    },
  };
  return catalog;
}

/** `v2.4.8-patch3`, `2.4.8.0-p3` → `2.4.8-p3`; undefined when it is not a Magento version number. */
export function canonicalVersion(version: string): string | undefined {
  const v = parseMagentoVersion(version);
  if (!v) return undefined;
  const [a, b, c, d] = v.parts;
  if (d !== 0) return undefined;
  const base = `${a}.${b}.${c}`;
  if (v.patchRank > 0) return `${base}-p${v.patchRank}`;
  if (v.patchRank === 0) return base;
  const m = /-(alpha|beta|rc)\.?(\d*)$/i.exec(version.trim());
  return m ? `${base}-${m[1]!.toLowerCase()}${m[2] ?? ''}` : base;
}

function nearestVersions(sorted: Release[], version: string, count: number): string[] {
  const query = canonicalVersion(version) ?? approximate(version);
  const wantsPreRelease = /alpha|beta|rc/i.test(version);
  const candidates = sorted.filter((r) => wantsPreRelease || r.type !== 'beta');
  if (!query)
    return candidates
      .slice(-count)
      .reverse()
      .map((r) => r.version);
  // Neighbours by position in release order (where the unknown version would sit), same minor line first.
  const position = candidates.findIndex((r) => compareMagentoVersions(r.version, query) > 0);
  const at = position === -1 ? candidates.length : position;
  const queryMinor = minorOf(query);
  return candidates
    .map((r, i) => ({
      version: r.version,
      sameMinor: r.minor === queryMinor ? 0 : 1,
      distance: i < at ? at - i : i - at + 1,
    }))
    .sort(
      (a, b) => a.sameMinor - b.sameMinor || a.distance - b.distance || compareMagentoVersions(b.version, a.version),
    )
    .slice(0, count)
    .map((c) => c.version);
}

/** Best effort for `2.4.8p3`, `2.4.8 -p3`, `2.4`: keep the numbers we can read. */
function approximate(version: string): string | undefined {
  const numbers = version.match(/\d+/g) ?? [];
  if (numbers.length < 2) return undefined;
  const [a, b, c = '0', p] = numbers;
  return canonicalVersion(`${a}.${b}.${c}${p !== undefined ? `-p${p}` : ''}`);
}

function bulletinsFromReleases(releases: Release[]): BulletinRecord[] {
  const byId = new Map<string, BulletinRecord>();
  for (const r of releases) {
    for (const id of r.apsb) {
      const b = byId.get(id) ?? {
        id,
        url: '',
        date: null,
        fixedIn: [],
        severity: null,
        confidence: 'low' as Confidence,
      };
      b.fixedIn.push(r.version);
      if (r.date && (b.date === null || r.date < b.date)) b.date = r.date;
      byId.set(id, b);
    }
  }
  return [...byId.values()];
}

export { isoDay } from './clock.js';
export { supportStatus, bulletinsMissing, ENDING_SOON_DAYS, type SupportStatus } from './lifecycle.js';
