import { request } from 'undici';
import { RepositoryError } from './errors.js';
import { version } from '../version.js';

export interface HttpBasicCredentials {
  username: string;
  password: string;
}

export interface HttpOptions {
  credentials?: HttpBasicCredentials;
  timeoutMs?: number;
  method?: 'GET' | 'POST';
  /** Form fields for a POST (`application/x-www-form-urlencoded`); repeated keys allowed. */
  form?: Array<[string, string]>;
}

const MAX_REDIRECTS = 3;

/**
 * Fetches a URL and parses its JSON body. Errors name the URL without credentials and never echo the response body
 * (an error page could reflect the Authorization header). Credentials are dropped on a redirect to another host.
 */
export async function fetchJson(url: string, opts: HttpOptions = {}): Promise<unknown> {
  let current = new URL(url);
  const originHost = current.host;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': `mageup/${version} (+https://github.com/mageup)`,
    };
    if (opts.credentials && current.host === originHost) {
      const token = Buffer.from(`${opts.credentials.username}:${opts.credentials.password}`).toString('base64');
      headers.authorization = `Basic ${token}`;
    }
    let body: string | undefined;
    if (opts.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(opts.form).toString();
    }
    let response: Awaited<ReturnType<typeof request>>;
    try {
      response = await request(current, {
        method: opts.method ?? (body ? 'POST' : 'GET'),
        headers,
        body,
        headersTimeout: opts.timeoutMs ?? 30_000,
        bodyTimeout: opts.timeoutMs ?? 30_000,
      });
    } catch (error) {
      throw new RepositoryError(safeUrl(current), `request failed: ${(error as Error).message}`);
    }
    const status = response.statusCode;
    if (status >= 300 && status < 400 && response.headers.location) {
      await response.body.dump();
      current = new URL(String(response.headers.location), current);
      continue;
    }
    if (status === 401 || status === 403) {
      await response.body.dump();
      throw new RepositoryError(
        safeUrl(current),
        opts.credentials
          ? `authentication failed (HTTP ${status}): check the http-basic credentials for ${originHost} in auth.json`
          : `authentication required (HTTP ${status}): pass --auth auth.json with http-basic credentials for ${originHost}`,
        status,
      );
    }
    if (status === 404) {
      await response.body.dump();
      throw new RepositoryError(safeUrl(current), 'not found (HTTP 404)', status);
    }
    if (status < 200 || status >= 300) {
      await response.body.dump();
      throw new RepositoryError(safeUrl(current), `unexpected HTTP status ${status}`, status);
    }
    const text = await response.body.text();
    try {
      return JSON.parse(text);
    } catch {
      throw new RepositoryError(safeUrl(current), `the response is not valid JSON (${text.length} bytes)`, status);
    }
  }
  throw new RepositoryError(safeUrl(current), `more than ${MAX_REDIRECTS} redirects`);
}

/** A URL fit to print: no `user:password@`, no query string (tokens travel there sometimes). */
export function safeUrl(url: string | URL): string {
  try {
    const u = new URL(String(url));
    u.username = '';
    u.password = '';
    u.search = '';
    return u.toString();
  } catch {
    return '<invalid URL>';
  }
}
