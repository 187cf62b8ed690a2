import { existsSync, readFileSync } from 'node:fs';
import { KnowledgeDataError, RepositoryError } from './errors.js';
import { fetchJson, safeUrl, type HttpBasicCredentials } from './http.js';

export type { HttpBasicCredentials } from './http.js';

/** One version of a package as a Composer v2 repository describes it (after expanding the minified format). */
export interface ComposerPackageVersion {
  name: string;
  version: string;
  version_normalized?: string;
  time?: string;
  type?: string;
  require?: Record<string, string>;
  [key: string]: unknown;
}

export interface ComposerRepositoryOptions {
  /** Repository base URL, e.g. `https://repo.magento.com/` or a Mage-OS mirror. */
  url: string;
  credentials?: HttpBasicCredentials;
  timeoutMs?: number;
}

/**
 * A read-only client of a Composer v2 repository: `packages.json` → `metadata-url` → `/p2/<vendor>/<name>.json`.
 * Credentials go in the Authorization header only and never appear in errors or output.
 */
export class ComposerRepository {
  readonly url: string;
  private readonly credentials: HttpBasicCredentials | undefined;
  private readonly timeoutMs: number | undefined;
  private metadataUrl: string | undefined;

  constructor(opts: ComposerRepositoryOptions) {
    const parsed = new URL(opts.url.endsWith('/') ? opts.url : `${opts.url}/`);
    // `https://user:pass@host/` works like Composer: move the user info into credentials.
    let credentials = opts.credentials;
    if (!credentials && parsed.username) {
      credentials = { username: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) };
    }
    parsed.username = '';
    parsed.password = '';
    this.url = parsed.toString();
    this.credentials = credentials;
    this.timeoutMs = opts.timeoutMs;
  }

  /** The repository URL, fit to print. */
  get displayUrl(): string {
    return safeUrl(this.url);
  }

  /** Every version of a package (stable and pre-release tags; dev branches live in a separate file and are skipped). */
  async packageVersions(packageName: string): Promise<ComposerPackageVersion[]> {
    const template = await this.resolveMetadataUrl();
    const url = new URL(template.replace('%package%', packageName.toLowerCase()), this.url).toString();
    const doc = (await fetchJson(url, this.httpOptions())) as { packages?: Record<string, unknown>; minified?: string };
    const list = doc?.packages?.[packageName.toLowerCase()] ?? doc?.packages?.[packageName];
    if (!Array.isArray(list)) {
      throw new RepositoryError(safeUrl(url), `no "packages.${packageName}" list in the response`);
    }
    const versions = doc.minified === 'composer/2.0' ? expandMinified(list) : (list as ComposerPackageVersion[]);
    return versions.filter(
      (v): v is ComposerPackageVersion => typeof v === 'object' && v !== null && typeof v.version === 'string',
    );
  }

  private async resolveMetadataUrl(): Promise<string> {
    if (this.metadataUrl) return this.metadataUrl;
    const url = new URL('packages.json', this.url).toString();
    const doc = (await fetchJson(url, this.httpOptions())) as { 'metadata-url'?: unknown } | null;
    const template = doc?.['metadata-url'];
    if (typeof template !== 'string' || !template.includes('%package%')) {
      throw new RepositoryError(safeUrl(url), 'not a Composer v2 repository (packages.json has no "metadata-url")');
    }
    this.metadataUrl = template;
    return template;
  }

  private httpOptions() {
    return { credentials: this.credentials, timeoutMs: this.timeoutMs };
  }
}

/**
 * Composer's MetadataMinifier::expand: each entry holds only what changed from the previous one; `"__unset"` removes
 * a key. The first entry is complete.
 */
export function expandMinified(entries: unknown[]): ComposerPackageVersion[] {
  const out: ComposerPackageVersion[] = [];
  let previous: Record<string, unknown> | undefined;
  for (const entry of entries) {
    if (typeof entry !== 'object' || entry === null) continue;
    const next: Record<string, unknown> = previous ? { ...previous } : {};
    for (const [key, value] of Object.entries(entry)) {
      if (value === '__unset') delete next[key];
      else next[key] = value;
    }
    out.push(next as ComposerPackageVersion);
    previous = next;
  }
  return out;
}

/**
 * The http-basic credentials for a repository host from a Composer `auth.json` file, or from the `COMPOSER_AUTH`
 * environment variable (same JSON) when no file is given. Errors name the file, never its content.
 */
export function credentialsFor(
  repositoryUrl: string,
  authFile?: string,
  env: NodeJS.ProcessEnv = process.env,
): HttpBasicCredentials | undefined {
  const host = new URL(repositoryUrl).hostname;
  let doc: unknown;
  if (authFile) {
    if (!existsSync(authFile)) throw new KnowledgeDataError(authFile, 'auth file not found');
    try {
      doc = JSON.parse(readFileSync(authFile, 'utf8'));
    } catch {
      throw new KnowledgeDataError(authFile, 'auth file is not valid JSON');
    }
  } else if (env.COMPOSER_AUTH) {
    try {
      doc = JSON.parse(env.COMPOSER_AUTH);
    } catch {
      throw new KnowledgeDataError('COMPOSER_AUTH', 'environment variable is not valid JSON');
    }
  } else {
    return undefined;
  }
  const entry = (doc as { 'http-basic'?: Record<string, unknown> } | null)?.['http-basic']?.[host];
  if (entry === undefined) return undefined;
  const { username, password } = entry as { username?: unknown; password?: unknown };
  if (typeof username !== 'string' || typeof password !== 'string') {
    throw new KnowledgeDataError(
      authFile ?? 'COMPOSER_AUTH',
      `http-basic entry for ${host} needs "username" and "password"`,
    );
  }
  return { username, password };
}
