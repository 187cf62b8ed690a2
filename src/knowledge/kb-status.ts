import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadAdvisories, type AdvisoryFreshness } from './advisories.js';
import { userCacheDir } from './cache-dir.js';
import { defaultDataDir, loadReleaseCatalog, loadReleaseData, supportStatus } from './catalog.js';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import { readReleaseUpdate } from './release-update.js';
import { compareMagentoVersions } from './magento-version.js';
import { loadPatchLevels, type PatchLevelsFile, type PatchListing } from './patch-levels.js';
import type { Release } from './types.js';
import type { SourceRef } from './release-data.js';
import type { Confidence } from './types.js';
import { extensionSnapshot, metadataCacheDir } from './extension-releases.js';
import {
  COVERAGE_FAMILIES,
  coverageOf,
  loadCoverageSources,
  readApiCoverage,
  type CoverageFamily,
  type FamilyCoverage,
  type ReleaseCoverage,
} from './coverage.js';

/** What `mageup kb status` reports: coverage of every release and freshness of every data source. */
export interface KbStatus {
  schema: 1;
  now: string;
  releaseData: { generated: string; sources: Record<string, SourceRef>; releases: number };
  advisories: AdvisoryFreshness;
  /** Metadata refreshed by `mageup kb update`, when present. */
  update: { fetchedAt: string; repository: string; releases: number } | null;
  apiIndex: { manifest: 'present' | 'absent' | 'invalid'; indexed: number; derived: number; problem?: string };
  /**
   * Release lists of third-party extensions: the shipped snapshot (packages, releases, public repositories whose tags
   * it was built from) and how many packages `check --online` cached from Composer repositories.
   */
  extensions: { packages: number; releases: number; repositories: number; cached: number; problem?: string };
  releases: KbReleaseStatus[];
  /** Adobe Commerce on Cloud: upgrade enforcement per line and third-party dependency deadlines (Adobe's notices). */
  cloud: {
    lines: {
      line: string;
      endOfExtendedSupport: string | null;
      endOfSecurityOnly: string | null;
      enforcement: string | null;
    }[];
    linesSource: string | null;
    dependencies: { dependency: string; versions: string; upgradeTo: string; deadline: string }[];
    dependenciesSource: string | null;
  };
  /** Adobe's isolated patch files and hotfixes per supported line (null with `problem` when the data is unreadable). */
  patchLevels: KbPatchLevels | null;
  patchLevelsProblem?: string;
}

export interface KbPatchLevels {
  asOf: string;
  /** Where patch file contents come from and the date that snapshot ends; null when none was read. */
  filesSnapshot: { repo: string; commit: string; date: string } | null;
  /** Adobe's rule on which -pN includes an isolated patch, with its source. */
  inclusionRule: string;
  lines: KbPatchLine[];
}

export interface KbPatchLine {
  line: string;
  /** Newest -pN (or GA) of the line released by now, from the catalog. */
  latestRelease: string | null;
  /** The -pN the line's isolated patches apply on. */
  requires: string | null;
  patches: KbPatchEntry[];
}

export interface KbPatchEntry extends PatchListing {
  severity: string | null;
  /** Adobe Commerce only on this line: no Open Source file exists. */
  commerceOnly?: true;
  /** Whether the changed files and their hashes are known (read from the patch file), with the reason when not. */
  contents: { available: boolean; note: string };
  /**
   * The later -pN whose release notes say it includes the patch; 'none yet' when no -pN of the line was released
   * after the patch; 'unknown' when a later -pN exists but no release notes read say so.
   */
  includedIn: string;
}

export interface KbReleaseStatus {
  version: string;
  date: string | null;
  type: string;
  /** Where the package set comes from: the real metapackage (shipped or from kb update), a few key packages, none. */
  packages: 'metapackage' | 'kb-update' | 'key-packages' | 'none';
  packageCount: number;
  requirements: { confidence: Confidence; exact: boolean; services: number };
  api: 'indexed' | 'derived' | 'none';
  apiBase?: string;
  /** Per family of facts (PHP API, db schema, file hashes, layout names, GraphQL schema, RequireJS/JS): indexed, derived from a release, not covered. */
  coverage: Record<CoverageFamily, FamilyCoverage>;
  support: { endOfSupport: string | null; status: string; confidence: Confidence };
}

export function kbStatus(opts: { dataDir?: string; cacheDir?: string | false; clock?: Clock } = {}): KbStatus {
  const dataDir = opts.dataDir ?? defaultDataDir();
  const clock = opts.clock ?? systemClock;
  const now = clock.now();
  const data = loadReleaseData(dataDir);
  const catalog = loadReleaseCatalog({ dataDir, clock, cacheDir: opts.cacheDir });
  const advisories = loadAdvisories({ dataDir, cacheDir: opts.cacheDir });
  const update = opts.cacheDir === false ? undefined : readReleaseUpdate(userCacheDir(opts.cacheDir));
  const shippedSets = new Set(data.releases.filter((r) => r.packages).map((r) => r.version));
  const api = readApiCoverage(join(dataDir, 'api', 'manifest.json'));
  const coverageSources = { ...loadCoverageSources(dataDir), api: api.releases };

  const releases = catalog.all().map((r): KbReleaseStatus => {
    const coverage = api.releases[r.version];
    const support = supportStatus(r, now);
    return {
      version: r.version,
      date: r.date,
      // `beta` covers every pre-release in the catalog; an alpha is named as such here.
      type: r.type === 'beta' && /-alpha/i.test(r.version) ? 'alpha' : r.type,
      packages: r.packagesKnown
        ? shippedSets.has(r.version)
          ? 'metapackage'
          : 'kb-update'
        : r.keyPackages
          ? 'key-packages'
          : 'none',
      packageCount: r.packagesKnown
        ? Object.keys(r.packages).length
        : Object.keys(r.keyPackages?.versions ?? {}).length,
      requirements: {
        confidence: r.requirementsConfidence,
        exact: r.requirementsExact !== false,
        services: Object.keys(r.requirements).length,
      },
      api: coverage?.coverage ?? 'none',
      ...(coverage?.base ? { apiBase: coverage.base } : {}),
      coverage: familiesOf(coverageOf(r.version, coverageSources)),
      support: { endOfSupport: support.endOfSupport, status: support.status, confidence: support.confidence },
    };
  });

  return {
    schema: 1,
    now: now.toISOString(),
    releaseData: { generated: data.generated, sources: data.sources, releases: data.releases.length },
    advisories: advisories.freshness(),
    update: update
      ? { fetchedAt: update.fetchedAt, repository: update.repository, releases: update.releases.length }
      : null,
    apiIndex: {
      manifest: api.state,
      indexed: releases.filter((r) => r.api === 'indexed').length,
      derived: releases.filter((r) => r.api === 'derived').length,
      ...(api.problem ? { problem: api.problem } : {}),
    },
    extensions: extensionCoverage(dataDir, opts.cacheDir === false ? undefined : userCacheDir(opts.cacheDir)),
    releases,
    cloud: cloudOf(data),
    ...patchLevelsOf(dataDir, catalog.all(), now),
  };
}

function cloudOf(data: ReturnType<typeof loadReleaseData>): KbStatus['cloud'] {
  const lines = Object.values(data.lines)
    .filter((l) => l.cloudUpgradeEnforcement !== undefined)
    .sort((a, b) => compareMagentoVersions(a.line, b.line))
    .map((l) => ({
      line: l.line,
      endOfExtendedSupport: l.endOfExtendedSupport,
      endOfSecurityOnly: l.endOfSecurityOnly ?? null,
      enforcement: l.cloudUpgradeEnforcement ?? null,
    }));
  return {
    lines,
    linesSource: Object.values(data.lines).find((l) => l.cloudSource)?.cloudSource ?? null,
    dependencies: data.cloudDependencyDeadlines?.rows ?? [],
    dependenciesSource: data.cloudDependencyDeadlines?.source ?? null,
  };
}

function patchLevelsOf(
  dataDir: string,
  all: Release[],
  now: Date,
): { patchLevels: KbPatchLevels | null; patchLevelsProblem?: string } {
  let data: PatchLevelsFile;
  try {
    data = loadPatchLevels(dataDir);
  } catch (error) {
    return { patchLevels: null, patchLevelsProblem: (error as Error).message };
  }
  const today = now.toISOString().slice(0, 10);
  const snapshot = data.filesSnapshot ?? null;
  const lines = Object.keys(data.bases)
    .sort(compareMagentoVersions)
    .map((line): KbPatchLine => {
      const released = all
        .filter((r) => r.minor === line && r.type !== 'beta' && r.date !== null && r.date <= today)
        .sort((a, b) => compareMagentoVersions(a.version, b.version));
      const patches: KbPatchEntry[] = [];
      for (const level of [...data.levels].sort((a, b) => a.date.localeCompare(b.date))) {
        const record = data.patches.find((p) => p.line === line && p.level === level.level);
        const commerceOnly = data.commerceOnly[line]?.includes(level.level) ?? false;
        if (!record && !commerceOnly) continue;
        const later = released.filter((r) => r.date! > level.date);
        patches.push({
          id: record?.id ?? `${level.level} (Adobe Commerce only)`,
          level: level.level,
          kind: level.kind,
          date: level.date,
          bulletin: level.bulletin,
          cves: level.cves,
          severity: level.severity,
          exploited: level.exploited,
          file: record?.file ?? 'no Magento Open Source file on this line',
          ...(commerceOnly ? { commerceOnly: true as const } : {}),
          contents: record?.files
            ? { available: true, note: record.filesSource }
            : {
                available: false,
                note: snapshot
                  ? `not in the ${snapshot.repo} snapshot (ends ${snapshot.date}, ${snapshot.commit})`
                  : 'no patch-file snapshot was read',
              },
          includedIn: record?.includedIn ?? (later.length === 0 ? 'none yet' : 'unknown'),
        });
      }
      return {
        line,
        latestRelease: released.at(-1)?.version ?? null,
        requires: data.bases[line] ?? null,
        patches,
      };
    });
  return {
    patchLevels: {
      asOf: data.asOf,
      filesSnapshot: snapshot,
      inclusionRule: data.sources.inclusion ?? 'unknown',
      lines,
    },
  };
}

function extensionCoverage(dataDir: string, cacheDir: string | undefined): KbStatus['extensions'] {
  let cached = 0;
  if (cacheDir) {
    // One file per package, under a directory per vendor.
    const root = metadataCacheDir(cacheDir);
    try {
      for (const vendor of readdirSync(root, { withFileTypes: true }))
        if (vendor.isDirectory())
          cached += readdirSync(join(root, vendor.name)).filter((f) => f.endsWith('.json')).length;
    } catch {
      // no cache yet
    }
  }
  try {
    const snap = extensionSnapshot(dataDir);
    const entries = Object.values(snap.packages);
    return {
      packages: entries.length,
      releases: entries.reduce((n, p) => n + p.releases.length, 0),
      repositories: new Set(entries.map((p) => p.repo)).size,
      cached,
    };
  } catch (e) {
    return { packages: 0, releases: 0, repositories: 0, cached, problem: (e as Error).message };
  }
}

function familiesOf(coverage: ReleaseCoverage): Record<CoverageFamily, FamilyCoverage> {
  return Object.fromEntries(COVERAGE_FAMILIES.map((f) => [f, coverage[f]])) as Record<CoverageFamily, FamilyCoverage>;
}
