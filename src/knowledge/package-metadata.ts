// `mageup check --online`: reads the release lists of the project's third-party packages from the Composer
// repositories the project uses (its composer.json `repositories` of type composer, repo.magento.com among them,
// with its auth.json) and from Packagist, and caches them in the user cache for offline runs. Credentials go in the
// Authorization header only and never into output, errors or the cache.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ComposerRepository, credentialsFor, type ComposerPackageVersion } from './composer-repository.js';
import { RepositoryError } from './errors.js';
import { writeCachedReleases, type PackageRelease } from './extension-releases.js';

export const PACKAGIST_URL = 'https://repo.packagist.org/';

export interface MetadataRefreshResult {
  /** Package → repository (printable URL) that served it. */
  found: Record<string, string>;
  /** Packages no repository had. */
  missing: string[];
  /** One line per repository that failed (URL without credentials and the reason). */
  errors: string[];
}

/** The Composer repository URLs a root composer.json declares (type composer, not disabled), then Packagist. */
export function projectRepositories(repositories: unknown): string[] {
  const list = Array.isArray(repositories)
    ? repositories
    : repositories && typeof repositories === 'object'
      ? Object.values(repositories)
      : [];
  const urls: string[] = [];
  let packagist = true;
  for (const entry of list) {
    if (!entry || typeof entry !== 'object') continue;
    const repo = entry as Record<string, unknown>;
    if (repo.packagist === false || repo['packagist.org'] === false) packagist = false;
    if (repo.type === 'composer' && typeof repo.url === 'string' && /^https?:\/\//.test(repo.url)) urls.push(repo.url);
  }
  if (packagist) urls.push(PACKAGIST_URL);
  return [...new Set(urls)];
}

/**
 * Fetches every package from the first repository that has it (Composer's order: the project's repositories, then
 * Packagist) and caches the release list. Never throws for a repository that fails: it is listed in `errors`.
 */
export async function refreshPackageMetadata(opts: {
  names: string[];
  repositories: string[];
  cacheDir: string;
  /** The project root, whose auth.json holds repository credentials (else COMPOSER_AUTH). */
  root?: string;
  now: Date;
  timeoutMs?: number;
}): Promise<MetadataRefreshResult> {
  const result: MetadataRefreshResult = { found: {}, missing: [], errors: [] };
  const authFile = opts.root && existsSync(join(opts.root, 'auth.json')) ? join(opts.root, 'auth.json') : undefined;
  const clients: ComposerRepository[] = [];
  for (const url of opts.repositories) {
    try {
      clients.push(
        new ComposerRepository({
          url,
          credentials: credentialsFor(url, authFile),
          timeoutMs: opts.timeoutMs ?? 15_000,
        }),
      );
    } catch (error) {
      result.errors.push(`${url}: ${(error as Error).message}`);
    }
  }
  const broken = new Set<ComposerRepository>();
  await Promise.all(
    opts.names.map(async (name) => {
      for (const client of clients) {
        if (broken.has(client)) continue;
        try {
          const versions = await client.packageVersions(name);
          writeCachedReleases(opts.cacheDir, name, client.displayUrl, versions.map(toRelease), opts.now);
          result.found[name] = client.displayUrl;
          return;
        } catch (error) {
          // A 404 means this repository does not have the package: ask the next one.
          if (error instanceof RepositoryError && error.status === 404) continue;
          if (!broken.has(client)) result.errors.push((error as Error).message);
          broken.add(client);
        }
      }
      result.missing.push(name);
    }),
  );
  result.missing.sort();
  return result;
}

function toRelease(v: ComposerPackageVersion): PackageRelease {
  const require: Record<string, string> = {};
  for (const [k, c] of Object.entries(v.require ?? {})) if (typeof c === 'string') require[k.toLowerCase()] = c;
  return { version: v.version, require, ...(typeof v.time === 'string' ? { time: v.time } : {}) };
}
