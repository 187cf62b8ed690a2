import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import type { StoreBrowser } from './browser.js';
import { cacheEvidence, PAGE_ACCEPT, USER_AGENT, type Net } from './net.js';
import { percentile } from './stats.js';
import type { LoadTestResult, PageResult, PerfSeries, Storefront } from './types.js';

/** Pages timed per store view: what customers meet most, cacheable and not. */
export const TIMED_KINDS = ['home', 'cms', 'category', 'product', 'product-configurable', 'search', 'cart'] as const;
/** Pages also timed in the browser (DOMContentLoaded, LCP), in the first store view. */
export const BROWSER_TIMED_KINDS = ['home', 'category', 'product'] as const;

export interface PerfOptions {
  /** HTTP samples per page (TTFB). */
  samples: number;
  /** Browser samples per page (DOMContentLoaded, LCP). */
  browserSamples: number;
}

/**
 * N sequential samples per page: TTFB over HTTP (the smoke request warmed the page cache, so cacheable pages are
 * measured as customers get them), DOMContentLoaded and LCP in Chromium. The smoke pass's own browser visit is
 * not counted (it is the cold one).
 */
export async function samplePerf(
  net: Net,
  browser: StoreBrowser | null,
  stores: Storefront[],
  opts: PerfOptions,
): Promise<PerfSeries[]> {
  const out: PerfSeries[] = [];
  for (const [si, store] of stores.entries()) {
    const context = si === 0 && browser && opts.browserSamples > 0 ? await browser.context() : null;
    try {
      for (const page of store.pages) {
        if (!(TIMED_KINDS as readonly string[]).includes(page.kind)) continue;
        const series: PerfSeries = {
          store: store.code,
          kind: page.kind,
          url: page.url,
          ttfbMs: [],
          domContentLoadedMs: [],
          lcpMs: [],
          failed: [],
          cache: null,
        };
        for (let i = 0; i < opts.samples; i++) {
          const res = await net
            .fetch(page.url, { headers: { accept: PAGE_ACCEPT } })
            .catch((e: unknown) => (e instanceof Error ? e.message : String(e)));
          if (typeof res === 'string' || res.status >= 400) {
            series.failed.push(typeof res === 'string' ? res.slice(0, 80) : `HTTP ${res.status}`);
            continue;
          }
          series.ttfbMs.push(Math.round(res.ttfbMs * 10) / 10);
          series.cache = cacheEvidence(res.headers);
        }
        if (context && (BROWSER_TIMED_KINDS as readonly string[]).includes(page.kind)) {
          for (let i = 0; i < opts.browserSamples; i++) {
            const obs = await browser!.visit(context, page.url, { settleMs: 0 });
            if (obs.error || (obs.status ?? 500) >= 400) continue;
            if (obs.domContentLoadedMs !== null) series.domContentLoadedMs.push(obs.domContentLoadedMs);
            if (obs.lcpMs !== null) series.lcpMs.push(obs.lcpMs);
          }
        }
        out.push(series);
      }
    } finally {
      await context?.close().catch(() => undefined);
    }
  }
  return out;
}

export interface LoadOptions {
  concurrency: number;
  durationS: number;
  /** Hard cap on requests, whatever the duration. */
  maxRequests: number;
}

export const LOAD_LIMITS = { concurrency: 16, durationS: 30, maxRequests: 20_000 } as const;

/**
 * A bounded load test: `concurrency` connections (undici pool) for `durationS` seconds over the given pages in
 * turn, capped at maxRequests. Latency per request, status counts, requests per second.
 */
export async function loadTest(urls: string[], opts: LoadOptions): Promise<LoadTestResult> {
  const concurrency = Math.min(opts.concurrency, LOAD_LIMITS.concurrency);
  const durationS = Math.min(opts.durationS, LOAD_LIMITS.durationS);
  const maxRequests = Math.min(opts.maxRequests, LOAD_LIMITS.maxRequests);
  const origin = new URL(urls[0]!).origin;
  const pool = new Pool(origin, { connections: concurrency, pipelining: 1 });
  const latencies: number[] = [];
  const statusCounts: Record<string, number> = {};
  let errors = 0;
  let sent = 0;
  const started = performance.now();
  const deadline = started + durationS * 1000;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline && sent < maxRequests) {
      const url = new URL(urls[sent++ % urls.length]!);
      const t0 = performance.now();
      try {
        const res = await pool.request({
          path: url.pathname + url.search,
          method: 'GET',
          headers: { 'user-agent': USER_AGENT, accept: PAGE_ACCEPT },
          headersTimeout: 15_000,
          bodyTimeout: 15_000,
        });
        for await (const _ of res.body) void _;
        latencies.push(performance.now() - t0);
        statusCounts[String(res.statusCode)] = (statusCounts[String(res.statusCode)] ?? 0) + 1;
        if (res.statusCode >= 500) errors++;
      } catch {
        errors++;
        statusCounts.error = (statusCounts.error ?? 0) + 1;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    await pool.close();
  }
  const elapsed = (performance.now() - started) / 1000;
  const r = (v: number | null): number => Math.round((v ?? 0) * 10) / 10;
  return {
    urls,
    concurrency,
    durationS,
    requests: sent,
    errors,
    statusCounts,
    requestsPerSecond: Math.round((latencies.length / elapsed) * 10) / 10,
    latencyMs: {
      p50: r(percentile(latencies, 50)),
      p95: r(percentile(latencies, 95)),
      p99: r(percentile(latencies, 99)),
      max: r(Math.max(0, ...latencies)),
    },
  };
}

/** The load test's pages: home, category and product (cacheable) and the cart (not), of the first store view. */
export function loadTestUrls(pages: PageResult[], store: string): string[] {
  const kinds = ['home', 'category', 'product', 'cart'];
  return pages.filter((p) => p.store === store && kinds.includes(p.kind) && p.http?.status === 200).map((p) => p.url);
}
