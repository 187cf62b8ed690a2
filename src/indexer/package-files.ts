import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Autoload } from './installed-packages.js';

/**
 * Which files of a package the index reads. Works on relative paths so the same selection serves an installed tree
 * (walked from disk) and a package read straight from git objects (the shipped-data build).
 */
export interface PackageFileSelection {
  /** PHP files whose declarations are indexed. */
  php: string[];
  /** Overridable non-PHP files (templates, layouts, web assets, email templates, etc/*.xml) whose content is hashed. */
  overridable: string[];
}

/** Magento's unit tests and magento2-base's dev/tests are not API: nothing extends them, and they are a large share of the code. */
const SKIPPED_DIRS = /(^|\/)(Test\/Unit|node_modules|\.git)(\/|$)|^dev\/tests\//;

const OVERRIDABLE =
  /(^|\/)(view\/[^/]+\/(templates\/.+\.phtml|layout\/.+\.xml|page_layout\/.+\.xml|ui_component\/.+\.xml|email\/.+\.html|web\/.+\.(js|html|less|css)|requirejs-config\.js)|etc\/.+\.xml)$/;

export function selectPackageFiles(paths: string[], autoload: Autoload, packageType: string): PackageFileSelection {
  const roots = autoloadRoots(autoload);
  const excluded = (autoload['exclude-from-classmap'] ?? []).map(excludePattern);
  const php: string[] = [];
  const overridable: string[] = [];
  const magentoComponent = packageType.startsWith('magento2-');
  for (const path of paths) {
    if (SKIPPED_DIRS.test(path)) continue;
    if (path.endsWith('.php')) {
      if (
        roots &&
        !roots.some((root) => root === '' || path === root || path.startsWith(root.endsWith('/') ? root : `${root}/`))
      ) {
        continue;
      }
      if (excluded.some((pattern) => pattern.test(`/${path}`))) continue;
      php.push(path);
    } else if (magentoComponent && OVERRIDABLE.test(path)) {
      overridable.push(path);
    }
  }
  return { php: php.sort(), overridable: overridable.sort() };
}

/** Directories and files named by the autoload section, normalised (`./src/` → `src`); undefined = whole package. */
function autoloadRoots(autoload: Autoload): string[] | undefined {
  const roots: string[] = [];
  for (const kind of ['psr-4', 'psr-0'] as const) {
    for (const value of Object.values(autoload[kind] ?? {})) roots.push(...(Array.isArray(value) ? value : [value]));
  }
  roots.push(...(autoload.classmap ?? []), ...(autoload.files ?? []));
  if (roots.length === 0) return undefined;
  return [
    ...new Set(roots.map((r) => r.replace(/^\.\//, '').replace(/^\/+/, '').replace(/\/+$/, '').replace(/^\.$/, ''))),
  ];
}

/** Composer's exclude-from-classmap patterns (`/Tests/`, `**\/Tests/`) as a regular expression on `/relative/path`. */
function excludePattern(pattern: string): RegExp {
  const body = pattern
    .replace(/^\*\*\//, '/')
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*\*/g, '.*')
    .replace(/\*/g, '[^/]*');
  return new RegExp(body.startsWith('/') ? body : `/${body}`);
}

/** Every file under a directory, as sorted forward-slash paths relative to it (symlinked directories not followed). */
export function listFilesRecursive(dir: string): string[] {
  const out: string[] = [];
  const walk = (abs: string, rel: string): void => {
    let entries;
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name === 'node_modules' || entry.name === '.git') continue;
        walk(join(abs, entry.name), childRel);
      } else if (entry.isFile()) {
        out.push(childRel);
      }
    }
  };
  walk(dir, '');
  return out.sort();
}
