import { MageupError } from '../core/errors.js';
import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import type { HttpObservation } from './types.js';

export const USER_AGENT = 'MageUp-verify/1 (+https://github.com/mageup/mageup)';
/**
 * The Accept header of a storefront page request, as browsers send it. A bare `text/html` is not harmless: Magento
 * 2.4.7's cart page (QuoteValidator builds a REST response object) answers 500 to it, which no customer ever gets.
 */
export const PAGE_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function isLocalHost(host: string): boolean {
  return LOCAL_HOSTS.has(host.toLowerCase());
}

/** A request verify refuses to make: a host the user did not give, the request budget spent, robots.txt. */
export class NetRefusal extends MageupError {
  override name = 'NetRefusal';
}

export interface NetOptions {
  /** Hosts (host[:port]) verify may contact: the user's URL, 127.0.0.1 and those given with --allow-host. */
  allowedHosts: Iterable<string>;
  /** Whole run. */
  maxRequests: number;
  timeoutMs: number;
  /** Minimum gap between two requests to a host that is not local (production courtesy). */
  remoteIntervalMs: number;
  /** Honour robots.txt (Disallow, Crawl-delay) on hosts that are not local. */
  robots: boolean;
  /** Largest body kept, bytes (the rest is counted and dropped). */
  maxBodyBytes?: number;
}

export interface NetResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** Bytes received, including what was dropped beyond maxBodyBytes. */
  bytes: number;
  ttfbMs: number;
  totalMs: number;
}

interface Robots {
  disallow: string[];
  allow: string[];
  crawlDelayMs: number;
}

/**
 * Every HTTP request of verify goes through here: only allowed hosts, a request budget, a timeout, a gap between
 * requests to remote hosts, robots.txt on remote hosts, no automatic redirects (each hop is checked too).
 */
export class Net {
  readonly allowed: Set<string>;
  private requests = 0;
  private readonly lastAt = new Map<string, number>();
  private readonly robots = new Map<string, Promise<Robots | null>>();
  private readonly firstAnswers = new Map<string, ReturnType<Net['observe']>>();
  readonly dispatcher = new Agent({ connections: 16, pipelining: 1 });

  constructor(readonly opts: NetOptions) {
    this.allowed = new Set([...opts.allowedHosts].map((h) => h.toLowerCase()));
  }

  get count(): number {
    return this.requests;
  }

  isAllowed(url: URL): boolean {
    return this.allowed.has(url.host.toLowerCase()) || this.allowed.has(url.hostname.toLowerCase());
  }

  /** One request, no redirect following. Throws NetRefusal when verify may not make it. */
  async fetch(
    raw: string,
    init: {
      method?: 'GET' | 'HEAD' | 'POST';
      headers?: Record<string, string>;
      body?: string;
      robots?: boolean;
      /** Stop reading the body after this many bytes (a probe needs the start of a file, never a whole backup). */
      stopAfter?: number;
    } = {},
  ): Promise<NetResponse> {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new NetRefusal(`not an HTTP URL: ${raw}`);
    if (!this.isAllowed(url)) throw new NetRefusal(`host ${url.host} is not allowed (give it with --allow-host)`);
    const remote = !isLocalHost(url.hostname);
    if (remote && this.opts.robots && init.robots !== false) {
      const rules = await this.robotsOf(url);
      if (rules && disallowed(rules, url.pathname + url.search))
        throw new NetRefusal(`robots.txt disallows ${url.pathname}`);
    }
    if (this.requests >= this.opts.maxRequests)
      throw new NetRefusal(`request budget of ${this.opts.maxRequests} spent (--max-requests)`);
    this.requests++;
    if (remote) await this.pace(url);
    const started = performance.now();
    const res = await request(url, {
      method: init.method ?? 'GET',
      headers: { 'user-agent': USER_AGENT, accept: '*/*', ...init.headers },
      ...(init.body !== undefined ? { body: init.body } : {}),
      dispatcher: this.dispatcher,
      headersTimeout: this.opts.timeoutMs,
      bodyTimeout: this.opts.timeoutMs,
      maxRedirections: 0,
    });
    const ttfbMs = performance.now() - started;
    const max = this.opts.maxBodyBytes ?? 4 * 1024 * 1024;
    const chunks: Buffer[] = [];
    let kept = 0;
    let bytes = 0;
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (kept < max) {
        const part = chunk.subarray(0, max - kept);
        chunks.push(part);
        kept += part.length;
      }
      if (init.stopAfter !== undefined && bytes >= init.stopAfter) break;
    }
    return {
      status: res.statusCode,
      headers: res.headers,
      body: Buffer.concat(chunks),
      bytes,
      ttfbMs,
      totalMs: performance.now() - started,
    };
  }

  /** GET following up to 5 redirects (each hop checked), as an observation: errors become `error`, never throws. */
  async observe(raw: string): Promise<HttpObservation & { body: Buffer; headers: NetResponse['headers'] }> {
    const redirects: HttpObservation['redirects'] = [];
    let url = raw;
    let ttfbMs: number | null = null;
    const started = performance.now();
    try {
      for (let hop = 0; ; hop++) {
        const res = await this.fetch(url, { headers: { accept: PAGE_ACCEPT } });
        ttfbMs ??= res.ttfbMs;
        const location = header(res.headers, 'location');
        if (res.status >= 300 && res.status < 400 && location) {
          if (hop >= 5) throw new Error(`more than 5 redirects (${redirects.map((r) => r.location).join(' → ')})`);
          const next = new URL(location, url).href;
          redirects.push({ status: res.status, location: next });
          url = next;
          continue;
        }
        return {
          url: raw,
          status: res.status,
          redirects,
          finalUrl: url,
          bytes: res.bytes,
          ttfbMs: round(ttfbMs),
          totalMs: round(performance.now() - started),
          contentType: header(res.headers, 'content-type'),
          cache: cacheEvidence(res.headers),
          body: res.body,
          headers: res.headers,
        };
      }
    } catch (error) {
      return {
        url: raw,
        status: null,
        redirects,
        finalUrl: url,
        bytes: 0,
        ttfbMs: ttfbMs === null ? null : round(ttfbMs),
        totalMs: null,
        contentType: null,
        cache: null,
        error: error instanceof Error ? error.message : String(error),
        body: Buffer.alloc(0),
        headers: {},
      };
    }
  }

  /**
   * The first answer to a GET of this URL in the run, fetched once: discovery reads the home, category and product
   * pages the smoke probe records, so each is asked for once (the smoke then records that first, colder answer).
   */
  observeOnce(raw: string): ReturnType<Net['observe']> {
    let answer = this.firstAnswers.get(raw);
    if (!answer) {
      answer = this.observe(raw);
      this.firstAnswers.set(raw, answer);
    }
    return answer;
  }

  async close(): Promise<void> {
    this.firstAnswers.clear();
    await this.dispatcher.close();
  }

  private async pace(url: URL): Promise<void> {
    const robots = this.opts.robots ? await this.robotsOf(url) : null;
    const gap = Math.max(this.opts.remoteIntervalMs, robots?.crawlDelayMs ?? 0);
    const last = this.lastAt.get(url.host) ?? 0;
    const wait = last + gap - Date.now();
    this.lastAt.set(url.host, Math.max(Date.now(), last + gap));
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }

  private robotsOf(url: URL): Promise<Robots | null> {
    let rules = this.robots.get(url.origin);
    if (!rules) {
      rules = this.fetch(`${url.origin}/robots.txt`, { robots: false })
        .then((res) => (res.status === 200 ? parseRobots(res.body.toString('utf8')) : null))
        .catch(() => null);
      this.robots.set(url.origin, rules);
    }
    return rules;
  }
}

/** The rules for `*` or for MageUp in a robots.txt (RFC 9309: longest match wins, Allow on a tie). */
export function parseRobots(text: string): Robots {
  const groups: { agents: string[]; lines: [string, string][] }[] = [];
  let current: { agents: string[]; lines: [string, string][] } | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*/, '').trim();
    const m = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1]!.toLowerCase();
    const value = m[2]!.trim();
    if (key === 'user-agent') {
      if (!current || current.lines.length > 0) groups.push((current = { agents: [], lines: [] }));
      current.agents.push(value.toLowerCase());
    } else if (current) current.lines.push([key, value]);
  }
  const ours =
    groups.find((g) => g.agents.some((a) => a.startsWith('mageup'))) ?? groups.find((g) => g.agents.includes('*'));
  const robots: Robots = { disallow: [], allow: [], crawlDelayMs: 0 };
  for (const [key, value] of ours?.lines ?? []) {
    if (key === 'disallow' && value) robots.disallow.push(value);
    else if (key === 'allow' && value) robots.allow.push(value);
    else if (key === 'crawl-delay' && Number.isFinite(Number(value)))
      robots.crawlDelayMs = Math.min(Number(value) * 1000, 10_000);
  }
  return robots;
}

export function disallowed(robots: Robots, path: string): boolean {
  const longest = (list: string[]): number =>
    Math.max(-1, ...list.filter((p) => robotsMatch(p, path)).map((p) => p.length));
  const d = longest(robots.disallow);
  return d >= 0 && d > longest(robots.allow);
}

function robotsMatch(pattern: string, path: string): boolean {
  const anchored = pattern.endsWith('$');
  const body = (anchored ? pattern.slice(0, -1) : pattern)
    .split('*')
    .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}${anchored ? '$' : ''}`).test(path);
}

export function header(headers: NetResponse['headers'], name: string): string | null {
  const v = headers[name.toLowerCase()];
  if (v === undefined) return null;
  return Array.isArray(v) ? v.join(', ') : v;
}

/** Full-page-cache evidence: Magento's debug header (developer mode), Varnish's and CDNs' headers. */
export function cacheEvidence(headers: NetResponse['headers']): string | null {
  const parts: string[] = [];
  const debug = header(headers, 'x-magento-cache-debug');
  if (debug) parts.push(`X-Magento-Cache-Debug: ${debug}`);
  const xcache = header(headers, 'x-cache');
  if (xcache) parts.push(`X-Cache: ${xcache}`);
  const varnish = header(headers, 'x-varnish');
  if (varnish) parts.push(`X-Varnish: ${varnish}`);
  const via = header(headers, 'via');
  if (via && /varnish/i.test(via)) parts.push(`Via: ${via}`);
  const age = header(headers, 'age');
  if (age) parts.push(`Age: ${age}`);
  return parts.length > 0 ? parts.join('; ') : null;
}

/** HIT, MISS or null (no evidence) from cacheEvidence(). Varnish: two ids in X-Varnish, or Age > 0, is a hit. */
export function cacheVerdict(evidence: string | null): 'HIT' | 'MISS' | null {
  if (!evidence) return null;
  if (/X-Magento-Cache-Debug: HIT|X-Cache: [^;]*HIT/i.test(evidence)) return 'HIT';
  if (/X-Varnish: \d+ \d+/.test(evidence) || /Age: [1-9]/.test(evidence)) return 'HIT';
  if (/MISS/i.test(evidence) || /X-Varnish: \d+(;|$)/.test(evidence)) return 'MISS';
  return null;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
