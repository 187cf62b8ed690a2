import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClassDecl, FunctionDecl } from '../../php/types.js';
import { KnowledgeDataError, UnknownVersionError } from '../errors.js';
import type { SymbolIndex } from '../types.js';
import type { ApiManifest, ManifestRelease, StoredPackage } from './format.js';
import { decodeClass, decodeFunction } from './package-codec.js';
import { MANIFEST_FILE, namespaceOf, readManifest, readPackageFile } from './store.js';
import { timelineHas } from './timeline.js';
import { compareLooseVersions, sameVersion } from './versions.js';

/** The shipped index: `data/api` of the installed package (three levels above this module in src/ and dist/). */
export const SHIPPED_API_DIR = fileURLToPath(new URL('../../../data/api/', import.meta.url));

export type IndexedClass = ClassDecl & { package: string; file?: string };
export type IndexedFunction = FunctionDecl & { package: string };

export interface PublishedChange {
  section: string;
  change: string;
  what: string;
}

/** A SymbolIndex over stored package APIs, which can also enumerate its symbols (for diffs) and say what it lacks. */
export interface ApiIndex extends SymbolIndex {
  /** Every class FQCN declared by the covered packages (loads every package: for diffs and reports, not lookups). */
  classNames(): string[];
  functionNames(): string[];
  /** Requested package versions that no data directory holds: lookups cannot see their symbols. */
  unindexed(): Record<string, string>;
  /** Content hash of an overridable non-PHP file of a covered package, when indexed. */
  fileHash(packageName: string, path: string): string | undefined;
  /** The release this index was loaded for, when loaded by release. */
  release?: string;
  /** For a derived release: the indexed release it builds on. */
  base?: string;
  /** For a derived release: Adobe's published changes between the base and this release (removals are applied). */
  publishedChanges: PublishedChange[];
}

export interface LoadOptions {
  /** The shipped data directory (default: `data/api` of the installed mageup). */
  dataDir?: string;
  /** Directories written by `mageup index`: searched before the shipped data, so a user's own index wins. */
  extraDirs?: string[];
}

export type LoadSpec = { release: string } | { packages: Record<string, string> };

interface DataDir {
  dir: string;
  manifest: ApiManifest;
}

/** One covered package: where its stored versions live and which position in the file is the wanted version. */
interface Binding {
  name: string;
  version: string;
  source: DataDir;
  file: string;
  stored?: {
    pkg: StoredPackage;
    position: number;
    lowerClasses: Map<string, string>;
    lowerFunctions: Map<string, string>;
  };
}

/** Decoded package files, shared by every index of the process (diffing two releases reads shared packages once). */
const packageCache = new Map<string, StoredPackage>();

export function clearApiCache(): void {
  packageCache.clear();
}

async function readDataDirs(opts: LoadOptions): Promise<DataDir[]> {
  const dirs = [...(opts.extraDirs ?? []), opts.dataDir ?? SHIPPED_API_DIR];
  const out: DataDir[] = [];
  for (const dir of dirs) {
    // readManifest is synchronous; read the bytes asynchronously first only to fail early with a clear message.
    try {
      await readFile(join(dir, MANIFEST_FILE));
    } catch {
      throw new KnowledgeDataError(
        join(dir, MANIFEST_FILE),
        'API index manifest is missing (reinstall mageup, or run `mageup index` to create this directory)',
      );
    }
    out.push({ dir, manifest: readManifest(dir) });
  }
  return out;
}

/** Every release the data directories know, oldest first, with how it is covered. */
export async function listIndexedReleases(
  opts: LoadOptions = {},
): Promise<{ version: string; coverage: 'indexed' | 'derived'; base?: string; packageCount: number }[]> {
  const seen = new Map<
    string,
    { version: string; coverage: 'indexed' | 'derived'; base?: string; packageCount: number }
  >();
  for (const { manifest } of await readDataDirs(opts)) {
    for (const [version, release] of Object.entries(manifest.releases)) {
      if (seen.has(version)) continue;
      seen.set(version, {
        version,
        coverage: release.coverage,
        ...(release.base ? { base: release.base } : {}),
        packageCount: Object.keys(release.packages).length,
      });
    }
  }
  return [...seen.values()].sort((a, b) => compareLooseVersions(a.version, b.version));
}

/**
 * Loads a SymbolIndex for a release (its whole package set) or for an explicit package set (a project's lock).
 * Only the manifests are read here; package files are read, verified and decoded on first lookup of a symbol in one
 * of their namespaces, so a check touching 30 packages never decodes 400.
 */
export async function loadSymbolIndex(spec: LoadSpec, opts: LoadOptions = {}): Promise<ApiIndex> {
  const dirs = await readDataDirs(opts);
  let wanted: Record<string, string>;
  let release: ManifestRelease | undefined;
  let releaseName: string | undefined;
  if ('release' in spec) {
    releaseName = spec.release;
    for (const { manifest } of dirs) {
      release = manifest.releases[spec.release];
      if (release) break;
    }
    if (!release) {
      const known = [...new Set(dirs.flatMap((d) => Object.keys(d.manifest.releases)))];
      throw new UnknownVersionError(
        spec.release,
        nearestVersions(spec.release, known),
        `No API index for release "${spec.release}".`,
      );
    }
    wanted = release.packages;
  } else {
    wanted = spec.packages;
  }

  const bindings: Binding[] = [];
  const missing: Record<string, string> = {};
  for (const name of Object.keys(wanted).sort()) {
    const version = wanted[name]!;
    const source = dirs.find((d) => d.manifest.packages[name]?.versions.some((v) => sameVersion(v, version)));
    if (!source) {
      missing[name] = version;
      continue;
    }
    bindings.push({ name, version, source, file: source.manifest.packages[name]!.file });
  }
  const byNamespace = new Map<string, Binding[]>();
  for (const binding of bindings) {
    for (const ns of binding.source.manifest.packages[binding.name]!.namespaces) {
      const list = byNamespace.get(ns);
      if (list) list.push(binding);
      else byNamespace.set(ns, [binding]);
    }
  }

  const removed = removalsOf(release?.publishedChanges ?? []);
  const classCache = new Map<string, IndexedClass | null>();
  const functionCache = new Map<string, IndexedFunction | null>();

  const getClass = (fqcn: string): IndexedClass | undefined => {
    const key = normalise(fqcn);
    const cached = classCache.get(key);
    if (cached !== undefined) return cached ?? undefined;
    let found: IndexedClass | null = null;
    for (const binding of byNamespace.get(namespaceOf(key)) ?? []) {
      const loaded = load(binding);
      const name = loaded.lowerClasses.get(key);
      const variants = name === undefined ? undefined : loaded.pkg.classes[name];
      const variant = variants?.find(([timeline]) => timelineHas(timeline, loaded.position));
      if (name !== undefined && variant) {
        found = { ...decodeClass(loaded.pkg, name, variant[1]), package: binding.name };
        break;
      }
    }
    if (found && removed.size > 0) found = applyRemovals(found, removed);
    classCache.set(key, found);
    return found ?? undefined;
  };

  const getFunction = (fn: string): IndexedFunction | undefined => {
    const key = normalise(fn);
    const cached = functionCache.get(key);
    if (cached !== undefined) return cached ?? undefined;
    let found: IndexedFunction | null = null;
    for (const binding of byNamespace.get(namespaceOf(key)) ?? []) {
      const loaded = load(binding);
      const name = loaded.lowerFunctions.get(key);
      const variant =
        name === undefined ? undefined : loaded.pkg.functions[name]?.find(([t]) => timelineHas(t, loaded.position));
      if (variant) {
        found = { ...decodeFunction(variant[1]), package: binding.name };
        break;
      }
    }
    functionCache.set(key, found);
    return found ?? undefined;
  };

  const names = (kind: 'classes' | 'functions'): string[] => {
    const out = new Map<string, string>();
    for (const binding of bindings) {
      const loaded = load(binding);
      for (const [name, variants] of Object.entries(loaded.pkg[kind] as Record<string, [string, unknown][]>)) {
        if (variants.some(([timeline]) => timelineHas(timeline, loaded.position)) && !out.has(name.toLowerCase())) {
          out.set(name.toLowerCase(), name);
        }
      }
    }
    const list = [...out.values()];
    return kind === 'classes' ? list.filter((n) => getClass(n) !== undefined) : list;
  };

  const covered: Record<string, string> = {};
  for (const binding of bindings) covered[binding.name] = binding.version;

  return {
    coverage: release ? release.coverage : bindings.length > 0 ? 'indexed' : 'none',
    ...(releaseName !== undefined ? { release: releaseName } : {}),
    ...(release?.base ? { base: release.base } : {}),
    ...(release?.uncovered ? { notCovered: notCoveredPackages(release.uncovered) } : {}),
    publishedChanges: release?.publishedChanges ?? [],
    getClass,
    getFunction,
    packages: () => ({ ...covered }),
    unindexed: () => ({ ...missing }),
    classNames: () => names('classes'),
    functionNames: () => names('functions'),
    fileHash: (packageName, path) => {
      const binding = bindings.find((b) => b.name === packageName);
      if (!binding) return undefined;
      const loaded = load(binding);
      return loaded.pkg.files?.[path]?.find(([timeline]) => timelineHas(timeline, loaded.position))?.[1];
    },
  };
}

function load(binding: Binding): NonNullable<Binding['stored']> {
  if (binding.stored) return binding.stored;
  const { dir, manifest } = binding.source;
  const entry = manifest.files[binding.file];
  const cacheKey = `${join(dir, binding.file)}#${entry?.sha256 ?? ''}`;
  let pkg = packageCache.get(cacheKey);
  if (!pkg) {
    pkg = readPackageFile(dir, manifest, binding.file);
    packageCache.set(cacheKey, pkg);
  }
  const position = pkg.versions.findIndex((v) => sameVersion(v, binding.version));
  if (position < 0) {
    throw new KnowledgeDataError(
      join(dir, binding.file),
      `does not hold version ${binding.version} of ${binding.name} although the manifest says so: rebuild the index`,
    );
  }
  binding.stored = {
    pkg,
    position,
    lowerClasses: lowerKeys(pkg.classes),
    lowerFunctions: lowerKeys(pkg.functions),
  };
  return binding.stored;
}

function lowerKeys(record: Record<string, unknown>): Map<string, string> {
  const map = new Map<string, string>();
  for (const key of Object.keys(record)) if (!map.has(key.toLowerCase())) map.set(key.toLowerCase(), key);
  return map;
}

function normalise(name: string): string {
  return (name.startsWith('\\') ? name.slice(1) : name).toLowerCase();
}

/** Removals Adobe published for a derived release: whole classes (`Foo\Bar`) and members (`Foo\Bar::baz`, lower-cased). */
function removalsOf(changes: PublishedChange[]): Map<string, Set<string> | 'class'> {
  const out = new Map<string, Set<string> | 'class'>();
  for (const change of changes) {
    if (!/was removed|has been removed/i.test(change.change)) continue;
    const what = normalise(change.what.trim());
    const sep = what.indexOf('::');
    if (/^(class|interface) was removed$/i.test(change.change) && sep < 0) {
      out.set(what, 'class');
      continue;
    }
    if (sep < 0) continue;
    const owner = what.slice(0, sep);
    const member = what.slice(sep + 2).replace(/^\$/, '');
    const current = out.get(owner);
    if (current === 'class') continue;
    const set = current ?? new Set<string>();
    set.add(`${/method/i.test(change.change) ? 'm' : /property/i.test(change.change) ? 'p' : 'c'}:${member}`);
    out.set(owner, set);
  }
  return out;
}

function applyRemovals(decl: IndexedClass, removed: Map<string, Set<string> | 'class'>): IndexedClass | null {
  const rule = removed.get(decl.name.toLowerCase());
  if (rule === undefined) return decl;
  if (rule === 'class') return null;
  return {
    ...decl,
    methods: decl.methods.filter((m) => !rule.has(`m:${m.name.toLowerCase()}`)),
    properties: decl.properties.filter((p) => !rule.has(`p:${p.name.toLowerCase()}`)),
    constants: decl.constants.filter((c) => !rule.has(`c:${c.name.toLowerCase()}`)),
  };
}

/** Known versions closest to an unknown one: same line first, then by version distance. */
function nearestVersions(version: string, known: string[], count = 3): string[] {
  const sorted = [...known].sort(compareLooseVersions);
  const prefix = version.split('-')[0] ?? version;
  const sameLine = sorted.filter((v) => v.startsWith(prefix));
  if (sameLine.length > 0) return sameLine.slice(-count).reverse();
  const after = sorted.findIndex((v) => compareLooseVersions(v, version) > 0);
  const at = after < 0 ? sorted.length : after;
  return [...sorted.slice(Math.max(0, at - count), at).reverse(), ...sorted.slice(at, at + 1)].slice(0, count);
}

/** `uncovered` of a manifest release as package → the requirement that brings it. */
function notCoveredPackages(uncovered: NonNullable<ManifestRelease['uncovered']>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, entry] of Object.entries(uncovered))
    for (const pkg of entry.packages) out[pkg] = `${name} ${entry.constraint}`;
  return out;
}
