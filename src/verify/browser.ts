import { MageupError } from '../core/errors.js';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type ConsoleMessage,
  type Page,
  type Request,
  type Response,
} from 'playwright-core';
import type { BrowserObservation } from './types.js';

export const CHROMIUM_PATH = process.env.MAGEUP_CHROMIUM ?? '/usr/bin/chromium';
/** Debian's Chromium, headless, without sandbox (root in containers) and without any network of its own. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Magento's RequireJS loader and Knockout bindings fail with these words in the console or in exceptions. */
const REQUIREJS =
  /requirejs|require\.js|Script error for|Mismatched anonymous define|Load timeout for modules|mage\/requirejs/i;
const KNOCKOUT = /Unable to process binding|knockout|\bko\b\./i;

/** LCP is only observable from inside the page: an observer installed before any script runs. */
const LCP_OBSERVER = `(() => {
  window.__mageupLcp = null;
  try {
    new PerformanceObserver((list) => {
      const entries = list.getEntries();
      const last = entries[entries.length - 1];
      if (last) window.__mageupLcp = last.renderTime || last.startTime;
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  } catch (e) {}
})();`;

/**
 * Navigation timings of the page, run inside it. LCP entries reach a new observer on a later task, and on a loaded
 * machine the first contentful paint can come after `load`: it waits for an entry (50 ms after the last one), at
 * most 1.5 s, rather than a fixed moment that misses late paints.
 */
const NAV_TIMINGS = `new Promise((resolve) => {
  const nav = performance.getEntriesByType('navigation')[0];
  const done = (lcp) => resolve({ dcl: nav ? nav.domContentLoadedEventEnd : null, load: nav ? nav.loadEventEnd : null, lcp });
  let last = null;
  let po = null;
  let quiet = null;
  let cap = null;
  const finish = () => {
    clearTimeout(quiet);
    clearTimeout(cap);
    if (po) po.disconnect();
    done(last ? last.renderTime || last.startTime : window.__mageupLcp);
  };
  try {
    po = new PerformanceObserver((list) => {
      const e = list.getEntries();
      last = e[e.length - 1] || last;
      clearTimeout(quiet);
      quiet = setTimeout(finish, 50);
    });
    po.observe({ type: 'largest-contentful-paint', buffered: true });
    cap = setTimeout(finish, 1500);
  } catch (e) { done(window.__mageupLcp); }
})`;

export class BrowserUnavailable extends MageupError {
  override name = 'BrowserUnavailable';
}

/**
 * One headless Chromium (Debian's) for the run. Every host but the allowed ones resolves to nothing, so pages cannot
 * make the browser reach a third party (analytics, CDNs): those requests are listed as blocked, not as failures.
 */
export class StoreBrowser {
  private readonly idle = new WeakMap<BrowserContext, Page[]>();

  private constructor(
    private readonly browser: Browser,
    readonly allowedHosts: string[],
  ) {}

  static async launch(allowedHosts: string[]): Promise<StoreBrowser> {
    if (!existsSync(CHROMIUM_PATH))
      throw new BrowserUnavailable(
        `Chromium not found at ${CHROMIUM_PATH} (install Debian's chromium or set MAGEUP_CHROMIUM)`,
      );
    const names = [...new Set(allowedHosts.map((h) => h.replace(/:\d+$/, '')))];
    const rules = `MAP * ~NOTFOUND, ${names.map((n) => `EXCLUDE ${n}`).join(', ')}`;
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS, `--host-resolver-rules=${rules}`],
      timeout: 30_000,
    });
    return new StoreBrowser(browser, names);
  }

  async context(): Promise<BrowserContext> {
    const context = await this.browser.newContext({
      viewport: { width: 1280, height: 800 },
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome MageUp-verify/1',
      ignoreHTTPSErrors: false,
    });
    await context.addInitScript(LCP_OBSERVER);
    return context;
  }

  /**
   * Loads one page: console errors, uncaught exceptions, failed sub-requests, mixed content, RequireJS and Knockout
   * errors, navigation timings and LCP; a full-page screenshot when `screenshot` names a file.
   */
  async visit(
    context: BrowserContext,
    url: string,
    opts: { screenshot?: string; timeoutMs?: number; settleMs?: number } = {},
  ): Promise<BrowserObservation> {
    const page = this.idle.get(context)?.pop() ?? (await context.newPage());
    const obs: BrowserObservation = {
      status: null,
      consoleErrors: [],
      pageErrors: [],
      failedRequests: [],
      blockedHosts: [],
      mixedContent: [],
      requireJsErrors: [],
      knockoutErrors: [],
      domContentLoadedMs: null,
      loadMs: null,
      lcpMs: null,
    };
    const https = url.startsWith('https:');
    const blocked = new Set<string>();
    const onConsole = (m: ConsoleMessage): void => {
      if (m.type() !== 'error') return;
      const text = m.text().slice(0, 500);
      // Chromium reports each failed sub-request as a console error too; those are counted as failed requests.
      if (/^Failed to load resource/.test(text)) return;
      obs.consoleErrors.push(text);
      if (/Mixed Content/i.test(text)) obs.mixedContent.push(text);
      if (REQUIREJS.test(text)) obs.requireJsErrors.push(text);
      else if (KNOCKOUT.test(text)) obs.knockoutErrors.push(text);
    };
    const onPageError = (e: Error): void => {
      const text = `${e.name}: ${e.message}`.slice(0, 500);
      obs.pageErrors.push(text);
      if (REQUIREJS.test(text)) obs.requireJsErrors.push(text);
      else if (KNOCKOUT.test(text)) obs.knockoutErrors.push(text);
    };
    // Requests in flight, for the settle below (Magento's widgets load after `load`: RequireJS, customer sections).
    const network = new NetworkQuiet();
    const onRequest = (r: Request): void => {
      network.started();
      if (https && r.url().startsWith('http:')) obs.mixedContent.push(r.url());
    };
    const onRequestFinished = (): void => network.ended();
    const onRequestFailed = (r: Request): void => {
      network.ended();
      const reason = r.failure()?.errorText ?? 'failed';
      if (/ERR_NAME_NOT_RESOLVED/.test(reason) && !this.isAllowed(r.url())) {
        blocked.add(hostOf(r.url()));
        return;
      }
      // Navigations the page itself cancels (a redirect, a second navigation) are not broken resources.
      if (/ERR_ABORTED/.test(reason)) return;
      obs.failedRequests.push({ url: r.url(), reason });
    };
    const onResponse = (r: Response): void => {
      if (r.status() >= 400 && !r.request().isNavigationRequest())
        obs.failedRequests.push({ url: r.url(), reason: `HTTP ${r.status()}` });
    };
    page.on('console', onConsole);
    page.on('pageerror', onPageError);
    page.on('request', onRequest);
    page.on('requestfinished', onRequestFinished);
    page.on('requestfailed', onRequestFailed);
    page.on('response', onResponse);
    let reusable = true;
    try {
      const res = await page.goto(url, { waitUntil: 'load', timeout: opts.timeoutMs ?? 30_000 });
      obs.status = res?.status() ?? null;
      // Magento loads its widgets after `load` (RequireJS, customer sections): wait until no request has been in
      // flight for 500 ms (what "network idle" means), at most settleMs. Not a fixed sleep: a page that is quiet at
      // `load` costs 500 ms, not the whole bound.
      const settle = opts.settleMs ?? 1_500;
      if (settle > 0) await network.quiet(500, settle);
      const t = await page.evaluate<{ dcl: number | null; load: number | null; lcp: number | null }>(NAV_TIMINGS);
      obs.domContentLoadedMs = t.dcl === null ? null : Math.round(t.dcl);
      obs.loadMs = t.load === null ? null : Math.round(t.load);
      obs.lcpMs = t.lcp === null ? null : Math.round(t.lcp);
      if (opts.screenshot) {
        mkdirSync(dirname(opts.screenshot), { recursive: true });
        // A screenshot that does not come in time (a starved CPU) is a missing picture, not a page that did not load.
        await screenshot(page, opts.screenshot, Math.max(15_000, opts.timeoutMs ?? 0)).catch(() => undefined);
      }
    } catch (error) {
      obs.error = error instanceof Error ? error.message.split('\n')[0] : String(error);
      reusable = false;
    } finally {
      page.off('console', onConsole);
      page.off('pageerror', onPageError);
      page.off('request', onRequest);
      page.off('requestfinished', onRequestFinished);
      page.off('requestfailed', onRequestFailed);
      page.off('response', onResponse);
      // A tab is reused (a new renderer per page costs more than the page itself); one that failed is closed.
      if (reusable) {
        await page.goto('about:blank').catch(() => (reusable = false));
      }
      if (reusable) {
        const list = this.idle.get(context) ?? [];
        list.push(page);
        this.idle.set(context, list);
      } else await page.close().catch(() => undefined);
    }
    obs.blockedHosts = [...blocked].sort();
    return obs;
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
  }

  private isAllowed(url: string): boolean {
    return this.allowedHosts.includes(hostOf(url).replace(/:\d+$/, ''));
  }
}

/** Counts a page's requests in flight; `quiet(q, max)` resolves once none has been for q ms, or after max ms. */
class NetworkQuiet {
  private inflight = 0;
  private onChange: (() => void) | undefined;

  started(): void {
    this.inflight++;
    this.onChange?.();
  }

  ended(): void {
    this.inflight = Math.max(0, this.inflight - 1);
    this.onChange?.();
  }

  quiet(quietMs: number, maxMs: number): Promise<void> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = (): void => {
        clearTimeout(timer);
        clearTimeout(deadline);
        this.onChange = undefined;
        resolve();
      };
      const deadline = setTimeout(done, maxMs);
      this.onChange = (): void => {
        clearTimeout(timer);
        timer = this.inflight === 0 ? setTimeout(done, quietMs) : undefined;
      };
      this.onChange();
    });
  }
}

/** Full page, at most 6000 px tall (a huge page would make a huge file and a slow diff). */
async function screenshot(page: Page, file: string, timeoutMs: number): Promise<void> {
  const height = await page.evaluate<number>('document.documentElement.scrollHeight').catch(() => 800);
  await page.screenshot({
    path: file,
    fullPage: height <= 6000,
    ...(height > 6000 ? { clip: { x: 0, y: 0, width: 1280, height: 6000 } } : {}),
    animations: 'disabled',
    caret: 'hide',
    timeout: timeoutMs,
  });
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Screenshot file name of a page of a store. */
export function shotName(store: string, kind: string): string {
  return join('shots', `${store.replace(/[^A-Za-z0-9_-]/g, '_')}-${kind}.png`);
}
