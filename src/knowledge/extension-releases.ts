// Release lists of Composer packages (which versions exist and what each requires), from three places, best first:
// metadata a Composer repository served (Packagist, repo.magento.com, the project's own repositories) cached in the
// user cache by `mageup check --online`; then the shipped snapshots of public open-source Magento extensions
// (data/composer/extensions.json.gz) and of the project templates' dev tooling (data/composer/tooling.json.gz: MFTF),
// both built by scripts/build-extension-releases.ts from the tags of their public repositories. A package in none is
// unknown: callers say so, they never guess.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defaultDataDir } from './catalog.js';
import { readChecksummedJson } from './integrity.js';

export const EXTENSION_RELEASES_SCHEMA = 1;
export const EXTENSION_RELEASES_FILE = 'composer/extensions.json.gz';
export const TOOLING_RELEASES_FILE = 'composer/tooling.json.gz';

/** One released version of a package: what Composer's metadata says of it. */
export interface PackageRelease {
  /** Pretty version, as the tag or the repository names it (`v2.3.1`, `2.3.1`). */
  version: string;
  require: Record<string, string>;
  /** Release time, ISO, when known. */
  time?: string;
}

export interface PackageReleases {
  name: string;
  releases: PackageRelease[];
  /** Where the list comes from: `https://repo.packagist.org/ (cached 2026-12-03)`, `snapshot of github.com/x/y tags`. */
  source: string;
}

export interface ExtensionSnapshotFile {
  schema: typeof EXTENSION_RELEASES_SCHEMA;
  /** How it was built, for the README and `kb status`. */
  note: string;
  packages: Record<string, { repo: string; releases: PackageRelease[] }>;
}

export interface ReleaseLookup {
  /** The release list of a package, or undefined when neither the cache nor the snapshot knows it. */
  releasesOf(name: string): PackageReleases | undefined;
}

const snapshots = new Map<string, ExtensionSnapshotFile>();

/** A shipped snapshot (extensions by default; read once per file). */
export function extensionSnapshot(dataDir?: string, file: string = EXTENSION_RELEASES_FILE): ExtensionSnapshotFile {
  const path = join(dataDir ?? defaultDataDir(), file);
  let doc = snapshots.get(path);
  if (!doc) {
    doc = readChecksummedJson(path, EXTENSION_RELEASES_SCHEMA) as ExtensionSnapshotFile;
    snapshots.set(path, doc);
  }
  return doc;
}

/** Directory of cached repository metadata inside the user cache. */
export function metadataCacheDir(cacheDir: string): string {
  return join(cacheDir, 'composer-metadata');
}

interface CachedMetadata {
  name: string;
  repository: string;
  fetched: string;
  releases: PackageRelease[];
}

function cacheFile(cacheDir: string, name: string): string {
  return join(metadataCacheDir(cacheDir), `${name.toLowerCase().replace(/[^a-z0-9._/-]/g, '_')}.json`);
}

/** Stores what a repository served for a package (merged with what another repository served before). */
export function writeCachedReleases(
  cacheDir: string,
  name: string,
  repository: string,
  releases: PackageRelease[],
  now: Date,
): void {
  const file = cacheFile(cacheDir, name);
  mkdirSync(dirname(file), { recursive: true });
  const doc: CachedMetadata = { name: name.toLowerCase(), repository, fetched: now.toISOString(), releases };
  writeFileSync(`${file}.tmp`, JSON.stringify(doc));
  renameSync(`${file}.tmp`, file);
}

function readCached(cacheDir: string, name: string): PackageReleases | undefined {
  const file = cacheFile(cacheDir, name);
  if (!existsSync(file)) return undefined;
  try {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as CachedMetadata;
    if (!Array.isArray(doc.releases)) return undefined;
    return {
      name: doc.name,
      releases: doc.releases,
      source: `${doc.repository} (fetched ${doc.fetched.slice(0, 10)})`,
    };
  } catch {
    return undefined; // A torn cache entry is as good as none: the snapshot or "unknown" answers instead.
  }
}

/** Cache first (what a repository served this project), then the shipped snapshot. */
export function releaseLookup(opts: { cacheDir?: string; dataDir?: string } = {}): ReleaseLookup {
  let shipped: ExtensionSnapshotFile[] | undefined;
  return {
    releasesOf(name) {
      const key = name.toLowerCase();
      const cached = opts.cacheDir ? readCached(opts.cacheDir, key) : undefined;
      if (cached) return cached;
      shipped ??= [EXTENSION_RELEASES_FILE, TOOLING_RELEASES_FILE].flatMap((file) => {
        try {
          return [extensionSnapshot(opts.dataDir, file)];
        } catch {
          return []; // an unreadable snapshot answers nothing; the integrity check reports it
        }
      });
      for (const doc of shipped) {
        const entry = doc.packages[key];
        if (entry)
          return { name: key, releases: entry.releases, source: `MageUp's snapshot of the tags of ${entry.repo}` };
      }
      return undefined;
    },
  };
}
