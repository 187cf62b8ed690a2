/**
 * On-disk format of the package API index (schema 1).
 *
 * A data directory holds `manifest.json` and one brotli-compressed JSON file per Composer package
 * (`packages/<vendor>/<name>.json.br`). A package file holds every indexed version of that package; each symbol is
 * stored once with its variants, and each variant says which of the package's versions hold it (a timeline). Members
 * (methods, properties, constants) and class headers are interned in per-file tables, so a method that never changes
 * is stored once however many versions and class variants contain it.
 */

export const API_SCHEMA = 1;

/** Version positions within a package file's `versions`, as ranges: `"0-3,5,7-9"`. */
export type Timeline = string;

/** Class header: everything of a ClassDecl except its members and line numbers (interned in `headers`). */
export interface StoredClassHeader {
  kind: 'class' | 'interface' | 'trait' | 'enum';
  abstract?: boolean;
  final?: boolean;
  readonly?: boolean;
  extends?: string;
  implements?: string[];
  traits?: string[];
  allowDynamicProperties?: boolean;
  api?: boolean;
  deprecated?: string;
  see?: string[];
  /** File path relative to the package root. */
  file?: string;
}

/**
 * One member, without its line (interned in `members`): `k` is `m` (method), `p` (property) or `c` (constant);
 * the other fields are those of MethodDecl / PropertyDecl / ConstantDecl.
 */
export type StoredMember = { k: 'm' | 'p' | 'c'; name: string } & Record<string, unknown>;

/**
 * One variant of a class: `[header index, member indexes, lines]` where lines are
 * `[class line, class end line (0 = unknown), ...member lines in member order]`.
 */
export type StoredClassVariant = [number, number[], number[]];

/** A function variant: the FunctionDecl as stored (line included: functions are few). */
export type StoredFunction = Record<string, unknown> & { name: string };

export interface StoredPackage {
  schema: number;
  package: string;
  /** Indexed versions (pretty, as Composer prints them), in ascending order. */
  versions: string[];
  headers: StoredClassHeader[];
  members: StoredMember[];
  /** FQCN → variants, each with the timeline of the versions holding it. Sorted by FQCN. */
  classes: Record<string, [Timeline, StoredClassVariant][]>;
  functions: Record<string, [Timeline, StoredFunction][]>;
  /** Per version: content hashes of overridable non-PHP files (path → short sha256), interned as a timeline too. */
  files?: Record<string, [Timeline, string][]>;
  /** Per version: files that did not parse completely (partial symbols were kept). */
  problems?: Record<string, { file: string; message: string }[]>;
}

export interface ManifestRelease {
  coverage: 'indexed' | 'derived';
  /** For derived releases: the indexed release the package set builds on. */
  base?: string;
  /** Where the package set of an indexed release was read (tree, branch, metapackage). */
  source?: string;
  packages: Record<string, string>;
  /** For derived releases: published changes (Adobe's list) that the base release's index does not show. */
  publishedChanges?: { section: string; change: string; what: string }[];
  /**
   * Requirements whose content at this release no tree shows (a metapackage at a version no fetched tree installs),
   * with the packages the nearest tree installed through them: the index does not cover those packages here, so a
   * class of theirs is "cannot check", never "removed".
   */
  uncovered?: Record<string, { constraint: string; packages: string[] }>;
}

export interface ManifestPackage {
  /** Package file, relative to the data directory. */
  file: string;
  versions: string[];
  /** Namespaces that hold its classes and functions across all versions: a lookup by FQCN loads only these. */
  namespaces: string[];
}

export interface ApiManifest {
  schema: number;
  generatedAt: string;
  /** What the data was built from (repository → ref/commit), for reproducibility. */
  sources: Record<string, unknown>;
  releases: Record<string, ManifestRelease>;
  packages: Record<string, ManifestPackage>;
  files: Record<string, { sha256: string; bytes: number }>;
}

/** Package file path for a package name: `magento/module-catalog` → `packages/magento/module-catalog.json.br`. */
export function packageFileName(packageName: string): string {
  const safe = packageName
    .toLowerCase()
    .split('/')
    .map((part) => part.replace(/[^a-z0-9._-]/g, '_'))
    .join('/');
  return `packages/${safe}.json.br`;
}
