import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadAdvisories, type AdvisoryFreshness } from './advisories.js';
import { userCacheDir } from './cache-dir.js';
import { defaultDataDir, loadReleaseCatalog, loadReleaseData, supportStatus } from './catalog.js';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import { readReleaseUpdate } from './release-update.js';
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
  /** Per family of facts (PHP API, db schema, file hashes, layout names): indexed, derived from a release, not covered. */
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
      type: r.type,
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
