import { MageupError } from '../core/errors.js';
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The directory to analyse and what it is. */
export interface DetectedRoot {
  root: string;
  kind: 'project' | 'extension';
  /** Why it was recognised, for messages: `app/etc/di.xml`, `composer.json requires magento/product-…`. */
  evidence: string;
}

/** The path is not a Magento project or extension: nothing useful can be said about it. */
export class NotMagentoProjectError extends MageupError {
  override name = 'NotMagentoProjectError';
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`${path} is not a Magento project or extension: ${reason}`);
  }
}

/**
 * The path (or a file that would tell what it is) cannot be read by this user: that is not "not a Magento project",
 * and the message says so.
 */
export class ProjectUnreadableError extends NotMagentoProjectError {
  override name = 'ProjectUnreadableError';
  constructor(path: string, unreadable: string, code: string) {
    super(path, '');
    this.message =
      `${unreadable} cannot be read: permission denied (${code}). ` +
      `Run mageup as a user who can read the project, or make it readable (e.g. chmod -R u+rX, or chown).`;
  }
}

const PRODUCT_REQUIREMENTS = [
  'magento/product-community-edition',
  'magento/product-enterprise-edition',
  'mage-os/product-community-edition',
  'magento/magento2-base',
  'magento/magento2-ee-base',
  // Adobe Commerce Cloud's project template requires the cloud metapackage, which brings the enterprise product.
  'magento/magento-cloud-metapackage',
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
  } catch (error) {
    const code = errorCode(error);
    if (code === 'EACCES' || code === 'EPERM') throw new ProjectUnreadableError(start, start, code);
    throw new NotMagentoProjectError(
      start,
      code === 'ENOTDIR' ? 'a parent of the path is a file' : 'the path does not exist',
    );
  }
  const first = stats.isDirectory() ? start : dirname(start);
  const denied = new Denied();
  denied.check(first, constants.R_OK | constants.X_OK);
  denied.throwIfAny(start);
  const ownProject = projectEvidence(first, denied);
  if (ownProject) return { root: first, kind: 'project', evidence: ownProject };
  const ownExtension = extensionEvidence(first, denied);
  if (ownExtension) return { root: first, kind: 'extension', evidence: ownExtension };
  // A parent that cannot be read is just not the project: only the path's own files decide "permission denied".
  const parents = new Denied();
  for (let dir = dirname(first); dir !== dirname(dir); dir = dirname(dir)) {
    const evidence = projectEvidence(dir, parents);
    if (evidence) return { root: dir, kind: 'project', evidence };
  }
  // Nothing recognised, and some place that could have told could not be read: say that, not "not Magento".
  denied.throwIfAny(start);
  throw new NotMagentoProjectError(
    first,
    'found no app/etc/di.xml, no composer.json requiring a Magento product package (magento/product-community-edition, ' +
      'magento/product-enterprise-edition, mage-os/product-community-edition, magento/magento-cloud-metapackage), and no extension (registration.php with ' +
      'etc/module.xml, or a composer.json of type magento2-module/magento2-theme) here or in any parent directory',
  );
}

/** The first path that exists but this user may not read, met while looking for evidence. */
class Denied {
  first: { path: string; code: string } | undefined;

  /** True when `path` exists and is accessible; records a permission failure (missing is not a failure). */
  check(path: string, mode: number = constants.R_OK): boolean {
    try {
      accessSync(path, mode);
      return true;
    } catch (error) {
      const code = errorCode(error);
      if ((code === 'EACCES' || code === 'EPERM') && !this.first) this.first = { path, code };
      return false;
    }
  }

  throwIfAny(start: string): void {
    if (this.first) throw new ProjectUnreadableError(start, this.first.path, this.first.code);
  }
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code ?? 'unknown';
}

function projectEvidence(dir: string, denied: Denied): string | undefined {
  if (denied.check(join(dir, 'app/etc/di.xml'))) return 'app/etc/di.xml';
  const composer = readJsonQuietly(join(dir, 'composer.json'), denied);
  const require = { ...recordOf(composer?.require), ...recordOf(composer?.['require-dev']) };
  const product = PRODUCT_REQUIREMENTS.find((name) => name in require);
  if (product && !EXTENSION_TYPES.has(String(composer?.type))) return `composer.json requires ${product}`;
  if (composer?.name === 'magento/magento2ce' || composer?.name === 'magento/magento2ee') return 'composer.json';
  return undefined;
}

function extensionEvidence(dir: string, denied: Denied): string | undefined {
  const composer = readJsonQuietly(join(dir, 'composer.json'), denied);
  if (composer && EXTENSION_TYPES.has(String(composer.type))) return `composer.json of type ${String(composer.type)}`;
  if (denied.check(join(dir, 'registration.php'))) {
    if (denied.check(join(dir, 'etc/module.xml'))) return 'registration.php and etc/module.xml';
    if (denied.check(join(dir, 'theme.xml'))) return 'registration.php and theme.xml';
    if (denied.check(join(dir, 'language.xml'))) return 'registration.php and language.xml';
  }
  return undefined;
}

/** Detection must not fail on a broken composer.json: the loader reports it properly later. */
function readJsonQuietly(file: string, denied: Denied): Record<string, unknown> | undefined {
  if (!denied.check(file)) return undefined;
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
