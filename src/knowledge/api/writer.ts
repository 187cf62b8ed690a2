import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { API_SCHEMA } from './format.js';
import type { ApiManifest, ManifestRelease } from './format.js';
import { decodePackageVersions, encodePackage } from './package-codec.js';
import type { PackageVersionInput } from './package-codec.js';
import { MANIFEST_FILE, readManifest, readPackageFile, writeManifest, writePackageFile } from './store.js';

/**
 * Writes an API index directory package by package (so a build never holds every package in memory), then the
 * manifest last: a reader sees either the previous complete directory or the new one's manifest with every file.
 * With `merge`, versions already in the directory are kept and new ones added (re-indexing a version replaces it).
 */
export class ApiDataWriter {
  private readonly manifest: ApiManifest;
  private readonly compression: 'max' | 'fast';

  constructor(
    private readonly dir: string,
    options: { merge?: boolean; generatedAt?: string; compression?: 'max' | 'fast' } = {},
  ) {
    this.compression = options.compression ?? 'max';
    const previous = options.merge && existsSync(join(dir, MANIFEST_FILE)) ? readManifest(dir) : undefined;
    this.manifest = previous
      ? { ...previous, generatedAt: options.generatedAt ?? new Date().toISOString() }
      : {
          schema: API_SCHEMA,
          generatedAt: options.generatedAt ?? new Date().toISOString(),
          sources: {},
          releases: {},
          packages: {},
          files: {},
        };
  }

  /** Adds (or, with merge, extends) one package with the given versions. */
  addPackage(name: string, versions: PackageVersionInput[]): { bytes: number } {
    let inputs = versions;
    const existing = this.manifest.packages[name];
    if (existing) {
      const kept = decodePackageVersions(readPackageFile(this.dir, this.manifest, existing.file)).filter(
        (old) => !versions.some((v) => v.version === old.version),
      );
      inputs = [...kept, ...versions];
    }
    const written = writePackageFile(this.dir, encodePackage(name, inputs), this.compression);
    this.manifest.packages[name] = written.entry;
    this.manifest.files[written.file] = { sha256: written.sha256, bytes: written.bytes };
    return { bytes: written.bytes };
  }

  setRelease(version: string, release: ManifestRelease): void {
    this.manifest.releases[version] = release;
  }

  /** Package set recorded for a release (empty when unknown). */
  releasePackages(version: string): Record<string, string> {
    return this.manifest.releases[version]?.packages ?? {};
  }

  setSource(key: string, value: unknown): void {
    this.manifest.sources[key] = value;
  }

  /** Package versions currently recorded (for building release package sets). */
  has(name: string, version: string): boolean {
    return this.manifest.packages[name]?.versions.includes(version) ?? false;
  }

  /** Writes the manifest and deletes package files no longer listed (stale ones from an earlier build). */
  finish(): ApiManifest {
    writeManifest(this.dir, this.manifest);
    const listed = new Set(Object.keys(this.manifest.files));
    const packagesDir = join(this.dir, 'packages');
    if (existsSync(packagesDir)) {
      for (const entry of readdirSync(packagesDir, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile()) continue;
        const rel = relative(this.dir, join(entry.parentPath, entry.name)).split('\\').join('/');
        if (!listed.has(rel)) rmSync(join(this.dir, rel));
      }
    }
    return this.manifest;
  }
}
