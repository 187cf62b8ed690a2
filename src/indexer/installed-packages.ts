import { MageupError } from '../core/errors.js';
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { Problem } from '../core/problem.js';

/** Composer's `autoload` section, as far as the indexer needs it. */
export interface Autoload {
  'psr-4'?: Record<string, string | string[]>;
  'psr-0'?: Record<string, string | string[]>;
  classmap?: string[];
  files?: string[];
  'exclude-from-classmap'?: string[];
}

export interface InstalledPackage {
  name: string;
  /** Pretty version as Composer prints it (`103.0.4-p2`, `v5.4.21`). */
  version: string;
  type: string;
  /** Absolute path of the installed package. */
  path: string;
  autoload: Autoload;
}

export interface InstalledPackages {
  packages: InstalledPackage[];
  /** Which file the list came from, relative to the root. */
  source: string;
  problems: Problem[];
}

/**
 * The packages of an installed tree: `vendor/composer/installed.json` (Composer 2 `{packages: [...]}` or Composer 1
 * `[...]`), else `composer.lock` with the default `vendor/<name>` install paths. Metapackages and packages whose
 * directory is absent are left out (a metapackage has no code; a missing directory is reported).
 */
export function readInstalledPackages(root: string): InstalledPackages {
  const problems: Problem[] = [];
  const installedPath = join(root, 'vendor/composer/installed.json');
  const lockPath = join(root, 'composer.lock');
  let entries: unknown[];
  let source: string;
  let baseDir: string;
  if (existsSync(installedPath)) {
    source = 'vendor/composer/installed.json';
    const json = readJson(installedPath, source);
    entries = Array.isArray(json)
      ? json
      : Array.isArray((json as { packages?: unknown })?.packages)
        ? (json as { packages: unknown[] }).packages
        : [];
    if (!Array.isArray(json) && !Array.isArray((json as { packages?: unknown })?.packages)) {
      throw new IndexInputError(
        `${installedPath}: neither a Composer 1 list nor a Composer 2 {"packages": [...]} document`,
      );
    }
    baseDir = join(root, 'vendor/composer');
  } else if (existsSync(lockPath)) {
    source = 'composer.lock';
    const json = readJson(lockPath, source) as { packages?: unknown[]; 'packages-dev'?: unknown[] };
    if (!Array.isArray(json?.packages)) throw new IndexInputError(`${lockPath}: has no "packages" list`);
    entries = [...json.packages, ...(json['packages-dev'] ?? [])];
    baseDir = root;
  } else {
    throw new IndexInputError(
      `${root}: neither vendor/composer/installed.json nor composer.lock found: is this an installed Magento (or Composer) root?`,
    );
  }

  const packages: InstalledPackage[] = [];
  for (const entry of entries) {
    const pkg = entry as {
      name?: unknown;
      version?: unknown;
      type?: unknown;
      'install-path'?: unknown;
      autoload?: unknown;
    };
    if (typeof pkg?.name !== 'string' || typeof pkg.version !== 'string') {
      problems.push({
        code: 'package-invalid',
        level: 'warning',
        file: source,
        message: 'an entry without name or version was skipped',
      });
      continue;
    }
    const type = typeof pkg.type === 'string' ? pkg.type : 'library';
    if (type === 'metapackage') continue;
    const installPath = typeof pkg['install-path'] === 'string' ? pkg['install-path'] : undefined;
    const path = installPath
      ? isAbsolute(installPath)
        ? installPath
        : resolve(baseDir, installPath)
      : join(root, 'vendor', pkg.name);
    if (!existsSync(path)) {
      problems.push({
        code: 'package-missing',
        level: 'warning',
        file: source,
        message: `${pkg.name} ${pkg.version} is listed but ${path} does not exist: not indexed`,
      });
      continue;
    }
    const autoload = pkg.autoload && typeof pkg.autoload === 'object' ? (pkg.autoload as Autoload) : {};
    packages.push({ name: pkg.name, version: pkg.version, type, path, autoload });
  }
  packages.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { packages, source, problems };
}

/** Input the indexer cannot work with at all (no package list, unreadable JSON): a clear message naming the file. */
export class IndexInputError extends MageupError {
  override name = 'IndexInputError';
}

function readJson(path: string, label: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new IndexInputError(`${path}: cannot be read (${(error as Error).message})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new IndexInputError(`${path}: ${label} is not valid JSON (${(error as Error).message})`);
  }
}

/**
 * The Magento release a tree installs, from its metapackage (`magento/product-*-edition`) or `magento/magento2-base`.
 * Read from the same entries, including metapackages which readInstalledPackages leaves out.
 */
export function detectMagentoRelease(root: string): { version: string; edition: string } | undefined {
  for (const file of ['vendor/composer/installed.json', 'composer.lock']) {
    const path = join(root, file);
    if (!existsSync(path)) continue;
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      return undefined;
    }
    const list = (Array.isArray(json) ? json : ((json as { packages?: unknown[] })?.packages ?? [])) as {
      name?: string;
      version?: string;
    }[];
    const edition = list.find((p) => /^magento\/product-[a-z-]+-edition$/.test(p.name ?? ''));
    if (edition?.version) return { version: edition.version, edition: edition.name! };
    const base = list.find((p) => p.name === 'magento/magento2-base' || p.name === 'magento/magento2-ee-base');
    if (base?.version) return { version: base.version, edition: base.name! };
    return undefined;
  }
  return undefined;
}
