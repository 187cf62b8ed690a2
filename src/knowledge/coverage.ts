// How well the shipped knowledge covers a release, per family of facts the rules use. One answer for every consumer
// (check's summary, the override and php-api rules, `kb status`), so "not covered" is never mistaken for "removed".
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { defaultDataDir } from './catalog.js';
import { compareMagentoVersions, minorOf } from './magento-version.js';

/** The families of release facts: PHP API, core db schemas, hashes of overridable files, layout names. */
export const COVERAGE_FAMILIES = ['api', 'dbSchema', 'fileHashes', 'layoutNames'] as const;
export type CoverageFamily = (typeof COVERAGE_FAMILIES)[number];

export const FAMILY_LABELS: Record<CoverageFamily, string> = {
  api: 'PHP API',
  dbSchema: 'db schema',
  fileHashes: 'file hashes',
  layoutNames: 'layout names',
};

/**
 * `indexed`: built from a real tree of the release. `derived`: another release's data stands in (`from`), so changes
 * after `from` are unknown. `not-covered`: nothing the rules may compare with.
 */
export interface FamilyCoverage {
  state: 'indexed' | 'derived' | 'not-covered';
  from?: string;
}

export type ReleaseCoverage = { release: string } & Record<CoverageFamily, FamilyCoverage>;

/** The releases each data family was built for (the API manifest also records its own derivations). */
export interface CoverageSources {
  api: Record<string, { coverage: 'indexed' | 'derived'; base?: string }>;
  dbSchema: readonly string[];
  fileHashes: readonly string[];
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
      : api.coverage === 'indexed'
        ? INDEXED
        : { state: 'derived', ...(api.base ? { from: api.base } : {}) },
    dbSchema: nearestNotNewerCoverage(version, sources.dbSchema),
    fileHashes: files,
    // Layout names are read from the same trees as the file hashes.
    layoutNames: files,
  };
}

/** `indexed`, `derived from 2.4.8-p1`, `not covered`: how messages and reports say it. */
export function describeCoverage(coverage: FamilyCoverage): string {
  if (coverage.state === 'derived') return coverage.from ? `derived from ${coverage.from}` : 'derived';
  return coverage.state === 'indexed' ? 'indexed' : 'not covered';
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
  return COVERAGE_FAMILIES.every((f) => coverage[f].state === 'indexed');
}

let shipped: { dir: string; sources: CoverageSources } | undefined;

/**
 * Reads which releases each shipped family covers (only the manifests' release lists). A missing or unreadable
 * manifest makes its family "not covered": the data loaders report the damage themselves.
 */
export function loadCoverageSources(dataDir: string = defaultDataDir()): CoverageSources {
  if (shipped?.dir === dataDir) return shipped.sources;
  const sources: CoverageSources = {
    api: readApiReleases(join(dataDir, 'api', 'manifest.json')),
    dbSchema:
      (readGzJson<{ releases?: unknown }>(join(dataDir, 'db-schema', 'core-schema.json.gz'))?.releases as
        string[] | undefined) ?? [],
    fileHashes: Object.keys(
      (readGzJson<{ releases?: Record<string, unknown> }>(join(dataDir, 'file-hashes', 'manifest.json.gz'))
        ?.releases as Record<string, unknown> | undefined) ?? {},
    ),
  };
  shipped = { dir: dataDir, sources };
  return sources;
}

export function loadReleaseCoverage(version: string, dataDir?: string): ReleaseCoverage {
  return coverageOf(version, loadCoverageSources(dataDir));
}

function readApiReleases(file: string): CoverageSources['api'] {
  const out: CoverageSources['api'] = {};
  let doc: { releases?: Record<string, { coverage?: unknown; base?: unknown }> };
  try {
    doc = JSON.parse(readFileSync(file, 'utf8')) as typeof doc;
  } catch {
    return out;
  }
  for (const [version, entry] of Object.entries(doc?.releases ?? {})) {
    if (entry?.coverage !== 'indexed' && entry?.coverage !== 'derived') continue;
    out[version] = { coverage: entry.coverage, ...(typeof entry.base === 'string' ? { base: entry.base } : {}) };
  }
  return out;
}

function readGzJson<T>(file: string): T | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as T;
  } catch {
    return undefined;
  }
}
