import { assessBulletins, versionDisclosure, type BulletinKnowledge } from './bulletins.js';
import { header, PAGE_ACCEPT, type Net, type NetResponse } from './net.js';
import type { SecurityCheck, SecurityResult } from './types.js';

type Detect = (res: NetResponse, text: string) => string | null;

interface Probe {
  id: string;
  path: string;
  method?: 'GET';
  detect: Detect;
  /** A 200 that proves nothing either way (e.g. an empty body from an executed PHP file). */
  unknown?: (res: NetResponse, text: string) => string | null;
  /** Bytes read of an answer (default 64 KiB: the start of a file, never a whole backup). */
  readBytes?: number;
}

const READ_BYTES = 64 * 1024;

const ok200 = (res: NetResponse): boolean => res.status === 200;
const isHtmlPage = (text: string): boolean => /<html[\s>]/i.test(text);

/**
 * Every probe is one read-only GET of a path that a healthy store refuses; a finding needs positive evidence in the
 * answer (the file's own content), never just a status, so that a storefront answering 200 to anything is not called
 * exposed.
 */
export const SECURITY_PROBES: Probe[] = [
  {
    id: 'exposed:env.php',
    path: '/app/etc/env.php',
    detect: (res, t) =>
      ok200(res) && /'crypt'|'db'\s*=>|'backend'\s*=>/.test(t)
        ? 'the PHP source of env.php (database password, crypt key) is served'
        : null,
    unknown: (res, t) =>
      ok200(res) && t.trim() === ''
        ? 'answers 200 with an empty body: app/etc is under the document root (PHP ran it)'
        : null,
  },
  {
    id: 'exposed:git',
    path: '/.git/HEAD',
    detect: (res, t) =>
      ok200(res) && /^(ref: refs\/|[0-9a-f]{40}\s*$)/.test(t)
        ? `the Git repository is served (.git/HEAD: ${t.trim().slice(0, 60)})`
        : null,
  },
  {
    id: 'exposed:git',
    path: '/.git/config',
    detect: (res, t) => (ok200(res) && /^\s*\[core\]/m.test(t) ? 'the Git repository is served (.git/config)' : null),
  },
  ...['exception.log', 'system.log', 'debug.log'].map((name) => ({
    id: 'exposed:log',
    path: `/var/log/${name}`,
    detect: ((res, t) =>
      ok200(res) && /\]\s*[a-z_]+\.(CRITICAL|ERROR|WARNING|INFO|DEBUG|NOTICE):/.test(t)
        ? `Magento's ${name} is served`
        : null) as Detect,
  })),
  {
    id: 'exposed:composer.json',
    path: '/composer.json',
    detect: (res, t) =>
      ok200(res) && /"require"\s*:/.test(t) && !isHtmlPage(t)
        ? 'composer.json is served (package and version list)'
        : null,
  },
  {
    id: 'exposed:composer.lock',
    path: '/composer.lock',
    // Read whole (a lock is 0.3–1.5 MB): the product package's version is far down, and it is what runs.
    readBytes: 4 * 1024 * 1024,
    detect: (res, t) =>
      ok200(res) && /"packages"\s*:/.test(t) && !isHtmlPage(t)
        ? 'composer.lock is served (exact versions of every package)'
        : null,
  },
  ...['/phpinfo.php', '/info.php'].map((path) => ({
    id: 'exposed:phpinfo',
    path,
    detect: ((res, t) =>
      ok200(res) && /phpinfo\(\)|<title>PHP \d/.test(t) ? 'phpinfo() output is served' : null) as Detect,
  })),
  ...['/backup.sql', '/dump.sql', '/db.sql', '/database.sql', '/backup.zip', '/backup.tar.gz', '/var/backups/'].map(
    (path) => ({
      id: 'exposed:backup',
      path,
      detect: ((res, t) => {
        if (!ok200(res)) return null;
        const b = res.body;
        if (/^(-- MySQL dump|-- MariaDB dump|CREATE TABLE|INSERT INTO|SET NAMES)/m.test(t.slice(0, 4096)))
          return 'a SQL dump is served';
        if (b[0] === 0x1f && b[1] === 0x8b) return 'a gzip archive is served';
        if (b[0] === 0x50 && b[1] === 0x4b) return 'a zip archive is served';
        if (/<title>Index of/i.test(t) && /\.(sql|gz|tgz|zip)"/.test(t)) return 'a listing of backup files is served';
        return null;
      }) as Detect,
    }),
  ),
  {
    id: 'exposed:setup',
    path: '/setup/',
    detect: (res, t) =>
      ok200(res) && /Setup Wizard|ng-app="magento"|magento-setup|Magento Setup Tool/i.test(t)
        ? 'the web setup tool answers'
        : null,
  },
  ...['/media/mageup-verify-probe.php', '/static/mageup-verify-probe.php'].map((path) => ({
    id: 'php-exec',
    path,
    // A missing .php file handed to PHP answers with PHP's or PHP-FPM's own words; a denied one answers 403/404 HTML.
    detect: ((res, t) =>
      /No input file specified|Primary script unknown|^File not found\.\s*$/m.test(t)
        ? `*.php under ${path.split('/')[1]} is handed to PHP (HTTP ${res.status}: "${t.trim().slice(0, 40)}")`
        : null) as Detect,
  })),
  {
    id: 'version',
    path: '/magento_version',
    detect: (res, t) =>
      ok200(res) && /^Magento\/\d/.test(t.trim()) ? `the version is public: "${t.trim().slice(0, 60)}"` : null,
  },
  ...['/admin', '/backend'].map((path) => ({
    id: 'admin',
    path,
    detect: ((res, t) =>
      ok200(res) && /name="login\[username\]"/.test(t) && /admin__field|Magento Admin|adminhtml/i.test(t)
        ? `the admin login form answers at ${path}`
        : null) as Detect,
  })),
  ...['/media/', '/static/', '/pub/media/'].map((path) => ({
    id: 'listing',
    path,
    detect: ((res, t) =>
      ok200(res) && /<title>(Index of|Directory listing for) \//i.test(t)
        ? `a directory listing of ${path} is served`
        : null) as Detect,
  })),
  ...[
    '/rest/V1/customers/me',
    '/rest/V1/orders?searchCriteria[pageSize]=1',
    '/rest/V1/customers/search?searchCriteria[pageSize]=1',
    '/rest/V1/modules',
    '/rest/V1/invoices?searchCriteria[pageSize]=1',
  ].map((path) => ({
    id: `anonymous:rest ${path.split('?')[0]}`,
    path,
    detect: ((res, t) =>
      ok200(res) && /^\s*[[{]/.test(t) && !/"message"\s*:\s*"The consumer isn't authorized/.test(t)
        ? `answers data without a token: ${t.trim().slice(0, 80)}`
        : null) as Detect,
  })),
  {
    id: 'anonymous:graphql customer',
    path: '/graphql?query=' + encodeURIComponent('{customer{email firstname}}'),
    detect: (res, t) => {
      if (res.status !== 200) return null;
      try {
        const data = (JSON.parse(t) as { data?: { customer?: unknown } }).data;
        return data?.customer
          ? `the customer query answers without a token: ${JSON.stringify(data.customer).slice(0, 80)}`
          : null;
      } catch {
        return null;
      }
    },
  },
];

/** Answers whose bodies can tell the version (read only when the probe found the file's own content). */
const DISCLOSING = {
  version: 'magentoVersion',
  'exposed:composer.lock': 'composerLock',
  'exposed:composer.json': 'composerJson',
  'exposed:setup': 'setup',
} as const;

/**
 * Headers, cookies and the probes above for one origin (four at a time: each is one independent GET); with the
 * knowledge base, the bulletins exploited in the wild judged from the version those answers disclose.
 */
export async function probeSecurity(
  net: Net,
  origin: string,
  pages: string[],
  knowledge?: BulletinKnowledge,
): Promise<SecurityResult> {
  const result: SecurityResult = { origin, headers: {}, cookies: [], checks: [] };
  const cookies = new Map<string, SecurityResult['cookies'][number]>();
  for (const [i, url] of pages.entries()) {
    const res = await net.fetch(url, { headers: { accept: PAGE_ACCEPT } }).catch(() => null);
    if (!res) continue;
    // Headers of an error page or a timeout say nothing about the store's policy: left empty, judged "could not verify".
    if (i === 0 && res.status < 400)
      for (const name of [
        'content-security-policy',
        'content-security-policy-report-only',
        'strict-transport-security',
        'x-frame-options',
        'referrer-policy',
        'x-content-type-options',
        'permissions-policy',
        'x-powered-by',
        'server',
      ])
        result.headers[name] = header(res.headers, name);
    const set = res.headers['set-cookie'];
    for (const line of Array.isArray(set) ? set : set ? [set] : []) {
      const parsed = parseSetCookie(line);
      if (parsed && !cookies.has(parsed.name)) cookies.set(parsed.name, parsed);
    }
  }
  result.cookies = [...cookies.values()].sort((a, b) => a.name.localeCompare(b.name));
  const answers = await inOrder(SECURITY_PROBES, 4, (probe) => runProbe(net, origin, probe));
  result.checks = answers.map((a) => a.check);
  if (knowledge) {
    const bodies: Parameters<typeof versionDisclosure>[0] = {};
    for (const { check, body } of answers) {
      const key = DISCLOSING[check.id as keyof typeof DISCLOSING];
      if (key && body !== undefined) bodies[key] = body;
    }
    result.disclosure = versionDisclosure(bodies);
    result.bulletins = assessBulletins(result.disclosure, knowledge);
  }
  return result;
}

/** `fn` over every item, `width` at a time, results in the items' order. */
async function inOrder<T, R>(items: readonly T[], width: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

async function runProbe(net: Net, origin: string, probe: Probe): Promise<{ check: SecurityCheck; body?: string }> {
  const url = `${origin}${probe.path}`;
  const stopAfter = probe.readBytes ?? READ_BYTES;
  try {
    let res = await net.fetch(url, { headers: { accept: '*/*' }, stopAfter });
    // A trailing-slash or store-code redirect on the same origin is followed (twice at most), never another host.
    for (let hop = 0; hop < 2 && res.status >= 300 && res.status < 400; hop++) {
      const next = new URL(header(res.headers, 'location') ?? '', url);
      if (next.origin !== origin) break;
      res = await net.fetch(next.href, { headers: { accept: '*/*' }, stopAfter });
    }
    const text = res.body.subarray(0, READ_BYTES).toString('utf8');
    const body = res.status === 200 ? res.body.subarray(0, stopAfter).toString('utf8') : undefined;
    const evidence = probe.detect(res, text);
    if (evidence) return { check: { id: probe.id, url, status: res.status, verdict: 'exposed', evidence }, body };
    const unsure = probe.unknown?.(res, text);
    if (unsure) return { check: { id: probe.id, url, status: res.status, verdict: 'unknown', evidence: unsure } };
    return { check: { id: probe.id, url, status: res.status, verdict: 'ok' } };
  } catch (error) {
    return {
      check: {
        id: probe.id,
        url,
        status: null,
        verdict: 'unknown',
        evidence: error instanceof Error ? error.message : String(error),
      },
    };
  }
}

export function parseSetCookie(line: string): SecurityResult['cookies'][number] | null {
  const [pair, ...attrs] = line.split(';');
  const name = pair?.split('=')[0]?.trim();
  if (!name) return null;
  const lower = attrs.map((a) => a.trim().toLowerCase());
  const sameSite = lower.find((a) => a.startsWith('samesite='));
  return {
    name,
    secure: lower.includes('secure'),
    httpOnly: lower.includes('httponly'),
    sameSite: sameSite ? sameSite.slice(9) : null,
  };
}
