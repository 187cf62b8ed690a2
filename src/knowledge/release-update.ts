import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ComposerRepository } from './composer-repository.js';
import { readChecksummedJson, writeChecksummedJson } from './integrity.js';
import { compareMagentoVersions, lineOf, minorOf, parseMagentoVersion } from './magento-version.js';
import { splitMetapackage, type SupportLineRecord } from './release-data.js';
import type { Release } from './types.js';

/**
 * Release metadata refreshed from a Composer repository by `mageup kb update`, kept in the user cache directory and
 * laid over the shipped catalog: it completes package sets the shipped data lacks and adds releases published since.
 */
export const RELEASE_UPDATE_SCHEMA = 1;
export const RELEASE_UPDATE_FILE = 'releases-update.json.gz';
export const METAPACKAGE = 'magento/product-community-edition';

export interface UpdatedRelease {
  version: string;
  date: string | null;
  packages: Record<string, string>;
  thirdParty: Record<string, string>;
  phpConstraint: string | null;
  composerConstraint: string | null;
}

export interface ReleaseUpdateFile {
  schema: typeof RELEASE_UPDATE_SCHEMA;
  fetchedAt: string;
  /** Repository URL without credentials. */
  repository: string;
  package: string;
  releases: UpdatedRelease[];
}

export interface ReleaseUpdateSummary {
  file: string;
  repository: string;
  releases: number;
  /** Versions the shipped catalog does not have. */
  added: string[];
  /** Shipped versions whose package set was unknown and is now complete. */
  completed: string[];
}

/** Reads every `magento/product-community-edition` version ≥ 2.3.0 from the repository and writes the cache file. */
export async function updateReleaseMetadata(opts: {
  repository: ComposerRepository;
  cacheDir: string;
  now: Date;
  shipped: Release[];
}): Promise<ReleaseUpdateSummary> {
  const versions = await opts.repository.packageVersions(METAPACKAGE);
  const releases: UpdatedRelease[] = [];
  for (const v of versions) {
    const version = v.version.replace(/^v/i, '');
    const parsed = parseMagentoVersion(version);
    if (!parsed || compareMagentoVersions(version, '2.3.0') < 0) continue;
    const { packages, thirdParty } = splitMetapackage({ name: METAPACKAGE, version, require: v.require ?? {} });
    releases.push({
      version,
      date: typeof v.time === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v.time) ? v.time.slice(0, 10) : null,
      packages,
      thirdParty,
      phpConstraint: v.require?.php ?? null,
      composerConstraint: v.require?.['composer/composer'] ?? null,
    });
  }
  releases.sort((a, b) => compareMagentoVersions(a.version, b.version));
  mkdirSync(opts.cacheDir, { recursive: true });
  const file = join(opts.cacheDir, RELEASE_UPDATE_FILE);
  const document: ReleaseUpdateFile = {
    schema: RELEASE_UPDATE_SCHEMA,
    fetchedAt: opts.now.toISOString(),
    repository: opts.repository.displayUrl,
    package: METAPACKAGE,
    releases,
  };
  writeChecksummedJson(file, document);
  const shipped = new Map(opts.shipped.map((r) => [r.version, r]));
  return {
    file,
    repository: document.repository,
    releases: releases.length,
    added: releases.filter((r) => !shipped.has(r.version)).map((r) => r.version),
    completed: releases.filter((r) => shipped.get(r.version)?.packagesKnown === false).map((r) => r.version),
  };
}

/** The cached update, if `mageup kb update` has written one (a damaged file is a clear error, like shipped data). */
export function readReleaseUpdate(cacheDir: string): ReleaseUpdateFile | undefined {
  const file = join(cacheDir, RELEASE_UPDATE_FILE);
  if (!existsSync(file)) return undefined;
  return readChecksummedJson(file, RELEASE_UPDATE_SCHEMA) as ReleaseUpdateFile;
}

/** Lays the update over the shipped releases: shipped facts win, the update fills gaps and adds new versions. */
export function applyReleaseUpdate(
  releases: Release[],
  update: ReleaseUpdateFile,
  lines: Record<string, SupportLineRecord>,
): Release[] {
  const byVersion = new Map(releases.map((r) => [r.version, r]));
  for (const u of update.releases) {
    const existing = byVersion.get(u.version);
    if (existing) {
      if (!existing.packagesKnown) {
        byVersion.set(u.version, {
          ...existing,
          packages: u.packages,
          thirdParty: u.thirdParty,
          packagesKnown: true,
          phpConstraint: existing.phpConstraint ?? u.phpConstraint,
          composerConstraint: existing.composerConstraint ?? u.composerConstraint,
          date: existing.date ?? u.date,
        });
      }
      continue;
    }
    const minor = minorOf(u.version);
    const supportLine = lines[minor] ? minor : lineOf(u.version);
    const line = lines[supportLine];
    const beta = /alpha|beta|rc/i.test(u.version);
    byVersion.set(u.version, {
      version: u.version,
      line: lineOf(u.version),
      minor,
      date: u.date,
      type: beta ? 'beta' : u.version.includes('-p') ? 'security' : 'feature',
      editions: ['magento-open-source'],
      requirements: {},
      requirementsConfidence: 'low',
      requirementsExact: false,
      phpConstraint: u.phpConstraint,
      composerConstraint: u.composerConstraint,
      endOfSupport: line?.endOfRegularSupport ?? null,
      endOfSupportConfidence: line ? line.confidence : 'low',
      endOfExtendedSupport: line?.endOfExtendedSupport ?? null,
      supportLine,
      lineGa: line?.ga ?? null,
      apsb: [],
      apsbConfidence: 'low',
      packages: u.packages,
      thirdParty: u.thirdParty,
      packagesKnown: true,
      notes: [
        `added by mageup kb update from ${update.repository} on ${update.fetchedAt.slice(0, 10)}: ` +
          'service requirements and security bulletins unknown',
      ],
    });
  }
  return [...byVersion.values()].sort((a, b) => compareMagentoVersions(a.version, b.version));
}
