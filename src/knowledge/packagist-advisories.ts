import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { StoredAdvisory } from './advisory-data.js';
import { RepositoryError } from './errors.js';
import { fetchJson, safeUrl } from './http.js';
import { readChecksummedJson, writeChecksummedJson } from './integrity.js';

/**
 * Live advisories from the Packagist security-advisories API (what `composer audit` reads):
 * `POST /api/security-advisories/` with `packages[]=vendor/name` form fields answers
 * `{"advisories": {"vendor/name": [{advisoryId, packageName, remoteId, title, link, cve, affectedVersions, source,
 * reportedAt, composerRepository, severity, sources: [{name, remoteId}]}]}}`.
 */
export const PACKAGIST_URL = 'https://packagist.org';
export const ONLINE_ADVISORY_SCHEMA = 1;
export const ONLINE_ADVISORY_FILE = 'advisories-online.json.gz';
/** Packages per request: keeps the form body small, as Composer does. */
const BATCH = 100;

export interface PackagistAdvisory {
  advisoryId: string;
  packageName: string;
  remoteId?: string | null;
  title: string;
  link?: string | null;
  cve?: string | null;
  affectedVersions: string;
  source?: string | null;
  reportedAt?: string | null;
  composerRepository?: string | null;
  severity?: string | null;
  sources?: Array<{ name: string; remoteId: string }>;
}

export interface OnlineAdvisoryFile {
  schema: typeof ONLINE_ADVISORY_SCHEMA;
  fetchedAt: string;
  api: string;
  packages: string[];
  advisories: StoredAdvisory[];
}

/** Fetches the advisories of the given packages (lower-cased, deduplicated, sorted; batched POSTs). */
export async function fetchPackagistAdvisories(
  packages: string[],
  opts: { baseUrl?: string; timeoutMs?: number; updatedSince?: number } = {},
): Promise<StoredAdvisory[]> {
  const names = [
    ...new Set(packages.map((p) => p.toLowerCase()).filter((p) => /^[a-z0-9_.-]+\/[a-z0-9_.-]+$/.test(p))),
  ].sort();
  const url = apiUrl(opts.baseUrl);
  const out: StoredAdvisory[] = [];
  for (let i = 0; i < names.length; i += BATCH) {
    const form: Array<[string, string]> = names.slice(i, i + BATCH).map((name) => ['packages[]', name]);
    if (opts.updatedSince !== undefined) form.push(['updatedSince', String(opts.updatedSince)]);
    const doc = await fetchJson(url, { method: 'POST', form, timeoutMs: opts.timeoutMs });
    out.push(...parsePackagistResponse(doc, url));
  }
  return out.sort((a, b) => (a.package === b.package ? a.id.localeCompare(b.id) : a.package.localeCompare(b.package)));
}

/** Validates and converts one API response; a malformed entry makes the whole response an error (never half-read). */
export function parsePackagistResponse(doc: unknown, url: string): StoredAdvisory[] {
  const advisories = (doc as { advisories?: unknown } | null)?.advisories;
  // The API answers `[]` instead of `{}` when nothing matched (PHP's empty array).
  if (Array.isArray(advisories) && advisories.length === 0) return [];
  if (typeof advisories !== 'object' || advisories === null || Array.isArray(advisories)) {
    throw new RepositoryError(safeUrl(url), 'unexpected response: no "advisories" object');
  }
  const out: StoredAdvisory[] = [];
  for (const [pkg, list] of Object.entries(advisories as Record<string, unknown>)) {
    if (!Array.isArray(list))
      throw new RepositoryError(safeUrl(url), `unexpected response: "advisories.${pkg}" is not a list`);
    for (const raw of list) {
      const a = raw as Partial<PackagistAdvisory>;
      if (typeof a?.advisoryId !== 'string' || typeof a.affectedVersions !== 'string') {
        throw new RepositoryError(
          safeUrl(url),
          `unexpected response: an advisory of ${pkg} lacks advisoryId or affectedVersions`,
        );
      }
      out.push(toStoredAdvisory(a as PackagistAdvisory, pkg));
    }
  }
  return out;
}

function toStoredAdvisory(a: PackagistAdvisory, pkg: string): StoredAdvisory {
  const severity = (a.severity ?? '').toLowerCase();
  const stored: StoredAdvisory = {
    id: a.advisoryId,
    package: (a.packageName || pkg).toLowerCase(),
    title: a.title || a.advisoryId,
    // Packagist writes Composer's single-pipe OR; normalise to `||` like the offline snapshot.
    affected: a.affectedVersions
      .split(/\s*\|\|?\s*/)
      .map((part) => part.trim())
      .filter(Boolean)
      .join(' || '),
    source: 'packagist',
  };
  if (a.cve) stored.cve = a.cve;
  if (a.link) stored.link = a.link;
  if (severity === 'critical' || severity === 'high' || severity === 'medium' || severity === 'low')
    stored.severity = severity;
  if (a.reportedAt) stored.date = a.reportedAt.slice(0, 10);
  return stored;
}

/** Fetches and stores online advisories in the cache directory, where loadAdvisories picks them up. */
export async function refreshOnlineAdvisories(opts: {
  packages: string[];
  cacheDir: string;
  now: Date;
  baseUrl?: string;
  timeoutMs?: number;
}): Promise<{ file: string; packages: number; advisories: number }> {
  const advisories = await fetchPackagistAdvisories(opts.packages, {
    baseUrl: opts.baseUrl,
    timeoutMs: opts.timeoutMs,
  });
  mkdirSync(opts.cacheDir, { recursive: true });
  const file = join(opts.cacheDir, ONLINE_ADVISORY_FILE);
  const document: OnlineAdvisoryFile = {
    schema: ONLINE_ADVISORY_SCHEMA,
    fetchedAt: opts.now.toISOString(),
    api: safeUrl(apiUrl(opts.baseUrl)),
    packages: [...new Set(opts.packages.map((p) => p.toLowerCase()))].sort(),
    advisories,
  };
  writeChecksummedJson(file, document);
  return { file, packages: document.packages.length, advisories: advisories.length };
}

export function readOnlineAdvisories(cacheDir: string): OnlineAdvisoryFile | undefined {
  const file = join(cacheDir, ONLINE_ADVISORY_FILE);
  if (!existsSync(file)) return undefined;
  return readChecksummedJson(file, ONLINE_ADVISORY_SCHEMA) as OnlineAdvisoryFile;
}

/** The API endpoint under a base URL (a mirror may serve it below a path prefix). */
function apiUrl(baseUrl: string = PACKAGIST_URL): string {
  return new URL('api/security-advisories/', baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).toString();
}
