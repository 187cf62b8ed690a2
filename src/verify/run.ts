import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sortFindings, type Finding } from '../core/finding.js';
import type { Problem } from '../core/problem.js';
import { loadProject } from '../project/load.js';
import type { ProjectModel } from '../project/model.js';
import { version } from '../version.js';
import { probeApi } from './api.js';
import { BrowserUnavailable, shotName, StoreBrowser } from './browser.js';
import { compareRuns, regressionsOf } from './compare.js';
import { isStaging, readVerifyConfig } from './config.js';
import { discoverStorefronts, withSlash } from './discover.js';
import { VerifyInputError } from './errors.js';
import { runFlows } from './flows.js';
import { judgeFlows, judgePages, judgePerf, judgeSecurity } from './judge.js';
import { isLocalHost, Net, NetRefusal } from './net.js';
import { loadTest, loadTestUrls, samplePerf } from './perf.js';
import { probeSecurity } from './security.js';
import type { BulletinKnowledge } from './bulletins.js';
import { loadReleaseCatalog } from '../knowledge/catalog.js';
import { loadPatchLevels } from '../knowledge/patch-levels.js';
import {
  DEFAULT_PROBES,
  PROBES,
  type FlowResult,
  type LoadTestResult,
  type PageResult,
  type ProbeName,
  type SecurityResult,
  type Storefront,
  type VerifyRun,
} from './types.js';
import { VERIFY_DEFAULTS } from './defaults.js';

export interface VerifyOptions {
  baseUrl: string;
  projectDir?: string;
  /** Baseline run (JSON of an earlier `--save-baseline`) to compare with. */
  baseline?: string;
  /** Store view codes; undefined: all. */
  stores?: string[];
  probes?: ProbeName[];
  allowWrites?: boolean;
  placeOrder?: boolean;
  /** Which flows (default both). */
  flows?: FlowResult['name'][];
  allowHosts?: string[];
  configFile?: string;
  /** Save this run as a baseline to this file (`--save-baseline`), its screenshots next to it. */
  saveBaseline?: string;
  /**
   * Where screenshots and diff images go (default: `<saveBaseline without .json>.files`, else a fresh directory under
   * .mageup/verify).
   */
  artifactsDir?: string;
  samples?: number;
  browserSamples?: number;
  concurrency?: number;
  durationS?: number;
  maxRequests?: number;
  timeoutMs?: number;
  /** Gap between requests to a host that is not local, ms. */
  remoteIntervalMs?: number;
  onProgress?: (message: string) => void;
}

export { VERIFY_DEFAULTS };

/**
 * `mageup verify`: discovers the store views and their pages, probes them (smoke, security, API, performance, visual,
 * flows), judges what it saw into findings, and compares with a baseline run when one is given.
 */
export async function runVerify(opts: VerifyOptions): Promise<VerifyRun> {
  const started = performance.now();
  const progress = opts.onProgress ?? ((): void => undefined);
  let base: URL;
  try {
    base = new URL(withSlash(opts.baseUrl));
  } catch {
    throw new VerifyInputError(`not a URL: "${opts.baseUrl}" (expected http://host[:port]/path/)`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:')
    throw new VerifyInputError(`not an HTTP URL: "${opts.baseUrl}"`);
  const probes = new Set<ProbeName>(opts.probes ?? DEFAULT_PROBES);
  for (const p of probes)
    if (!PROBES.includes(p)) throw new VerifyInputError(`unknown probe "${p}" (expected ${PROBES.join(', ')})`);
  const config = readVerifyConfig(opts.projectDir ?? process.cwd(), opts.configFile);
  const staging = isStaging(base.href, config.staging);
  if (opts.allowWrites && !staging)
    throw new VerifyInputError(
      `--allow-writes refused: ${base.href} is not marked staging (add it to verify.staging in ${config.file ?? 'mageup.config.yaml'})`,
    );
  if (opts.placeOrder && !opts.allowWrites)
    throw new VerifyInputError('--place-order needs --allow-writes on a staging URL');
  if (probes.has('flows') && !opts.allowWrites) {
    probes.delete('flows');
    progress('flows skipped: they write (carts, test accounts) and need --allow-writes on a staging URL');
  }

  let baseline: VerifyRun | undefined;
  let baselineDir = '';
  if (opts.baseline) {
    baseline = readBaseline(opts.baseline);
    baselineDir = resolve(dirname(opts.baseline), baseline.artifactsDir ?? '.');
  }

  const problems: Problem[] = [];
  let project: ProjectModel | undefined;
  if (opts.projectDir) {
    progress('reading project');
    project = await loadProject(opts.projectDir);
  }
  const artifactsDir = resolve(
    opts.artifactsDir ??
      (opts.saveBaseline
        ? `${opts.saveBaseline.replace(/\.json$/i, '')}.files`
        : join('.mageup', 'verify', new Date().toISOString().replace(/[:.]/g, '-'))),
  );
  const net = new Net({
    allowedHosts: [base.host, '127.0.0.1', 'localhost', ...config.allowHosts, ...(opts.allowHosts ?? [])],
    maxRequests: opts.maxRequests ?? VERIFY_DEFAULTS.maxRequests,
    timeoutMs: opts.timeoutMs ?? VERIFY_DEFAULTS.timeoutMs,
    remoteIntervalMs: opts.remoteIntervalMs ?? VERIFY_DEFAULTS.remoteIntervalMs,
    robots: !staging,
  });
  const wantBrowser = probes.has('smoke') || probes.has('visual') || probes.has('flows') || probes.has('perf');
  // Chromium starts while the store views are discovered: it needs only the allowed hosts.
  const launching: Promise<StoreBrowser | Error> | null = wantBrowser
    ? StoreBrowser.launch([...net.allowed]).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))))
    : null;
  let browser: StoreBrowser | null = null;
  try {
    progress('discovering store views');
    let stores: Storefront[];
    try {
      stores = baseline
        ? storesOfBaseline(baseline, base.href, opts.stores)
        : await discoverStorefronts(net, {
            baseUrl: base.href,
            ...(project ? { project } : {}),
            ...(opts.stores ? { only: opts.stores } : {}),
          });
    } catch (error) {
      if (error instanceof Error && /^--stores/.test(error.message)) throw new VerifyInputError(error.message);
      throw error;
    }
    if (launching) {
      const launched = await launching;
      if (launched instanceof StoreBrowser) browser = launched;
      else if (launched instanceof BrowserUnavailable)
        problems.push({
          code: 'browser-unavailable',
          level: 'error',
          message: `${launched.message}: browser probes skipped`,
        });
      else throw launched;
    }

    // The HTTP pass is the smoke probe's, and what perf (which pages answer, a warm page cache) and visual build on;
    // security, API and flows alone do not need it.
    const pageCount = stores.reduce((n, s) => n + s.pages.length, 0);
    const wantHttp = probes.has('smoke') || probes.has('perf') || probes.has('visual');
    if (wantHttp) progress(`smoke over HTTP: ${stores.length} store view(s), ${pageCount} pages`);
    const pages = await smokeHttp(net, stores, wantHttp);
    const origins = [...new Set(stores.map((s) => new URL(s.baseUrl).origin))];
    // The browser pass, the security probes and the API probe are independent and mostly wait on the store: side by
    // side. The HTTP pass above ran alone (its times judge slow pages) and the performance samples below run alone.
    const browserPass =
      browser && (probes.has('smoke') || probes.has('visual'))
        ? (progress('smoke in Chromium'),
          smokeBrowser(browser, stores, pages, {
            screenshots: probes.has('visual'),
            artifactsDir,
            timeoutMs: Math.max(30_000, net.opts.timeoutMs),
          }))
        : Promise.resolve();
    const security = probes.has('security')
      ? (progress('security'), securityOf(net, stores, origins, bulletinKnowledge(problems)))
      : Promise.resolve([]);
    const api = probes.has('api') ? (progress('api'), probeApi(net, origins[0]!, project)) : Promise.resolve(null);
    const [, securityResults, apiResult] = await Promise.all([browserPass, security, api]);

    const run: VerifyRun = {
      schemaVersion: '1.0.0',
      tool: { name: 'mageup', version },
      date: new Date().toISOString(),
      baseUrl: base.href,
      project: project?.root ?? null,
      probes: PROBES.filter((p) => probes.has(p)),
      stores,
      pages,
      perf: null,
      security: securityResults,
      api: apiResult,
      flows: [],
      visual: [],
      artifactsDir,
      budget: { requests: 0, maxRequests: net.opts.maxRequests, durationMs: 0 },
      findings: [],
      problems,
      comparison: null,
    };
    if (probes.has('perf')) {
      progress('performance samples');
      const series = await samplePerf(net, browser, stores, {
        samples: clamp(opts.samples ?? VERIFY_DEFAULTS.samples, 1, 30),
        browserSamples: clamp(opts.browserSamples ?? VERIFY_DEFAULTS.browserSamples, 0, 20),
      });
      const loadUrls = loadTestUrls(pages, stores[0]!.code);
      const loadAllowed = isLocalHost(base.hostname) || staging;
      let load: LoadTestResult | null = null;
      if ((opts.durationS ?? VERIFY_DEFAULTS.durationS) > 0 && loadUrls.length > 0) {
        if (loadAllowed) {
          progress('load test');
          load = await loadTest(loadUrls, {
            concurrency: opts.concurrency ?? VERIFY_DEFAULTS.concurrency,
            durationS: opts.durationS ?? VERIFY_DEFAULTS.durationS,
            maxRequests: 20_000,
          });
        } else
          load = {
            urls: loadUrls,
            concurrency: 0,
            durationS: 0,
            requests: 0,
            errors: 0,
            statusCounts: {},
            requestsPerSecond: 0,
            latencyMs: { p50: 0, p95: 0, p99: 0, max: 0 },
            skipped: 'the URL is neither local nor marked staging: no load test on a production store',
          };
      }
      run.perf = { series, load };
    }
    if (probes.has('flows') && browser) {
      progress('flows');
      run.flows = await runFlows(browser, stores, {
        placeOrder: opts.placeOrder === true,
        artifactsDir,
        stepTimeoutMs: net.opts.timeoutMs,
        ...(opts.flows ? { only: opts.flows } : {}),
      });
    }

    const findings: Finding[] = [
      ...judgePages(pages),
      ...(run.perf ? judgePerf(run.perf.series, run.perf.load) : []),
      ...judgeSecurity(run.security),
      ...judgeFlows(run.flows),
    ];
    if (baseline) {
      const compared = compareRuns(baseline, run, { before: baselineDir, after: artifactsDir });
      findings.push(...compared.findings);
      run.visual = compared.visual;
    }
    run.findings = sortFindings(dedupe(findings));
    if (baseline) {
      const r = regressionsOf(baseline, run.findings);
      run.comparison = {
        baselineFile: resolve(opts.baseline!),
        baselineDate: baseline.date,
        regressions: r.regressions.length,
        regressionFingerprints: r.regressions.map((f) => f.fingerprint),
        fixed: r.fixed.length,
        unchanged: r.unchanged.length,
      };
    }
    run.budget = {
      requests: net.count,
      maxRequests: net.opts.maxRequests,
      durationMs: Math.round(performance.now() - started),
    };
    if (opts.saveBaseline) writeBaseline(opts.saveBaseline, run);
    return run;
  } finally {
    const launched = launching ? await launching : null;
    if (launched instanceof StoreBrowser) await launched.close();
    await net.close();
  }
}

/** Every page of every store view over HTTP, two at a time: statuses, redirects, sizes, times (first answers). */
async function smokeHttp(net: Net, stores: Storefront[], fetch: boolean): Promise<PageResult[]> {
  const targets = stores.flatMap((store) => store.pages.map((page) => ({ store, page })));
  const results: PageResult[] = targets.map(({ store, page: p }) => ({
    store: store.code,
    kind: p.kind,
    url: p.url,
    expect: p.expect,
  }));
  if (!fetch) return results;
  // Discovery fetched the home, category and product pages already: their answers are reused, not asked again.
  await inParallel(targets, 2, async ({ page }, i) => {
    const obs = await net.observeOnce(page.url);
    const { body: _body, headers: _headers, ...http } = obs;
    if (obs.error && /robots\.txt disallows|budget/.test(obs.error)) results[i]!.skipped = obs.error;
    else results[i]!.http = http;
  });
  return results;
}

/**
 * The storefront pages in Chromium after the HTTP pass (so the page cache is warm): four tabs at a time over every
 * store view (pages wait on the store more than on the CPU), one browser context per store view (a store view
 * reached with `___store` would leave its cookie to the next one).
 */
async function smokeBrowser(
  browser: StoreBrowser,
  stores: Storefront[],
  results: PageResult[],
  opts: { screenshots: boolean; artifactsDir: string; timeoutMs: number },
): Promise<void> {
  const contexts = new Map<string, ReturnType<StoreBrowser['context']>>();
  const targets = results
    .map((result) => ({
      result,
      page: stores
        .find((s) => s.code === result.store)!
        .pages.find((p) => p.url === result.url && p.kind === result.kind)!,
    }))
    .filter(({ result, page }) => page.browser && !result.skipped);
  try {
    await inParallel(targets, 4, async ({ result, page }) => {
      let context = contexts.get(result.store);
      if (!context) {
        context = browser.context();
        contexts.set(result.store, context);
      }
      const shot = opts.screenshots ? shotName(result.store, page.kind) : undefined;
      const obs = await browser.visit(await context, page.url, {
        timeoutMs: opts.timeoutMs,
        ...(shot ? { screenshot: join(opts.artifactsDir, shot) } : {}),
      });
      if (shot && existsSync(join(opts.artifactsDir, shot))) obs.screenshot = shot;
      result.browser = obs;
    });
  } finally {
    for (const context of contexts.values()) await (await context).close().catch(() => undefined);
  }
}

/** Headers, cookies, file probes and exploited bulletins of each origin, with the pages whose cookies count. */
async function securityOf(
  net: Net,
  stores: Storefront[],
  origins: string[],
  knowledge: BulletinKnowledge | undefined,
): Promise<SecurityResult[]> {
  const out: SecurityResult[] = [];
  for (const origin of origins) {
    const first = stores.find((s) => new URL(s.baseUrl).origin === origin)!;
    const urls = [
      first.baseUrl,
      ...first.pages.filter((p) => p.kind === 'cart' || p.kind === 'login').map((p) => p.url),
    ];
    out.push(await probeSecurity(net, origin, urls, knowledge));
  }
  return out;
}

async function inParallel<T>(items: T[], width: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i]!, i);
      }
    }),
  );
}

/** The store views and pages of the baseline, moved to the new base URL when it differs (staging vs production). */
function storesOfBaseline(baseline: VerifyRun, baseUrl: string, only?: string[]): Storefront[] {
  const from = new URL(baseline.baseUrl);
  const to = new URL(baseUrl);
  const move = (url: string): string => {
    const u = new URL(url);
    if (u.origin === from.origin) {
      u.protocol = to.protocol;
      u.host = to.host;
      if (u.pathname.startsWith(from.pathname)) u.pathname = to.pathname + u.pathname.slice(from.pathname.length);
    }
    return u.href;
  };
  const stores = baseline.stores
    .filter((s) => !only || only.includes(s.code))
    .map((s) => ({
      ...s,
      source: 'baseline' as const,
      baseUrl: move(s.baseUrl),
      pages: s.pages.map((p) => ({ ...p, url: move(p.url) })),
    }));
  if (only) {
    const unknown = only.filter((c) => !baseline.stores.some((s) => s.code === c));
    if (unknown.length > 0) throw new VerifyInputError(`--stores: ${unknown.join(', ')} not in the baseline`);
  }
  return stores;
}

export function readBaseline(file: string): VerifyRun {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new VerifyInputError(
      `baseline ${file} cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const run = data as Partial<VerifyRun>;
  if (
    run?.schemaVersion !== '1.0.0' ||
    !Array.isArray(run.pages) ||
    !Array.isArray(run.findings) ||
    typeof run.baseUrl !== 'string'
  )
    throw new VerifyInputError(`baseline ${file} is not a verify run saved with --save-baseline (schemaVersion 1.0.0)`);
  return run as VerifyRun;
}

/** Writes the run as a baseline; its artifacts directory is stored relative to the file. */
export function writeBaseline(file: string, run: VerifyRun): void {
  const target = resolve(file);
  mkdirSync(dirname(target), { recursive: true });
  const artifactsDir = run.artifactsDir ? relative(dirname(target), run.artifactsDir) || '.' : null;
  writeFileSync(target, `${JSON.stringify({ ...run, artifactsDir }, null, 2)}\n`);
}

/** The release catalog and patch levels for the exploited-bulletin fingerprint; unreadable data is a problem, not a stop. */
function bulletinKnowledge(problems: Problem[]): BulletinKnowledge | undefined {
  const catalog = loadOrReport(loadReleaseCatalog, 'release catalog', 'exploited bulletins not judged', problems);
  if (catalog === undefined) return undefined;
  const patchLevels =
    loadOrReport(loadPatchLevels, 'patch levels', 'isolated patches since July 2026 not judged', problems) ?? null;
  return { catalog, patchLevels };
}

function loadOrReport<T>(load: () => T, what: string, consequence: string, problems: Problem[]): T | undefined {
  try {
    return load();
  } catch (error) {
    problems.push({
      code: 'knowledge-unavailable',
      level: 'error',
      message: `${what} unreadable (${error instanceof Error ? error.message : String(error)}): ${consequence}`,
    });
    return undefined;
  }
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => (seen.has(f.fingerprint) ? false : (seen.add(f.fingerprint), true)));
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, Math.round(n)));
}

export { NetRefusal };
