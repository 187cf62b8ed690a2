import { existsSync } from 'node:fs';
import type { ComposerPackage, PackageSource, RootComposer } from './model.js';
import { isRecord, str, stringMap } from './context.js';
import type { LoadContext } from './context.js';
import { listDirs } from './walk.js';

/** What the Composer files of a root say, before modules and themes are matched to packages. */
export interface ComposerState {
  /** Root composer.json, when present and valid. */
  rootJson: Record<string, unknown> | undefined;
  /** Which file the package list came from. */
  packagesSource: 'composer.lock' | 'installed.json' | 'vendor-scan' | 'none';
  packages: ComposerPackage[];
  rootRequire: Record<string, string>;
  rootRequireDev: Record<string, string>;
  rootComposer?: RootComposer;
  /** Vendor directory relative to root (composer.json `config.vendor-dir`, default `vendor`). */
  vendorDir: string;
  /** False when the vendor directory does not exist (a checkout where `composer install` has not run). */
  vendorInstalled: boolean;
}

/** Packages required by the Magento product metapackages: they decide what is core, Adobe-only and bundled. */
const OPEN_SOURCE_METAPACKAGES = ['magento/product-community-edition', 'mage-os/product-community-edition'];
const COMMERCE_METAPACKAGES = [
  'magento/product-enterprise-edition',
  'magento/magento2-ee-base',
  'magento/extension-b2b',
];

/**
 * Reads the package list: composer.lock first (exact versions of everything), then vendor/composer/installed.json,
 * then the composer.json of each vendor/<vendor>/<package> as a last resort. Every fallback is reported.
 */
export function readComposer(ctx: LoadContext): ComposerState {
  const rootJsonRaw = ctx.readJson('composer.json');
  const rootJson = isRecord(rootJsonRaw) ? rootJsonRaw : undefined;
  if (rootJsonRaw !== undefined && !rootJson) {
    ctx.problem({
      code: 'json-unexpected',
      level: 'error',
      file: 'composer.json',
      message: 'composer.json does not hold a JSON object; ignored',
    });
  }
  const config = isRecord(rootJson?.config) ? rootJson.config : {};
  const vendorDir = (str(config['vendor-dir']) ?? 'vendor').replace(/\/+$/, '');
  const installed = readInstalled(ctx, vendorDir);

  let packagesSource: ComposerState['packagesSource'] = 'none';
  let packages: ComposerPackage[] = [];
  const lock = ctx.readJson('composer.lock');
  if (isRecord(lock) && (Array.isArray(lock.packages) || Array.isArray(lock['packages-dev']))) {
    packagesSource = 'composer.lock';
    packages = [...packageList(lock.packages, false), ...packageList(lock['packages-dev'], true)];
  } else {
    if (lock !== undefined) {
      ctx.problem({
        code: 'json-unexpected',
        level: 'error',
        file: 'composer.lock',
        message: 'composer.lock has no `packages` list; package versions come from the next source',
      });
    }
    if (installed.packages.length > 0) {
      packagesSource = 'installed.json';
      packages = installed.packages;
      if (rootJson) {
        ctx.problem({
          code: 'composer-lock-missing',
          level: 'warning',
          file: 'composer.lock',
          message: `composer.lock is missing or unusable: packages are read from ${vendorDir}/composer/installed.json`,
        });
      }
    } else {
      packages = scanVendor(ctx, vendorDir);
      if (packages.length > 0) {
        packagesSource = 'vendor-scan';
        ctx.problem({
          code: 'composer-metadata-missing',
          level: 'warning',
          file: 'composer.lock',
          message: `neither composer.lock nor ${vendorDir}/composer/installed.json is usable: packages are read from ${vendorDir}/*/*/composer.json, versions may be missing`,
        });
      }
    }
  }

  // installed.json knows where each package is installed (path repositories, custom installers).
  const paths = new Map(installed.packages.map((p) => [p.name, p.path]));
  for (const pkg of packages) {
    const installedPath = paths.get(pkg.name);
    if (installedPath) pkg.path = installedPath;
    pkg.path ??= `${vendorDir}/${pkg.name}`;
  }
  classifySources(packages);
  packages.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const vendorInstalled = existsSync(ctx.abs(vendorDir));
  if (!vendorInstalled && packages.length > 0) {
    ctx.problem({
      code: 'vendor-missing',
      level: 'warning',
      file: vendorDir,
      message: `${vendorDir}/ is absent (composer install has not run): package code, module registrations and themes in it cannot be read`,
    });
  } else if (packagesSource === 'composer.lock' && installed.packages.length > 0) {
    reportLockDrift(ctx, packages, installed.packages, vendorDir);
  }
  return {
    vendorInstalled,
    rootJson,
    packagesSource,
    packages,
    rootRequire: stringMap(rootJson?.require),
    rootRequireDev: stringMap(rootJson?.['require-dev']),
    ...(rootJson ? { rootComposer: rootComposerOf(rootJson) } : {}),
    vendorDir,
  };
}

function rootComposerOf(json: Record<string, unknown>): RootComposer {
  const config = isRecord(json.config) ? json.config : {};
  return {
    replace: stringMap(json.replace),
    conflict: stringMap(json.conflict),
    minimumStability: str(json['minimum-stability']) ?? null,
    platform: stringMap(config.platform),
    repositories: json.repositories,
    json,
  };
}

/** composer.lock and installed.json disagree when the lock changed and `composer install` was not run since. */
function reportLockDrift(
  ctx: LoadContext,
  locked: ComposerPackage[],
  installed: ComposerPackage[],
  vendorDir: string,
): void {
  const installedVersions = new Map(installed.map((p) => [p.name, p.version]));
  const drift = locked
    .filter((p) => p.type !== 'metapackage' && installedVersions.get(p.name) !== p.version)
    .map((p) => `${p.name} ${p.version} (installed: ${installedVersions.get(p.name) ?? 'none'})`);
  if (drift.length === 0) return;
  const shown = drift.slice(0, 5).join(', ') + (drift.length > 5 ? `, and ${drift.length - 5} more` : '');
  ctx.problem({
    code: 'composer-install-outdated',
    level: 'warning',
    file: `${vendorDir}/composer/installed.json`,
    message: `${drift.length} package(s) of composer.lock are not installed at the locked version (run composer install): ${shown}; versions shown are the locked ones`,
  });
}

function readInstalled(ctx: LoadContext, vendorDir: string): { packages: ComposerPackage[] } {
  const file = `${vendorDir}/composer/installed.json`;
  const raw = ctx.readJson(file);
  if (raw === undefined) return { packages: [] };
  // Composer 2 writes { packages: [...], dev, dev-package-names }; Composer 1 a bare array.
  const list = Array.isArray(raw) ? raw : isRecord(raw) ? raw.packages : undefined;
  if (!Array.isArray(list)) {
    ctx.problem({ code: 'json-unexpected', level: 'error', file, message: `${file} has no package list; ignored` });
    return { packages: [] };
  }
  const devNames = new Set(isRecord(raw) && Array.isArray(raw['dev-package-names']) ? raw['dev-package-names'] : []);
  const packages = packageList(list, false);
  for (const pkg of packages) {
    if (devNames.has(pkg.name)) pkg.dev = true;
    const entry = list.find((e) => isRecord(e) && e.name === pkg.name) as Record<string, unknown>;
    const installPath = str(entry['install-path']);
    if (installPath) pkg.path = normalizePath(`${vendorDir}/composer/${installPath}`);
  }
  return { packages };
}

function packageList(list: unknown, dev: boolean): ComposerPackage[] {
  if (!Array.isArray(list)) return [];
  const out: ComposerPackage[] = [];
  for (const entry of list) {
    const pkg = toPackage(entry, dev);
    if (pkg) out.push(pkg);
  }
  return out;
}

/** One lock/installed.json entry as a ComposerPackage; source is set later by `classifySources`. */
export function toPackage(entry: unknown, dev: boolean): ComposerPackage | undefined {
  if (!isRecord(entry)) return undefined;
  const name = str(entry.name);
  if (!name) return undefined;
  const dist = isRecord(entry.dist) ? entry.dist : {};
  const autoload = isRecord(entry.autoload) ? entry.autoload : {};
  const license = Array.isArray(entry.license)
    ? entry.license.filter((l): l is string => typeof l === 'string')
    : typeof entry.license === 'string'
      ? [entry.license]
      : [];
  const pkg: ComposerPackage = {
    name: name.toLowerCase(),
    version: str(entry.version) ?? '',
    type: str(entry.type) ?? 'library',
    source: dist.type === 'path' ? 'path' : 'third-party',
    license,
    require: stringMap(entry.require),
  };
  const optionalMaps = ['replace', 'conflict', 'provide'] as const;
  for (const key of optionalMaps) {
    const map = stringMap(entry[key]);
    if (Object.keys(map).length > 0) pkg[key] = map;
  }
  const requireDev = stringMap(entry['require-dev']);
  if (Object.keys(requireDev).length > 0) pkg.requireDev = requireDev;
  if (entry.abandoned === true || typeof entry.abandoned === 'string') pkg.abandoned = entry.abandoned;
  const description = str(entry.description);
  if (description) pkg.description = description;
  if (dev) pkg.dev = true;
  const files = Array.isArray(autoload.files) ? autoload.files.filter((f): f is string => typeof f === 'string') : [];
  if (files.length > 0) pkg.autoloadFiles = files;
  if (pkg.type === 'metapackage' && isRecord(entry.extra)) pkg.extra = entry.extra;
  return pkg;
}

/** No lock, no installed.json: read vendor/<vendor>/<package>/composer.json directly (versions often absent). */
function scanVendor(ctx: LoadContext, vendorDir: string): ComposerPackage[] {
  const packages: ComposerPackage[] = [];
  for (const vendor of listDirsSafe(ctx, vendorDir)) {
    if (vendor === 'bin' || vendor === 'composer') continue;
    for (const name of listDirsSafe(ctx, `${vendorDir}/${vendor}`)) {
      const file = `${vendorDir}/${vendor}/${name}/composer.json`;
      if (!ctx.exists(file)) continue;
      const pkg = toPackage(ctx.readJson(file), false);
      if (!pkg) continue;
      pkg.path = `${vendorDir}/${vendor}/${name}`;
      packages.push(pkg);
    }
  }
  return packages;
}

function listDirsSafe(ctx: LoadContext, relDir: string): string[] {
  return listDirs(ctx.abs(relDir));
}

/**
 * Sets `source`: `core` for Magento Open Source / Mage-OS packages, `adobe` for what only the Adobe Commerce
 * metapackages bring, `path` for path repositories, `third-party` otherwise. Who owns each package (bundled, …) is
 * decided afterwards by `assignOwnership`.
 */
export function classifySources(packages: ComposerPackage[]): void {
  const byName = new Map(packages.map((p) => [p.name, p]));
  const openSourceSet = new Set<string>();
  for (const meta of OPEN_SOURCE_METAPACKAGES) {
    for (const dep of Object.keys(byName.get(meta)?.require ?? {})) openSourceSet.add(dep);
  }
  const commerceSet = new Set<string>();
  for (const meta of COMMERCE_METAPACKAGES) {
    for (const dep of Object.keys(byName.get(meta)?.require ?? {})) commerceSet.add(dep);
  }
  for (const pkg of packages) {
    if (pkg.source === 'path') continue;
    pkg.source = sourceOf(pkg.name, openSourceSet, commerceSet);
  }
}

function sourceOf(name: string, openSource: Set<string>, commerce: Set<string>): PackageSource {
  const vendor = name.split('/')[0] ?? '';
  if (vendor === 'adobe-commerce' || vendor === 'adobe') return 'adobe';
  if (COMMERCE_METAPACKAGES.includes(name)) return 'adobe';
  if (vendor === 'magento') {
    return commerce.has(name) && !openSource.has(name) ? 'adobe' : 'core';
  }
  if (vendor === 'mage-os') return 'core';
  return 'third-party';
}

function normalizePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts.at(-1) !== '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}
