import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants as zlib } from 'node:zlib';
import { KnowledgeDataError } from '../errors.js';
import { sha256 } from '../integrity.js';
import { API_SCHEMA, packageFileName } from './format.js';
import type { ApiManifest, ManifestPackage, StoredPackage } from './format.js';

export const MANIFEST_FILE = 'manifest.json';

/** Writes to a temporary name then renames, so a reader never sees a half-written file. */
function writeAtomic(path: string, bytes: Uint8Array | string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, path);
}

/** Compresses and writes one package file; returns its manifest entries. Brotli output is deterministic. */
export function writePackageFile(
  dataDir: string,
  stored: StoredPackage,
  compression: 'max' | 'fast' = 'max',
): { file: string; sha256: string; bytes: number; entry: ManifestPackage } {
  const file = packageFileName(stored.package);
  const json = Buffer.from(JSON.stringify(stored), 'utf8');
  const bytes = brotliCompressSync(json, {
    params: {
      // Shipped data is built once and read everywhere: smallest output. A user's own index is built on their machine
      // while they wait: quality 5 is ~30x faster for ~25 % more bytes.
      [zlib.BROTLI_PARAM_QUALITY]: compression === 'max' ? 11 : 5,
      [zlib.BROTLI_PARAM_LGWIN]: 24,
      [zlib.BROTLI_PARAM_SIZE_HINT]: json.length,
    },
  });
  writeAtomic(join(dataDir, file), bytes);
  return { file, sha256: sha256(bytes), bytes: bytes.length, entry: manifestEntry(file, stored) };
}

/** The manifest's view of a package: its versions and the namespaces its symbols live in (for lazy loading). */
export function manifestEntry(file: string, stored: StoredPackage): ManifestPackage {
  const namespaces = new Set<string>();
  for (const name of [...Object.keys(stored.classes), ...Object.keys(stored.functions)]) {
    namespaces.add(namespaceOf(name));
  }
  return { file, versions: stored.versions, namespaces: [...namespaces].sort() };
}

/** Lower-cased namespace of a FQCN or function name ('' for the global namespace). */
export function namespaceOf(name: string): string {
  const clean = name.startsWith('\\') ? name.slice(1) : name;
  const cut = clean.lastIndexOf('\\');
  return cut < 0 ? '' : clean.slice(0, cut).toLowerCase();
}

/**
 * Reads one package file, verifying size and sha256 against the manifest before decoding: a corrupt or truncated
 * file is refused with an error naming it, never decoded into a wrong answer. Synchronous so lookups can load lazily.
 */
export function readPackageFile(dataDir: string, manifest: ApiManifest, file: string): StoredPackage {
  const path = join(dataDir, file);
  const expected = manifest.files[file];
  if (!expected)
    throw new KnowledgeDataError(path, 'is not listed in the manifest (the index directory is inconsistent)');
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new KnowledgeDataError(path, `cannot be read: ${(error as Error).message}`);
  }
  if (bytes.length !== expected.bytes) {
    throw new KnowledgeDataError(
      path,
      `is ${bytes.length} bytes, the manifest says ${expected.bytes}: the file is truncated or corrupt; reinstall mageup or rebuild the index`,
    );
  }
  const actual = sha256(bytes);
  if (actual !== expected.sha256) {
    throw new KnowledgeDataError(
      path,
      `checksum mismatch (expected ${expected.sha256.slice(0, 12)}…, found ${actual.slice(0, 12)}…): the file is corrupt; reinstall mageup or rebuild the index`,
    );
  }
  let stored: StoredPackage;
  try {
    stored = JSON.parse(brotliDecompressSync(bytes).toString('utf8')) as StoredPackage;
  } catch (error) {
    throw new KnowledgeDataError(path, `cannot be decoded: ${(error as Error).message}`);
  }
  if (stored?.schema !== API_SCHEMA) {
    throw new KnowledgeDataError(
      path,
      `unsupported schema ${String(stored?.schema)} (this mageup reads schema ${API_SCHEMA})`,
    );
  }
  return stored;
}

/** Reads and validates `manifest.json` of a data directory. */
export function readManifest(dataDir: string): ApiManifest {
  const path = join(dataDir, MANIFEST_FILE);
  if (!existsSync(path)) {
    throw new KnowledgeDataError(
      path,
      'API index manifest is missing (reinstall mageup, or run `mageup index` to create this directory)',
    );
  }
  let manifest: ApiManifest;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8')) as ApiManifest;
  } catch (error) {
    throw new KnowledgeDataError(
      path,
      `is not valid JSON (${(error as Error).message}): the file is corrupt or truncated`,
    );
  }
  if (manifest?.schema !== API_SCHEMA) {
    throw new KnowledgeDataError(
      path,
      `unsupported schema ${String(manifest?.schema)} (this mageup reads schema ${API_SCHEMA})`,
    );
  }
  for (const key of ['releases', 'packages', 'files'] as const) {
    if (!manifest[key] || typeof manifest[key] !== 'object') {
      throw new KnowledgeDataError(path, `has no "${key}" object: the file is corrupt or truncated`);
    }
  }
  return manifest;
}

/** Writes `manifest.json` with sorted keys so a rebuild from the same trees gives the same bytes. */
export function writeManifest(dataDir: string, manifest: ApiManifest): void {
  writeAtomic(join(dataDir, MANIFEST_FILE), JSON.stringify(sortKeys(manifest), null, 1) + '\n');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}
