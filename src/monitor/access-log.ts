/**
 * Web server access logs: the NCSA combined format nginx and Apache write by default, optionally followed by a
 * request time — nginx `$request_time` (seconds with a decimal point, bare or as `rt=`/`request_time=`) or Apache
 * `%D` given as `D=` / `us=` (microseconds). A bare integer is ambiguous (seconds? microseconds?) and is not used.
 */

export const FAMILIES = [
  'category',
  'product',
  'catalog-url',
  'search',
  'checkout',
  'customer',
  'rest',
  'graphql',
  'admin',
  'home',
  'static',
  'other',
] as const;
export type RouteFamily = (typeof FAMILIES)[number];

export interface AccessEntry {
  time: number;
  method: string;
  path: string;
  status: number;
  /** Milliseconds, when the log has them. */
  latencyMs?: number;
}

const LINE =
  /^(\S+) \S+ \S+ \[(\d\d)\/(\w{3})\/(\d{4}):(\d\d):(\d\d):(\d\d) ([+-]\d{4})\] "([A-Z]+) (\S+)[^"]*" (\d{3}) \S+(.*)$/;
/** English month abbreviations as web servers and PHP-FPM write them. */
export const MONTHS: Record<string, number> = Object.fromEntries(
  ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].map((m, i) => [m, i]),
);

// Consecutive lines mostly share their minute: its epoch is computed once.
let cachedMinute = '';
let cachedMinuteMs = NaN;

export function parseAccessLine(line: string): AccessEntry | undefined {
  const m = LINE.exec(line);
  if (!m) return undefined;
  const minuteKey = `${m[2]}${m[3]}${m[4]}${m[5]}${m[6]}${m[8]}`;
  if (minuteKey !== cachedMinute) {
    const month = MONTHS[m[3]!];
    if (month === undefined) return undefined;
    const zone = m[8]!;
    const offset = (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5))) * 60_000;
    cachedMinute = minuteKey;
    cachedMinuteMs = Date.UTC(+m[4]!, month, +m[2]!, +m[5]!, +m[6]!, 0) - offset;
  }
  const time = cachedMinuteMs + Number(m[7]) * 1000;
  const entry: AccessEntry = { time, method: m[9]!, path: m[10]!, status: Number(m[11]) };
  const latency = latencyOf(m[12]!);
  if (latency !== undefined) entry.latencyMs = latency;
  return entry;
}

/** Request time from what follows the status and size (referer, user agent, then custom fields). */
function latencyOf(tail: string): number | undefined {
  if (!tail) return undefined;
  if (tail.includes('=')) {
    const keyed = /\b(?:rt|request_time)=(\d+\.\d+|\d+)\b/.exec(tail);
    if (keyed) return Number(keyed[1]) * 1000;
    const micro = /\b(?:D|us)=(\d+)\b/.exec(tail);
    if (micro) return Number(micro[1]) / 1000;
  }
  // Last field after the quoted referer and agent: `… "agent" 0.123`.
  const bare = /"\s+(\d+\.\d+)\s*$/.exec(tail) ?? /^\s+(\d+\.\d+)\s*$/.exec(tail);
  if (bare) return Number(bare[1]) * 1000;
  return undefined;
}

/**
 * The route family of a request path. `frontName` is the admin path from env.php (`backend/frontName`). SEO URLs
 * (`/blue-shirt.html`) cannot be told apart without the store's url_rewrite table: `catalog-url` unless resolved.
 */
export function routeFamily(rawPath: string, adminFrontName = 'admin'): RouteFamily {
  const q = rawPath.indexOf('?');
  const path = (q >= 0 ? rawPath.slice(0, q) : rawPath).toLowerCase();
  if (path === '/' || path === '/index.php' || path === '/index.php/') return 'home';
  const p = path.startsWith('/index.php/') ? path.slice(10) : path;
  if (p.startsWith('/static/') || p.startsWith('/media/') || p === '/favicon.ico' || p === '/robots.txt')
    return 'static';
  if (p.startsWith('/rest/') || p.startsWith('/soap/')) return 'rest';
  if (p === '/graphql' || p.startsWith('/graphql/') || p.startsWith('/graphql?')) return 'graphql';
  const admin = `/${adminFrontName.toLowerCase()}`;
  if (p === admin || p.startsWith(`${admin}/`)) return 'admin';
  if (/^\/(checkout|multishipping|paypal|braintree|onestepcheckout|sales\/guest|payment)(\/|$)/.test(p))
    return 'checkout';
  if (/^\/(customer|wishlist|newsletter|review\/customer|sales\/order|vault)(\/|$)/.test(p)) return 'customer';
  if (/^\/(catalogsearch|search)(\/|$)/.test(p)) return 'search';
  if (p.startsWith('/catalog/category/')) return 'category';
  if (p.startsWith('/catalog/product/')) return 'product';
  if (p.endsWith('.html') || /^\/[a-z0-9-]+(\/[a-z0-9-]+)*\/?$/.test(p)) return 'catalog-url';
  return 'other';
}

/**
 * Latency quantiles in constant memory: logarithmic buckets 2 % wide (so a quantile is within 2 % of the truth),
 * from 0.1 ms to ~ 30 min.
 */
export class LatencyHistogram {
  private static readonly BASE = Math.log(1.02);
  private readonly buckets = new Float64Array(1200);
  count = 0;

  add(ms: number): void {
    const i = ms <= 0.1 ? 0 : Math.min(1199, Math.ceil(Math.log(ms / 0.1) / LatencyHistogram.BASE));
    this.buckets[i]!++;
    this.count++;
  }

  /** The counts per bucket (plain data for another thread). */
  part(): Float64Array {
    return this.buckets.slice();
  }

  /** Adds the counts of another histogram's `part()`. */
  absorb(buckets: Float64Array): void {
    for (let i = 0; i < buckets.length; i++) {
      const n = buckets[i]!;
      if (n > 0) {
        this.buckets[i]! += n;
        this.count += n;
      }
    }
  }

  /** The q-quantile (0–1) in ms, rounded to 0.1 ms; undefined when empty. */
  quantile(q: number): number | undefined {
    if (this.count === 0) return undefined;
    const rank = Math.ceil(q * this.count);
    let seen = 0;
    for (let i = 0; i < this.buckets.length; i++) {
      seen += this.buckets[i]!;
      if (seen >= rank) return Math.round(0.1 * Math.pow(1.02, i) * 10) / 10;
    }
    return undefined;
  }
}

export interface WindowStats {
  requests: number;
  status4xx: number;
  status5xx: number;
  /** Requests that carried a latency. */
  timed: number;
  p50Ms?: number;
  p95Ms?: number;
  p99Ms?: number;
}

export interface FamilyStats {
  family: RouteFamily;
  before: WindowStats;
  after: WindowStats;
}

interface WindowPart {
  requests: number;
  status4xx: number;
  status5xx: number;
  latency: Float64Array;
}

/** Traffic as a worker hands it over (plain data). */
export interface TrafficPart {
  families: [RouteFamily, WindowPart, WindowPart][];
  dynamicBefore: number;
  dynamicAfter: number;
  first: number;
  last: number;
  lines: number;
  unparsed: number;
}

class WindowBuilder {
  requests = 0;
  status4xx = 0;
  status5xx = 0;
  readonly latency = new LatencyHistogram();

  add(e: AccessEntry): void {
    this.requests++;
    if (e.status >= 500) this.status5xx++;
    else if (e.status >= 400) this.status4xx++;
    if (e.latencyMs !== undefined) this.latency.add(e.latencyMs);
  }

  part(): WindowPart {
    return {
      requests: this.requests,
      status4xx: this.status4xx,
      status5xx: this.status5xx,
      latency: this.latency.part(),
    };
  }

  absorb(p: WindowPart): void {
    this.requests += p.requests;
    this.status4xx += p.status4xx;
    this.status5xx += p.status5xx;
    this.latency.absorb(p.latency);
  }

  stats(): WindowStats {
    const s: WindowStats = {
      requests: this.requests,
      status4xx: this.status4xx,
      status5xx: this.status5xx,
      timed: this.latency.count,
    };
    const p50 = this.latency.quantile(0.5);
    if (p50 !== undefined) {
      s.p50Ms = p50;
      s.p95Ms = this.latency.quantile(0.95)!;
      s.p99Ms = this.latency.quantile(0.99)!;
    }
    return s;
  }
}

/** Requests per route family, before and after the cutover, with traffic totals for error rates. */
export class TrafficStats {
  private readonly families = new Map<RouteFamily, { before: WindowBuilder; after: WindowBuilder }>();
  /** Dynamic (non-static) requests before / after the cutover: the denominator of error rates. */
  dynamicBefore = 0;
  dynamicAfter = 0;
  first = Infinity;
  last = -Infinity;
  lines = 0;
  unparsed = 0;

  constructor(
    private readonly cutover: number | undefined,
    private readonly adminFrontName: string,
    private readonly since: number | undefined,
  ) {}

  push(line: string): AccessEntry | undefined {
    this.lines++;
    const e = parseAccessLine(line);
    if (!e) {
      if (line.length > 0) this.unparsed++;
      return undefined;
    }
    if (this.since !== undefined && e.time < this.since) return undefined;
    this.addEntry(e);
    return e;
  }

  addEntry(e: AccessEntry): void {
    const family = routeFamily(e.path, this.adminFrontName);
    let f = this.families.get(family);
    if (!f) this.families.set(family, (f = { before: new WindowBuilder(), after: new WindowBuilder() }));
    const before = this.cutover !== undefined && e.time < this.cutover;
    (before ? f.before : f.after).add(e);
    if (family !== 'static') {
      if (before) this.dynamicBefore++;
      else this.dynamicAfter++;
    }
    if (e.time < this.first) this.first = e.time;
    if (e.time > this.last) this.last = e.time;
  }

  part(): TrafficPart {
    return {
      families: [...this.families].map(([family, f]) => [family, f.before.part(), f.after.part()]),
      dynamicBefore: this.dynamicBefore,
      dynamicAfter: this.dynamicAfter,
      first: this.first,
      last: this.last,
      lines: this.lines,
      unparsed: this.unparsed,
    };
  }

  /** Adds what another reader counted (sums and histograms: the order does not matter). */
  absorb(p: TrafficPart): void {
    for (const [family, before, after] of p.families) {
      let f = this.families.get(family);
      if (!f) this.families.set(family, (f = { before: new WindowBuilder(), after: new WindowBuilder() }));
      f.before.absorb(before);
      f.after.absorb(after);
    }
    this.dynamicBefore += p.dynamicBefore;
    this.dynamicAfter += p.dynamicAfter;
    if (p.first < this.first) this.first = p.first;
    if (p.last > this.last) this.last = p.last;
    this.lines += p.lines;
    this.unparsed += p.unparsed;
  }

  get requests(): number {
    let n = 0;
    for (const f of this.families.values()) n += f.before.requests + f.after.requests;
    return n;
  }

  list(): FamilyStats[] {
    return FAMILIES.filter((f) => this.families.has(f)).map((family) => {
      const f = this.families.get(family)!;
      return { family, before: f.before.stats(), after: f.after.stats() };
    });
  }
}
