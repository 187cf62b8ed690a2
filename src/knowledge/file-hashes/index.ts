// Answers "did file F of package P change between two versions", "which layout blocks/containers/handles exist at a
// release" and "which RequireJS module ids exist", from the shipped file-hash index. Packages load lazily.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { KnowledgeDataError } from '../errors.js';
import { readChecksummedJson, sha256 } from '../integrity.js';
import {
  FILE_HASH_SCHEMA,
  MANIFEST_FILE,
  rangesContain,
  type FileHashManifest,
  type PackageFileHashes,
} from './format.js';

export * from './format.js';

export const SHIPPED_FILE_HASH_DIR = fileURLToPath(new URL('../../../data/file-hashes/', import.meta.url));

/** One package at one version, as the index knows it. */
export interface PackageFiles {
  package: string;
  version: string;
  kind: PackageFileHashes['kind'];
  component?: string;
  /** Path inside the package → short hash. */
  hashes: Map<string, string>;
  /** Path → meaningful hash (comments and whitespace dropped), for files that change across versions. */
  meaningful: Map<string, string>;
  /** Layout block/container names declared by the package's layouts. */
  layoutNames: Map<string, 'block' | 'container'>;
  /** di.xml preferences: `<area>:<for>` → preferred type. */
  preferences: Map<string, string>;
}

export interface FileHashIndex {
  /** Releases the index covers. */
  releases(): string[];
  /** magento/* package versions installed by a release, or undefined when not indexed. */
  releasePackages(release: string): Record<string, string> | undefined;
  /** The package at a version (an exact version, else undefined). */
  packageFiles(pkg: string, version: string): PackageFiles | undefined;
  /** Package name holding a module (`Magento_Catalog`) or theme (`frontend/Magento/luma`). */
  packageOfComponent(component: string): string | undefined;
}

export function loadFileHashIndex(dataDir: string = SHIPPED_FILE_HASH_DIR): FileHashIndex {
  const manifestFile = join(dataDir, MANIFEST_FILE);
  if (!existsSync(manifestFile))
    throw new KnowledgeDataError(manifestFile, 'file-hash index is missing (run scripts/build-file-hash-index.ts)');
  const manifest = readChecksummedJson(manifestFile, FILE_HASH_SCHEMA) as FileHashManifest;
  const loaded = new Map<string, PackageFileHashes | null>();
  let components: Map<string, string> | undefined;

  function packageData(pkg: string): PackageFileHashes | null {
    if (loaded.has(pkg)) return loaded.get(pkg)!;
    const entry = manifest.packages[pkg];
    let data: PackageFileHashes | null = null;
    if (entry) {
      const file = join(dataDir, entry.file);
      const bytes = readFileSync(file);
      if (sha256(bytes) !== entry.sha256)
        throw new KnowledgeDataError(file, 'checksum does not match the manifest (corrupt or truncated)');
      data = JSON.parse(gunzipSync(bytes).toString('utf8')) as PackageFileHashes;
    }
    loaded.set(pkg, data);
    return data;
  }

  return {
    releases: () => Object.keys(manifest.releases),
    releasePackages: (release) => manifest.releases[release],
    packageFiles(pkg, version) {
      const data = packageData(pkg);
      if (!data) return undefined;
      const index = data.versions.indexOf(version);
      if (index < 0) return undefined;
      const hashes = new Map<string, string>();
      const meaningful = new Map<string, string>();
      for (const [path, variants] of Object.entries(data.files)) {
        const hit = variants.find(([, ranges]) => rangesContain(ranges, index));
        if (hit) hashes.set(path, hit[0]);
        if (hit?.[2]) meaningful.set(path, hit[2]);
      }
      const layoutNames = new Map<string, 'block' | 'container'>();
      for (const [name, variants] of Object.entries(data.layoutNames)) {
        const hit = variants.find(([, ranges]) => rangesContain(ranges, index));
        if (hit) layoutNames.set(name, hit[0] as 'block' | 'container');
      }
      const preferences = new Map<string, string>();
      for (const [key, variants] of Object.entries(data.preferences)) {
        const hit = variants.find(([, ranges]) => rangesContain(ranges, index));
        if (hit) preferences.set(key, hit[0]);
      }
      return {
        package: pkg,
        version,
        kind: data.kind,
        ...(data.component ? { component: data.component } : {}),
        hashes,
        meaningful,
        layoutNames,
        preferences,
      };
    },
    packageOfComponent(component) {
      if (!components) {
        components = new Map();
        // Component names are derived from package names without loading every package: module-catalog-search →
        // Magento_CatalogSearch is right for nearly all; the exceptions are found by loading on a miss below.
        for (const pkg of Object.keys(manifest.packages)) {
          const guess = componentGuess(pkg);
          if (guess) components.set(guess, pkg);
        }
      }
      const guessed = components.get(component);
      if (guessed && packageData(guessed)?.component === component) return guessed;
      for (const pkg of Object.keys(manifest.packages)) {
        const data = packageData(pkg);
        if (data?.component === component) {
          components.set(component, pkg);
          return pkg;
        }
      }
      return undefined;
    },
  };
}

/** `magento/module-catalog-search` → `Magento_CatalogSearch`, `magento/theme-frontend-luma` → `frontend/Magento/luma`. */
function componentGuess(pkg: string): string | undefined {
  const m = /^magento\/(module|theme)-(.+)$/.exec(pkg);
  if (!m) return undefined;
  if (m[1] === 'module')
    return `Magento_${m[2]!
      .split('-')
      .map((w) => w[0]!.toUpperCase() + w.slice(1))
      .join('')}`;
  const [area, ...rest] = m[2]!.split('-');
  return `${area}/Magento/${rest.join('-')}`;
}
