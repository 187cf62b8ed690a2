import type { Finding } from '../core/finding.js';
import { normaliseMessage } from '../monitor/fingerprint.js';
import { cacheVerdict } from './net.js';
import { verifyFinding } from './rules.js';
import type { FlowResult, LoadTestResult, PageResult, PerfSeries, SecurityResult } from './types.js';

/** Server time above which a page is called slow (absolute; the baseline comparison is statistical). */
export const SLOW_PAGE_MS = 3000;

const shorten = (list: string[], n = 3): string =>
  list.slice(0, n).join(' | ') + (list.length > n ? ` (+${list.length - n} more)` : '');

/** Errors grouped by their normalised message (the monitor's masking of ids, numbers, URLs), in order of appearance. */
function distinct(errors: string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const e of errors) {
    const key = normaliseMessage(e);
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  return groups;
}

/** Findings of the smoke probe: statuses, redirects, time, and what the browser saw. */
export function judgePages(pages: PageResult[]): Finding[] {
  const out: Finding[] = [];
  for (const p of pages) {
    const at = `${p.kind} page ${p.url}`;
    const subject = p.kind;
    const http = p.http;
    if (http) {
      if (http.status === null) {
        const loop = /redirects/.test(http.error ?? '');
        out.push(
          verifyFinding(loop ? 'redirects' : 'unreachable', {
            store: p.store,
            subject,
            message: `${at}: ${http.error ?? 'no answer'}`,
            ...(p.expect === 'any' ? { severity: 'warning' as const } : {}),
          }),
        );
      } else if (p.expect === 'ok' && http.status >= 400) {
        out.push(
          verifyFinding('page-status', {
            store: p.store,
            subject,
            severity: http.status >= 500 ? 'critical' : 'error',
            message: `${at} answers HTTP ${http.status}${http.redirects.length ? ` (after redirects to ${http.finalUrl})` : ''}`,
          }),
        );
      } else if (p.expect === 'not-found' && http.status === 200) {
        out.push(
          verifyFinding('page-status', {
            store: p.store,
            subject,
            severity: 'warning',
            message: `the 404 page answers HTTP 200 (${p.url}): search engines index missing pages (soft 404)`,
          }),
        );
      } else if (p.expect === 'not-found' && http.status >= 500) {
        out.push(
          verifyFinding('page-status', {
            store: p.store,
            subject,
            severity: 'error',
            message: `the 404 page answers HTTP ${http.status} (${p.url})`,
          }),
        );
      } else if (p.kind === 'sitemap' && http.status !== 200) {
        out.push(
          verifyFinding('page-status', {
            store: p.store,
            subject,
            severity: 'info',
            message: `no sitemap at ${p.url} (HTTP ${http.status}): generate one (Marketing › Site Map) for search engines`,
          }),
        );
      }
      if (
        http.totalMs !== null &&
        http.totalMs > SLOW_PAGE_MS &&
        p.expect !== 'any' &&
        http.status !== null &&
        http.status < 400
      )
        out.push(
          verifyFinding('slow-page', {
            store: p.store,
            subject,
            message: `${at} took ${(http.totalMs / 1000).toFixed(1)} s (TTFB ${((http.ttfbMs ?? 0) / 1000).toFixed(1)} s)`,
          }),
        );
    }
    const b = p.browser;
    if (!b) continue;
    if (b.error)
      out.push(
        verifyFinding('unreachable', {
          store: p.store,
          subject: `${subject} browser`,
          severity: 'error',
          message: `${at} did not load in Chromium: ${b.error}`,
        }),
      );
    const pageErrors = b.pageErrors.filter((e) => !b.requireJsErrors.includes(e) && !b.knockoutErrors.includes(e));
    // One finding per distinct error (ids and numbers masked): against a baseline, a new exception on a page that
    // already threw another one is a regression of its own, not the page's old finding.
    for (const [key, errors] of distinct(pageErrors))
      out.push(
        verifyFinding('js-error', {
          store: p.store,
          subject: `${subject} ${key}`,
          message: `${at}: uncaught exception${errors.length > 1 ? ` (${errors.length}×)` : ''}: ${errors[0]}`,
        }),
      );
    for (const [key, errors] of distinct(b.requireJsErrors))
      out.push(
        verifyFinding('requirejs-error', {
          store: p.store,
          subject: `${subject} ${key}`,
          message: `${at}: ${errors[0]}`,
        }),
      );
    for (const [key, errors] of distinct(b.knockoutErrors))
      out.push(
        verifyFinding('knockout-error', {
          store: p.store,
          subject: `${subject} ${key}`,
          message: `${at}: ${errors[0]}`,
        }),
      );
    const consoleOnly = b.consoleErrors.filter(
      (e) => !b.requireJsErrors.includes(e) && !b.knockoutErrors.includes(e) && !b.mixedContent.includes(e),
    );
    if (consoleOnly.length > 0)
      out.push(
        verifyFinding('console-error', {
          store: p.store,
          subject,
          message: `${at}: ${consoleOnly.length} console error(s): ${shorten(consoleOnly)}`,
        }),
      );
    if (b.failedRequests.length > 0)
      out.push(
        verifyFinding('failed-request', {
          store: p.store,
          subject,
          message: `${at}: ${b.failedRequests.length} sub-request(s) failed: ${shorten(b.failedRequests.map((f) => `${f.url} (${f.reason})`))}`,
        }),
      );
    if (b.mixedContent.length > 0)
      out.push(
        verifyFinding('mixed-content', { store: p.store, subject, message: `${at}: ${shorten(b.mixedContent)}` }),
      );
  }
  return out;
}

/** Pages that should come from the full-page cache on a second request. */
export const CACHEABLE: ReadonlySet<string> = new Set(['home', 'cms', 'category', 'product', 'product-configurable']);

export function judgePerf(series: PerfSeries[], load: LoadTestResult | null): Finding[] {
  const out: Finding[] = [];
  for (const s of series) {
    if (CACHEABLE.has(s.kind) && cacheVerdict(s.cache) === 'MISS')
      out.push(
        verifyFinding('fpc-miss', {
          store: s.store,
          subject: s.kind,
          message: `${s.kind} page ${s.url} is not served from the full-page cache on a repeated request (${s.cache})`,
        }),
      );
  }
  if (load && !load.skipped && load.requests > 0 && load.errors / load.requests > 0.01)
    out.push(
      verifyFinding('load-errors', {
        subject: 'load',
        message: `${load.errors} of ${load.requests} requests failed under ${load.concurrency} concurrent connections for ${load.durationS} s (${JSON.stringify(load.statusCounts)})`,
      }),
    );
  return out;
}

export function judgeSecurity(results: SecurityResult[]): Finding[] {
  const out: Finding[] = [];
  for (const r of results) {
    const https = r.origin.startsWith('https:');
    const h = r.headers;
    const missing: string[] = [];
    // The home page did not answer: its headers could not be told (the file probes still count).
    const headersKnown = Object.keys(h).length > 0;
    const csp = h['content-security-policy'];
    const cspReport = h['content-security-policy-report-only'];
    if (!csp && !cspReport) missing.push('Content-Security-Policy');
    if (https && !h['strict-transport-security']) missing.push('Strict-Transport-Security');
    if (!h['x-frame-options'] && !/frame-ancestors/i.test(csp ?? '')) missing.push('X-Frame-Options');
    if (!h['referrer-policy']) missing.push('Referrer-Policy');
    if (!h['x-content-type-options']) missing.push('X-Content-Type-Options');
    for (const name of headersKnown ? missing : [])
      out.push(
        verifyFinding('security-header', {
          subject: `${r.origin} ${name}`,
          message: `${r.origin}: no ${name} header on the home page`,
        }),
      );
    // Magento_Csp's etc/config.xml sets storefront report_only=1; Magento_Checkout's (2.4.7+) sets 0 for checkout only.
    if (headersKnown && !csp && cspReport)
      out.push(
        verifyFinding('security-header', {
          subject: `${r.origin} csp-report-only`,
          severity: 'info',
          message: `${r.origin}: Content-Security-Policy is in report-only mode (Magento's default on storefront pages — 2.4.7 enforces it on the checkout page only): it reports, it does not block`,
        }),
      );
    for (const c of r.cookies) {
      if (!/^(PHPSESSID|admin)$/i.test(c.name)) continue;
      const lacks = [
        https && !c.secure ? 'Secure' : '',
        !c.httpOnly ? 'HttpOnly' : '',
        !c.sameSite ? 'SameSite' : '',
      ].filter(Boolean);
      if (lacks.length > 0)
        out.push(
          verifyFinding('cookie-flags', {
            subject: `${r.origin} ${c.name}`,
            message: `${r.origin}: session cookie ${c.name} lacks ${lacks.join(', ')}`,
          }),
        );
    }
    out.push(...judgeBulletins(r));
    for (const c of r.checks) {
      if (c.verdict !== 'exposed') continue;
      const rule = RULE_OF_CHECK[c.id.split(':')[0]!] ?? 'exposed-file';
      out.push(
        verifyFinding(rule, {
          subject: `${r.origin} ${c.id}`,
          ...(c.id.startsWith('exposed:') ? { severity: EXPOSED_SEVERITY[c.id.slice(8)] ?? 'error' } : {}),
          message: `${c.url} (HTTP ${c.status}): ${c.evidence ?? 'served'}`,
        }),
      );
    }
  }
  return out;
}

/**
 * One critical finding per exploited bulletin the disclosed version lacks; one info finding naming those the store's
 * answers cannot tell ("could not verify", never a guess). Baselines saved before this probe have no `bulletins`.
 */
function judgeBulletins(r: SecurityResult): Finding[] {
  if (!r.bulletins) return [];
  const out: Finding[] = [];
  const label = (b: { bulletin: string; name: string | null; cves: string[] }): string =>
    `${b.bulletin}${b.name ? ` ${b.name}` : ''} (${b.cves.join(', ')})`;
  for (const b of r.bulletins.filter((x) => x.verdict === 'exposed'))
    out.push(
      verifyFinding('exploited-bulletin', {
        subject: `${r.origin} ${b.bulletin}`,
        message:
          `Exploited in the wild: ${label(b)}: ${b.reason}; unless its isolated patch or hotfix was applied by hand, ` +
          `${r.origin} is open to an attack in use (exploitation: ${b.exploitedSource})`,
        recommendation:
          `${b.fixedIn ? `Move to ${b.fixedIn}` : 'Upgrade to a release that fixes it'} or apply Adobe's isolated patch now; ` +
          `then stop disclosing the version. Bulletin: ${b.url}`,
      }),
    );
  const unknown = r.bulletins.filter((x) => x.verdict === 'unknown');
  if (unknown.length > 0) {
    const reasons = new Map<string, string[]>();
    for (const b of unknown) reasons.set(b.reason, [...(reasons.get(b.reason) ?? []), label(b)]);
    out.push(
      verifyFinding('exploited-bulletin', {
        subject: `${r.origin} unverified`,
        severity: 'info',
        message:
          `could not verify ${r.origin} against ${unknown.length} bulletin(s) exploited in the wild: ` +
          [...reasons].map(([reason, list]) => `${list.join(', ')}: ${reason}`).join('; '),
        recommendation:
          'A running store shows its patch level only through the version it discloses; run `mageup check` on the ' +
          'project: it reads the release and the isolated patches from the code itself.',
      }),
    );
  }
  return out;
}

const RULE_OF_CHECK: Record<string, string> = {
  exposed: 'exposed-file',
  'php-exec': 'php-in-media',
  version: 'version-disclosure',
  admin: 'admin-path',
  listing: 'directory-listing',
  anonymous: 'api-anonymous',
};

const EXPOSED_SEVERITY: Record<string, 'critical' | 'error' | 'warning'> = {
  'env.php': 'critical',
  git: 'critical',
  backup: 'critical',
  log: 'error',
  phpinfo: 'error',
  setup: 'error',
  'composer.json': 'warning',
  'composer.lock': 'warning',
};

export function judgeFlows(flows: FlowResult[]): Finding[] {
  return flows
    .filter((f) => !f.ok)
    .map((f) => {
      const failed = f.steps.find((s) => !s.ok);
      return verifyFinding('flow-failed', {
        store: f.store,
        subject: `${f.name} ${failed?.name ?? ''}`,
        message: `${f.name} flow stopped at "${failed?.name ?? 'start'}": ${failed?.detail ?? f.error ?? 'failed'}`,
      });
    });
}
