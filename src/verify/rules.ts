import { makeFinding, type Finding, type FindingCategory, type Severity } from '../core/finding.js';
import type { RuleMeta } from '../rules/rule.js';

const storefront = (
  id: string,
  severity: Severity,
  description: string,
  docs: string,
  category: FindingCategory = 'storefront',
): RuleMeta => ({ id: `verify/${id}`, severity, category, description, docs });

/** Every finding `mageup verify` makes, by rule id (what SARIF and the docs describe). */
export const VERIFY_RULES: RuleMeta[] = [
  storefront(
    'page-status',
    'critical',
    'A storefront page answers an error or the wrong status',
    'A page every customer meets (home, category, product, cart, login…) answers 5xx or 4xx, or the 404 page answers 200. Read the server log (var/log/exception.log) for the request.',
  ),
  storefront(
    'redirects',
    'error',
    'A page redirects in a loop or more than 5 times',
    'Check the base URLs (web/unsecure/base_url, web/secure/base_url) and the web server rewrites.',
  ),
  storefront(
    'unreachable',
    'critical',
    'A page could not be fetched (timeout, connection refused)',
    'The store did not answer within the timeout.',
  ),
  storefront(
    'slow-page',
    'warning',
    'A page takes longer than 3 s to answer',
    'Server time above 3 s loses customers; check the full-page cache, indexers and slow plugins (a profiler such as Blackfire or the built-in profiler).',
  ),
  storefront(
    'js-error',
    'error',
    'An uncaught JavaScript exception on a page',
    'The storefront’s JavaScript throws: widgets, the mini-cart or checkout may not work. The message names the script.',
  ),
  storefront(
    'console-error',
    'warning',
    'The browser console shows errors on a page',
    'Errors logged by the page’s scripts; often a broken widget or a missing translation file.',
  ),
  storefront(
    'failed-request',
    'warning',
    'A page’s scripts, styles or images fail to load',
    'Missing static files usually mean setup:static-content:deploy was not run for this theme or locale, or a module’s web asset moved.',
  ),
  storefront(
    'requirejs-error',
    'error',
    'RequireJS cannot load a module',
    'A RequireJS map, mixin or path points at a module that no longer exists (check `mageup check` overrides/requirejs-* findings) or static content is stale.',
  ),
  storefront(
    'knockout-error',
    'error',
    'A Knockout binding fails',
    'A UI component template or its view model changed; customized checkout and mini-cart templates are the usual cause.',
  ),
  storefront(
    'mixed-content',
    'error',
    'An HTTPS page loads content over HTTP',
    'Browsers block it: set web/secure/base_url, base_link_url and the static/media URLs to https.',
    'security',
  ),
  storefront(
    'fpc-miss',
    'warning',
    'A cacheable page is not served from the full-page cache',
    'Asked twice, the page was still a MISS: a block with cacheable="false", a session-dependent block or a disabled full_page cache type.',
  ),
  storefront(
    'security-header',
    'warning',
    'A security header is missing or weak',
    'Content-Security-Policy (enforced, not report-only), Strict-Transport-Security on HTTPS, X-Frame-Options (or CSP frame-ancestors), Referrer-Policy and X-Content-Type-Options protect customers against injection, clickjacking and leaks.',
    'security',
  ),
  storefront(
    'cookie-flags',
    'warning',
    'A session cookie lacks Secure, HttpOnly or SameSite',
    'Set web/cookie/cookie_httponly, use HTTPS only (Secure) and a SameSite policy for the session cookie.',
    'security',
  ),
  storefront(
    'exposed-file',
    'critical',
    'A file that must never be public is served',
    'app/etc/env.php holds the database password and crypt key; .git/ holds the code; logs, backups and composer files tell an attacker what to attack. Serve pub/ as the document root and deny these paths.',
    'security',
  ),
  storefront(
    'php-in-media',
    'error',
    'PHP is handed to the interpreter under /media or /static',
    'An uploaded file could be executed: deny *.php under pub/media and pub/static (Magento’s nginx sample and .htaccess do).',
    'security',
  ),
  storefront(
    'version-disclosure',
    'warning',
    'The exact Magento version is public',
    '/magento_version tells an attacker which bulletins apply; block it at the web server.',
    'security',
  ),
  storefront(
    'exploited-bulletin',
    'critical',
    'The version the store discloses lacks the fix of a vulnerability exploited in the wild',
    'The store tells its Magento version (`/magento_version` prints the line, a served `composer.lock` or ' +
      '`composer.json` or the web setup tool’s page the exact release), and that release lacks the fix of an Adobe bulletin exploited in the wild ' +
      '(CosmicSting APSB24-40, SessionReaper APSB25-88, TrojanOrder APSB22-12, and the exploited isolated patches and ' +
      'hotfixes since July 2026). No request is sent for it: the answers of the other security probes are read against ' +
      'the knowledge base (`mageup kb status`), never an exploit payload. A version cannot show an isolated patch or ' +
      'hotfix applied by hand, so the finding says "unless"; when the store discloses no version or only a line that ' +
      'holds fixed and unfixed releases, one info finding says it could not verify (the static deployment stamp dates ' +
      'a static-content deploy, not the code). Fix: upgrade to the release named, or apply the isolated patch now; then ' +
      'stop disclosing the version. `mageup check` on the project reads the patch level from the code itself.',
    'security',
  ),
  storefront(
    'admin-path',
    'warning',
    'The admin login answers at a guessable path',
    'Use a custom admin path (backend/frontName) and restrict it by IP or VPN.',
    'security',
  ),
  storefront(
    'directory-listing',
    'error',
    'A directory listing is served',
    'Turn off autoindex / Options Indexes.',
    'security',
  ),
  storefront(
    'api-anonymous',
    'critical',
    'An API endpoint that must refuse anonymous callers answers them',
    'Customer, order and admin data must need a token; check webapi.xml resources and custom GraphQL resolvers’ authorization.',
    'security',
  ),
  storefront(
    'load-errors',
    'error',
    'Requests fail under a light, bounded load',
    'Errors or timeouts with a few concurrent users: PHP-FPM workers, database connections or locks.',
  ),
  storefront(
    'flow-failed',
    'critical',
    'A customer journey fails (add to cart, checkout, registration, login)',
    'The step named is where the browser could not go on; its screenshot and the console errors tell why.',
  ),
  storefront(
    'perf-regression',
    'warning',
    'A page got slower than in the baseline (statistically significant)',
    'Mann-Whitney U over the samples (p < 0.05) and a median slower by more than 20 % and 50 ms: not noise.',
  ),
  storefront(
    'load-regression',
    'warning',
    'Throughput or tail latency under load got worse than in the baseline',
    'Requests per second down by more than 20 % or p95 latency up by more than 50 % with the same concurrency and duration.',
  ),
  storefront(
    'fpc-regression',
    'error',
    'A page served from the full-page cache before is not any more',
    'Something made the page uncacheable: a block with cacheable="false" in a layout, or the cache type disabled.',
  ),
  storefront(
    'graphql-removed',
    'error',
    'A GraphQL type or field of the baseline is gone or changed',
    'PWA Studio, headless front ends and apps that query it will fail.',
  ),
  storefront(
    'graphql-unavailable',
    'error',
    'GraphQL introspection worked in the baseline and does not now',
    'The endpoint answers an error, or introspection was turned off.',
  ),
  storefront(
    'rest-changed',
    'error',
    'A REST endpoint answers differently than in the baseline',
    'A route of webapi.xml or its ACL changed.',
  ),
  storefront(
    'visual-change',
    'warning',
    'A page looks different than in the baseline',
    'Pixel difference above the threshold; the diff image shows where.',
  ),
  storefront(
    'page-gone',
    'warning',
    'A page probed in the baseline could not be probed now',
    'The page or the link to it disappeared.',
  ),
];

const META = new Map(VERIFY_RULES.map((r) => [r.id, r]));

export function verifyRuleMeta(id: string): RuleMeta | undefined {
  return META.get(id);
}

/**
 * A verify finding. The fingerprint comes from rule + store + subject (never the URL of a product or a timing), so
 * the same problem before and after an upgrade has the same fingerprint.
 */
export function verifyFinding(
  rule: string,
  input: {
    store?: string;
    subject: string;
    message: string;
    recommendation?: string;
    severity?: Severity;
    details?: string;
  },
): Finding {
  const meta = META.get(`verify/${rule}`);
  if (!meta) throw new Error(`unknown verify rule ${rule}`);
  return makeFinding({
    ruleId: meta.id,
    severity: input.severity ?? meta.severity,
    category: meta.category,
    message: input.message,
    recommendation: input.recommendation ?? meta.docs,
    subject: `${input.store ?? '*'} ${input.subject}`,
    ...(input.details ? { details: input.details } : {}),
    fingerprint: fingerprint(meta.id, input.store ?? '*', input.subject),
  });
}

function fingerprint(rule: string, store: string, subject: string): string {
  return makeFinding({
    ruleId: rule,
    severity: 'info',
    category: 'storefront',
    message: '',
    recommendation: '',
    subject: `${store}\0${subject}`,
    file: '',
  }).fingerprint;
}
