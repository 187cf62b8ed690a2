/** The package API index: storage of indexed package versions, lazy loading into a SymbolIndex, and API diffs. */
export { loadSymbolIndex, listIndexedReleases, clearApiCache, SHIPPED_API_DIR } from './load.js';
export type { ApiIndex, IndexedClass, IndexedFunction, LoadOptions, LoadSpec, PublishedChange } from './load.js';
export { diffPackageApis, diffClassDecls, methodSignature, normaliseType } from './diff.js';
export type { ApiChange, ApiChangeAspect, ApiChangeKind, DiffOptions, EnumerableSymbolIndex } from './diff.js';
export { ApiDataWriter } from './writer.js';
export { encodePackage, decodeClass, decodePackageVersions } from './package-codec.js';
export type { PackageVersionInput } from './package-codec.js';
export { readManifest, readPackageFile, MANIFEST_FILE } from './store.js';
export { API_SCHEMA, packageFileName } from './format.js';
export type { ApiManifest, ManifestRelease, ManifestPackage, StoredPackage } from './format.js';
