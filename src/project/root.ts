import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The directory to analyse and what it is. */
export interface DetectedRoot {
  root: string;
  kind: 'project' | 'extension';
  /** Why it was recognised, for messages: `app/etc/di.xml`, `composer.json requires magento/product-…`. */
  evidence: string;
}

/** The path is not a Magento project or extension: nothing useful can be said about it. */
export class NotMagentoProjectError extends Error {
  override name = 'NotMagentoProjectError';
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`${path} is not a Magento project or extension: ${reason}`);
  }
}

const PRODUCT_REQUIREMENTS = [
  'magento/product-community-edition',
  'magento/product-enterprise-edition',
  'mage-os/product-community-edition',
  'magento/magento2-base',
  'magento/magento2-ee-base',
];

const EXTENSION_TYPES = new Set([
  'magento2-module',
  'magento2-theme',
  'magento2-language',
  'magento2-library',
  'magento2-component',
  'magento-module',
]);

/**
 * Finds what to analyse from a path: the path itself when it is a Magento root or one extension/module directory;
 * otherwise the nearest parent that is a Magento root (running from `app/code/Vendor` or `pub/` works).
 */
export function detectRoot(path: string): DetectedRoot {
  const start = resolve(path);
  let stats;
  try {
    stats = statSync(start);
  } catch {
    throw new NotMagentoProjectError(start, 'the path does not exist');
  }
  const first = stats.isDirectory() ? start : dirname(start);
  const ownProject = projectEvidence(first);
  if (ownProject) return { root: first, kind: 'project', evidence: ownProject };
  const ownExtension = extensionEvidence(first);
  if (ownExtension) return { root: first, kind: 'extension', evidence: ownExtension };
  for (let dir = dirname(first); dir !== dirname(dir); dir = dirname(dir)) {
    const evidence = projectEvidence(dir);
    if (evidence) return { root: dir, kind: 'project', evidence };
  }
  throw new NotMagentoProjectError(
    first,
    'found no app/etc/di.xml, no composer.json requiring a Magento product package (magento/product-community-edition, ' +
      'magento/product-enterprise-edition, mage-os/product-community-edition), and no extension (registration.php with ' +
      'etc/module.xml, or a composer.json of type magento2-module/magento2-theme) here or in any parent directory',
  );
}

function projectEvidence(dir: string): string | undefined {
  if (existsSync(join(dir, 'app/etc/di.xml'))) return 'app/etc/di.xml';
  const composer = readJsonQuietly(join(dir, 'composer.json'));
  const require = { ...recordOf(composer?.require), ...recordOf(composer?.['require-dev']) };
  const product = PRODUCT_REQUIREMENTS.find((name) => name in require);
  if (product && !EXTENSION_TYPES.has(String(composer?.type))) return `composer.json requires ${product}`;
  if (composer?.name === 'magento/magento2ce' || composer?.name === 'magento/magento2ee') return 'composer.json';
  return undefined;
}

function extensionEvidence(dir: string): string | undefined {
  const composer = readJsonQuietly(join(dir, 'composer.json'));
  if (composer && EXTENSION_TYPES.has(String(composer.type))) return `composer.json of type ${String(composer.type)}`;
  if (existsSync(join(dir, 'registration.php'))) {
    if (existsSync(join(dir, 'etc/module.xml'))) return 'registration.php and etc/module.xml';
    if (existsSync(join(dir, 'theme.xml'))) return 'registration.php and theme.xml';
    if (existsSync(join(dir, 'language.xml'))) return 'registration.php and language.xml';
  }
  return undefined;
}

/** Detection must not fail on a broken composer.json: the loader reports it properly later. */
function readJsonQuietly(file: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function recordOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
