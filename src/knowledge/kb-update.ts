import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { MageupError } from '../core/errors.js';
import { APSB_PACKAGES } from './advisory-data.js';
import { userCacheDir } from './cache-dir.js';
import { loadReleaseCatalog, loadReleaseData } from './catalog.js';
import { ComposerRepository, credentialsFor } from './composer-repository.js';
import { refreshOnlineAdvisories } from './packagist-advisories.js';
import { loadPatchLevels } from './patch-levels.js';
import { updateReleaseMetadata, type ReleaseUpdateSummary } from './release-update.js';
import type { Release } from './types.js';

/** Public mirror of the Magento Open Source packages: needs no credentials. */
export const DEFAULT_REPOSITORY = 'https://mirror.mage-os.org/';

export interface KbUpdateRequest {
  /** Composer v2 repository (default DEFAULT_REPOSITORY). */
  repo?: string;
  /** Composer auth.json; default: Composer's own places (the current directory, COMPOSER_HOME, ~/.config/composer). */
  auth?: string;
  /** Where to write (default: the user cache directory). */
  cacheDir?: string;
  /** Also refresh security advisories from the Packagist API at `packagist`. */
  online?: boolean;
  packagist?: string;
  timeoutMs: number;
  now?: Date;
}

export interface KbUpdateResult {
  releases: ReleaseUpdateSummary;
  advisories: { file: string; packages: number; advisories: number } | null;
  patchLevels: { known: string; newer: string[]; message: string };
}

/** The repository cannot be reached at all: the machine is offline; the message says which knowledge is used. */
export class KnowledgeOfflineError extends MageupError {
  override name = 'KnowledgeOfflineError';
}

/**
 * `mageup kb update`: refreshes release metadata (and advisories when `online`) into the user cache directory, and
 * says whether patch batches newer than the shipped patch levels were published.
 */
export async function updateKnowledgeBase(request: KbUpdateRequest): Promise<KbUpdateResult> {
  const repoUrl = request.repo ?? DEFAULT_REPOSITORY;
  const cacheDir = userCacheDir(request.cacheDir);
  const credentials = credentialsFor(repoUrl, request.auth ?? defaultAuthFile());
  const repository = new ComposerRepository({ url: repoUrl, credentials, timeoutMs: request.timeoutMs });
  const now = request.now ?? new Date();
  const shipped = loadReleaseCatalog({ cacheDir: false }).all();
  let releases;
  try {
    releases = await updateReleaseMetadata({ repository, cacheDir, now, shipped });
  } catch (error) {
    if (!isOffline(error)) throw error;
    throw new KnowledgeOfflineError(`no network: using the knowledge shipped on ${shippedOn()}`);
  }
  const patchLevels = await newerPatchReleases(now, request.timeoutMs);
  const advisories = request.online
    ? await refreshOnlineAdvisories({
        packages: advisoryPackages(loadReleaseCatalog({ cacheDir })),
        cacheDir,
        now,
        baseUrl: request.packagist,
        timeoutMs: request.timeoutMs,
      })
    : null;
  return { releases, advisories, patchLevels };
}

/** Composer's own places for auth.json: the project directory, then COMPOSER_HOME. COMPOSER_AUTH is read later. */
function defaultAuthFile(): string | undefined {
  if (process.env.COMPOSER_AUTH) return undefined;
  const home = process.env.COMPOSER_HOME;
  const candidates = [
    join(process.cwd(), 'auth.json'),
    ...(home ? [join(home, 'auth.json')] : []),
    join(homedir(), '.config', 'composer', 'auth.json'),
    join(homedir(), '.composer', 'auth.json'),
  ];
  return candidates.find((file) => existsSync(file));
}

/** Every package a Magento release installs or constrains (newest release of each line), plus the APSB packages. */
function advisoryPackages(catalog: ReturnType<typeof loadReleaseCatalog>): string[] {
  const names = new Set<string>(APSB_PACKAGES);
  const newestPerMinor = new Map<string, Release>();
  for (const r of catalog.all()) if (r.packagesKnown && r.type !== 'beta') newestPerMinor.set(r.minor, r);
  for (const r of newestPerMinor.values()) {
    for (const name of [...Object.keys(r.packages), ...Object.keys(r.thirdParty)]) {
      if (name.includes('/')) names.add(name);
    }
  }
  return [...names].sort();
}

/** DNS, refused or unreachable: the machine is offline (or the repository host is unreachable), not a bad answer. */
function isOffline(error: unknown): boolean {
  return /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ENETUNREACH|EHOSTUNREACH|ECONNRESET|ETIMEDOUT|getaddrinfo|fetch failed|timeout/i.test(
    String((error as Error)?.message ?? error),
  );
}

/** The date of the shipped knowledge: the release data's and the patch levels'. */
function shippedOn(): string {
  const dates: string[] = [];
  try {
    dates.push(loadReleaseData().generated.slice(0, 10));
  } catch {
    // shipped data unreadable: kb status says why
  }
  try {
    dates.push(`patch levels ${loadPatchLevels().asOf}`);
  } catch {
    // idem
  }
  return dates.join(', ') || 'an unknown date';
}

/**
 * Isolated patch files are not Composer releases of Magento, so the release metadata cannot show them. The public
 * patch metapackage (samjuk/m2-meta-security-patches) publishes a version for each batch of Adobe's patch files:
 * a version newer than the shipped patch levels means patches MageUp does not know yet.
 */
async function newerPatchReleases(
  now: Date,
  timeoutMs: number,
): Promise<{ known: string; newer: string[]; message: string }> {
  const data = loadPatchLevels();
  const known =
    (data.metaPackages['samjuk/m2-meta-security-patches'] ?? [])
      .map((r) => r.version)
      .sort()
      .pop() ?? '';
  try {
    const repo = new ComposerRepository({ url: 'https://repo.packagist.org/', timeoutMs });
    const versions = (await repo.packageVersions('samjuk/m2-meta-security-patches')).map((v) =>
      v.version.replace(/^v/, ''),
    );
    const newer = versions.filter((v) => /^\d{4}\.\d{2}\.\d{2}$/.test(v) && v > known).sort();
    return {
      known,
      newer,
      message: newer.length
        ? `Patch levels: shipped knowledge ends at ${known} (as of ${data.asOf}); newer patch batches published: ${newer.join(', ')} — update mageup for their bulletins and files.`
        : `Patch levels: no patch batch newer than ${known} published (checked ${now.toISOString().slice(0, 10)}).`,
    };
  } catch (error) {
    return {
      known,
      newer: [],
      message: isOffline(error)
        ? `Patch levels: no network: using the patch levels shipped on ${data.asOf}.`
        : `Patch levels: could not check for newer patch batches (${(error as Error).message}).`,
    };
  }
}
