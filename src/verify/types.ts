import type { Finding } from '../core/finding.js';
import type { Problem } from '../core/problem.js';

/** Probe classes of `mageup verify`. `flows` writes (carts, accounts) and runs only with --allow-writes on staging. */
export const PROBES = ['smoke', 'flows', 'perf', 'security', 'api', 'visual'] as const;
export type ProbeName = (typeof PROBES)[number];
export const DEFAULT_PROBES: ProbeName[] = ['smoke', 'perf', 'security', 'api', 'visual'];

export type PageKind =
  | 'home'
  | 'cms'
  | 'category'
  | 'product'
  | 'product-configurable'
  | 'search'
  | 'cart'
  | 'checkout'
  | 'login'
  | 'register'
  | 'contact'
  | 'admin'
  | 'not-found'
  | 'robots'
  | 'sitemap';

/** A page to probe in one store view. */
export interface PageTarget {
  kind: PageKind;
  url: string;
  /** `ok`: must answer 2xx (after redirects); `not-found`: must answer 404; `any`: recorded only. */
  expect: 'ok' | 'not-found' | 'any';
  /** Rendered in Chromium too (HTML pages of the storefront). */
  browser: boolean;
}

export interface Storefront {
  code: string;
  name?: string;
  baseUrl: string;
  /** Where the store view came from. */
  source: 'project' | 'switcher' | 'given' | 'baseline';
  pages: PageTarget[];
  /** What discovery could not find ("no category link in the menu"). */
  notes: string[];
}

export interface HttpObservation {
  url: string;
  /** Final status after redirects; null when no answer. */
  status: number | null;
  /** Every hop: status and Location. */
  redirects: { status: number; location: string }[];
  finalUrl: string;
  bytes: number;
  /** Time to response headers of the first request (≈ TTFB), ms. */
  ttfbMs: number | null;
  /** Whole exchange including redirects and body, ms. */
  totalMs: number | null;
  contentType: string | null;
  /** Page cache evidence (X-Magento-Cache-Debug, X-Cache, Age, Via varnish, X-Varnish). */
  cache: string | null;
  error?: string;
}

export interface BrowserObservation {
  status: number | null;
  consoleErrors: string[];
  /** Uncaught exceptions. */
  pageErrors: string[];
  /** Sub-requests that failed (network) or answered ≥ 400. */
  failedRequests: { url: string; reason: string }[];
  /** Sub-requests to hosts verify may not contact (blocked on purpose, not a finding). */
  blockedHosts: string[];
  mixedContent: string[];
  requireJsErrors: string[];
  knockoutErrors: string[];
  domContentLoadedMs: number | null;
  loadMs: number | null;
  lcpMs: number | null;
  /** Screenshot file, relative to the run's artifacts directory. */
  screenshot?: string;
  error?: string;
}

export interface PageResult {
  store: string;
  kind: PageKind;
  url: string;
  expect: PageTarget['expect'];
  http?: HttpObservation;
  browser?: BrowserObservation;
  /** Why the page was not probed (robots.txt, budget). */
  skipped?: string;
}

export interface PerfSeries {
  store: string;
  kind: PageKind;
  url: string;
  ttfbMs: number[];
  domContentLoadedMs: number[];
  lcpMs: number[];
  /** Samples that could not be timed: `HTTP 500`, `timeout`… (a page that fails is not a timing). */
  failed: string[];
  /** Cache evidence of the last sample (a repeated request: HIT expected on cacheable pages). */
  cache: string | null;
}

export interface LoadTestResult {
  urls: string[];
  concurrency: number;
  durationS: number;
  requests: number;
  errors: number;
  statusCounts: Record<string, number>;
  requestsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  skipped?: string;
}

export interface SecurityCheck {
  id: string;
  url: string;
  status: number | null;
  verdict: 'ok' | 'exposed' | 'unknown';
  evidence?: string;
}

/** The Magento version a store tells anyone who asks (read from answers the security probe already has). */
export interface VersionDisclosure {
  /** `2.4.6-p3` when exact; `2.4` when only the line is told (what `/magento_version` prints). */
  version: string;
  exact: boolean;
  /** `Community`, `Commerce`… as the store names it. */
  edition: string | null;
  /** Where it was read: `/magento_version`, `/composer.lock (magento/product-community-edition)`. */
  source: string;
}

/** One bulletin exploited in the wild, judged from the disclosed version and the knowledge base. */
export interface BulletinExposure {
  bulletin: string;
  name: string | null;
  cves: string[];
  /** Who says it was exploited. */
  exploitedSource: string;
  url: string;
  /** `exposed`: the disclosed version lacks the fix; `unknown`: the version cannot tell (never a guess). */
  verdict: 'exposed' | 'fixed' | 'unknown';
  reason: string;
  fixedIn?: string;
}

export interface SecurityResult {
  origin: string;
  headers: Record<string, string | null>;
  cookies: { name: string; secure: boolean; httpOnly: boolean; sameSite: string | null }[];
  checks: SecurityCheck[];
  /** Absent in baselines saved before verify judged exploited bulletins. */
  disclosure?: VersionDisclosure | null;
  bulletins?: BulletinExposure[];
}

export interface ApiResult {
  graphql: {
    url: string;
    status: number | null;
    introspection: 'ok' | 'disabled' | 'error' | 'skipped';
    /** `Type.field(args): Type` of every object, interface and input field; enum values as `Enum.VALUE`. */
    fields: string[];
    error?: string;
  };
  rest: { method: string; path: string; status: number | null; source: string; anonymous: 'refused' | 'answered' }[];
}

export interface FlowResult {
  name: 'checkout' | 'register-login';
  store: string;
  ok: boolean;
  /** Steps reached, in order. */
  steps: { name: string; ok: boolean; ms: number; detail?: string }[];
  error?: string;
}

export interface VisualDiff {
  store: string;
  kind: PageKind;
  before: string;
  after: string;
  /** Diff image, relative to the artifacts directory. */
  diff?: string;
  diffRatio: number;
  sizeChanged: boolean;
}

/** Everything one `mageup verify` run observed. Saved as the baseline with --save-baseline. */
export interface VerifyRun {
  schemaVersion: '1.0.0';
  tool: { name: 'mageup'; version: string };
  date: string;
  baseUrl: string;
  project: string | null;
  probes: ProbeName[];
  stores: Storefront[];
  pages: PageResult[];
  perf: { series: PerfSeries[]; load: LoadTestResult | null } | null;
  security: SecurityResult[];
  api: ApiResult | null;
  flows: FlowResult[];
  visual: VisualDiff[];
  /** Directory of screenshots and diff images (absolute when written; relative to the JSON file in a baseline). */
  artifactsDir: string | null;
  /** Requests made, and the limits that held them. */
  budget: { requests: number; maxRequests: number; durationMs: number };
  findings: Finding[];
  problems: Problem[];
  comparison: Comparison | null;
}

export interface Comparison {
  baselineFile: string;
  baselineDate: string;
  /** Findings not in the baseline (by fingerprint) and before/after measurements that got worse. */
  regressions: number;
  /** Fingerprints of those regressions. */
  regressionFingerprints: string[];
  /** Baseline findings that are gone. */
  fixed: number;
  unchanged: number;
}
