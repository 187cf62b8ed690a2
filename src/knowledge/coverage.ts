// How well the shipped knowledge covers a release, per family of facts the rules use. One answer for every consumer
// (check's summary, the override and php-api rules, `kb status`), so "not covered" is never mistaken for "removed".
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { defaultDataDir } from './catalog.js';
import { compareMagentoVersions, minorOf } from './magento-version.js';

/**
 * The families of release facts: PHP API, core db schemas, hashes of overridable files, layout names, the core GraphQL
 * schema and the RequireJS facts (aliases, jQuery, JS module methods).
 */
export const COVERAGE_FAMILIES = ['api', 'dbSchema', 'fileHashes', 'layoutNames', 'graphql', 'js'] as const;
export type CoverageFamily = (typeof COVERAGE_FAMILIES)[number];

export const FAMILY_LABELS: Record<CoverageFamily, string> = {
  api: 'PHP API',
  dbSchema: 'db schema',
  fileHashes: 'file hashes',
  layoutNames: 'layout names',
  graphql: 'GraphQL schema',
  js: 'RequireJS/JS',
};

/**
 * `indexed`: built from a real tree of the release. `derived`: another release's data stands in (`from`), so changes
 * after `from` are unknown. `not-covered`: nothing the rules may compare with.
 */
export interface FamilyCoverage {
  state: 'indexed' | 'derived' | 'not-covered';
  from?: string;
  /** Requirements of the release whose packages the data does not cover (a metapackage at a version no tree shows). */
  gaps?: string[];
}

export type ReleaseCoverage = { release: string } & Record<CoverageFamily, FamilyCoverage>;

/** The releases each data family was built for (the API manifest also records its own derivations). */
export interface CoverageSources {
  api: Record<string, { coverage: 'indexed' | 'derived'; base?: string; gaps?: string[] }>;
  dbSchema: readonly string[];
  fileHashes: readonly string[];
  graphql: readonly string[];
  js: readonly string[];
}

const INDEXED: FamilyCoverage = { state: 'indexed' };
const NOT_COVERED: FamilyCoverage = { state: 'not-covered' };

export function coverageOf(version: string, sources: CoverageSources): ReleaseCoverage {
  const api = sources.api[version];
  const files = sameLineCoverage(version, sources.fileHashes);
  return {
    release: version,
    api: !api
      ? NOT_COVERED
      : {
          state: api.coverage,
          ...(api.coverage === 'derived' && api.base ? { from: api.base } : {}),
          ...(api.gaps?.length ? { gaps: api.gaps } : {}),
        },
    dbSchema: nearestNotNewerCoverage(version, sources.dbSchema),
    fileHashes: files,
    // Layout names are read from the same trees as the file hashes.
    layoutNames: files,
    // The GraphQL and JS indexes answer a release they lack from the nearest of its line, as the file hashes do.
    graphql: sameLineCoverage(version, sources.graphql),
    js: sameLineCoverage(version, sources.js),
  };
}

/** `indexed`, `derived from 2.4.8-p1`, `not covered`: how messages and reports say it. */
export function describeCoverage(coverage: FamilyCoverage): string {
  const base =
    coverage.state === 'derived'
      ? coverage.from
        ? `derived from ${coverage.from}`
        : 'derived'
      : coverage.state === 'indexed'
        ? 'indexed'
        : 'not covered';
  return coverage.gaps?.length ? `${base} except ${coverage.gaps.join(', ')}` : base;
}

/**
 * The indexed release that stands in for `version` within its own release line (2.4.8-p3 → 2.4.8-p1): the newest not
 * newer than it, else the oldest newer one. Another line never stands in: files move between minor releases.
 */
export function nearestOfLine(version: string, indexed: readonly string[]): string | undefined {
  if (indexed.includes(version)) return version;
  const line = minorOf(version);
  const sameLine = indexed.filter((v) => minorOf(v) === line).sort(compareMagentoVersions);
  const older = sameLine.filter((v) => compareMagentoVersions(v, version) < 0);
  return older.at(-1) ?? sameLine[0];
}

/** The release of a per-release index that stands in for `version` (nearestOfLine), and which release that is. */
export function standInRelease<T>(
  index: { releases(): readonly string[]; release(version: string): T | undefined } | null,
  version: string,
): { stand: string; release: T } | undefined {
  const stand = index ? nearestOfLine(version, index.releases()) : undefined;
  const release = stand ? index!.release(stand) : undefined;
  return stand && release ? { stand, release } : undefined;
}

function sameLineCoverage(version: string, indexed: readonly string[]): FamilyCoverage {
  if (indexed.includes(version)) return INDEXED;
  const from = nearestOfLine(version, indexed);
  return from ? { state: 'derived', from } : NOT_COVERED;
}

/** The db-schema index answers with the newest indexed release not newer than the one asked for (any line). */
function nearestNotNewerCoverage(version: string, indexed: readonly string[]): FamilyCoverage {
  if (indexed.includes(version)) return INDEXED;
  const sorted = [...indexed].sort(compareMagentoVersions);
  const from = sorted.filter((v) => compareMagentoVersions(v, version) <= 0).at(-1);
  return from ? { state: 'derived', from } : NOT_COVERED;
}

/** `PHP API indexed · db schema derived from 2.4.8-p1 · …`: one line per release for every report format. */
export function describeReleaseCoverage(coverage: ReleaseCoverage): string {
  return COVERAGE_FAMILIES.map((f) => `${FAMILY_LABELS[f]} ${describeCoverage(coverage[f])}`).join(' · ');
}

/** Every family indexed from the release's own tree. */
export function isComplete(coverage: ReleaseCoverage): boolean {
  return COVERAGE_FAMILIES.every((f) => coverage[f].state === 'indexed' && !coverage[f].gaps?.length);
}

let shipped: { dir: string; sources: CoverageSources } | undefined;

/**
 * Reads which releases each shipped family covers (only the manifests' release lists). A missing or unreadable
 * manifest makes its family "not covered": the data loaders report the damage themselves.
 */
export function loadCoverageSources(dataDir: string = defaultDataDir()): CoverageSources {
  if (shipped?.dir === dataDir) return shipped.sources;
  const sources: CoverageSources = {
    api: readApiCoverage(join(dataDir, 'api', 'manifest.json')).releases,
    dbSchema:
      (readGzJson<{ releases?: unknown }>(join(dataDir, 'db-schema', 'core-schema.json.gz'))?.releases as
        string[] | undefined) ?? [],
    fileHashes: Object.keys(
      (readGzJson<{ releases?: Record<string, unknown> }>(join(dataDir, 'file-hashes', 'manifest.json.gz'))
        ?.releases as Record<string, unknown> | undefined) ?? {},
    ),
    graphql: releaseList(join(dataDir, 'graphql-schema.json.gz')),
    js: releaseList(join(dataDir, 'js-modules.json.gz')),
  };
  shipped = { dir: dataDir, sources };
  return sources;
}

export function loadReleaseCoverage(version: string, dataDir?: string): ReleaseCoverage {
  return coverageOf(version, loadCoverageSources(dataDir));
}

/** The release coverage recorded in an API index manifest; a missing or unreadable file is said, not thrown. */
export function readApiCoverage(file: string): {
  state: 'present' | 'absent' | 'invalid';
  releases: CoverageSources['api'];
  problem?: string;
} {
  if (!existsSync(file)) return { state: 'absent', releases: {} };
  let doc: { releases?: Record<string, { coverage?: unknown; base?: unknown; uncovered?: unknown }> };
  try {
    doc = JSON.parse(readFileSync(file, 'utf8')) as typeof doc;
  } catch (error) {
    return { state: 'invalid', releases: {}, problem: `${file}: ${(error as Error).message}` };
  }
  const releases: CoverageSources['api'] = {};
  for (const [version, entry] of Object.entries(doc?.releases ?? {})) {
    if (entry?.coverage !== 'indexed' && entry?.coverage !== 'derived') continue;
    const gaps = uncoveredRequirements(entry.uncovered);
    releases[version] = {
      coverage: entry.coverage,
      ...(typeof entry.base === 'string' ? { base: entry.base } : {}),
      ...(gaps.length > 0 ? { gaps } : {}),
    };
  }
  return { state: 'present', releases };
}

/** The `releases` list of a gzipped index (empty when missing or unreadable: its loader reports the damage). */
function releaseList(file: string): string[] {
  const releases = readGzJson<{ releases?: unknown }>(file)?.releases;
  return Array.isArray(releases) ? releases.filter((r): r is string => typeof r === 'string') : [];
}

function readGzJson<T>(file: string): T | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as T;
  } catch {
    return undefined;
  }
}

/** `uncovered` of an API manifest release as `name constraint` strings (tolerant of a malformed entry). */
export function uncoveredRequirements(uncovered: unknown): string[] {
  if (!uncovered || typeof uncovered !== 'object') return [];
  return Object.entries(uncovered as Record<string, { constraint?: unknown }>)
    .map(([name, entry]) => (typeof entry?.constraint === 'string' ? `${name} ${entry.constraint}` : name))
    .sort();
}
