import { cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const FIXTURE = new URL('../fixtures/monitor/var', import.meta.url).pathname;

/** The fixture logs in a temporary var/: the rotated exception log gzipped, the error report dated after the cutover. */
export function fixtureVar(): string {
  const work = mkdtempSync(join(tmpdir(), 'mageup-monitor-'));
  cpSync(FIXTURE, join(work, 'var'), { recursive: true });
  const rotated = join(work, 'var', 'log', 'exception.log.1');
  writeFileSync(`${rotated}.gz`, gzipSync(readFileSync(rotated)));
  rmSync(rotated);
  const report = join(work, 'var', 'report', '1733130000123');
  utimesSync(report, new Date('2026-12-02T10:00:00Z'), new Date('2026-12-02T10:00:00Z'));
  return work;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function clf(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/**
 * An nginx access log (combined + `rt=$request_time`) of 2,000 requests a day on each side of the 2026-12-02T06:00Z
 * cutover: checkout answers 502 20 times as often after it, product pages take 4× longer.
 */
export function writeAccessLog(file: string): void {
  const start = Date.parse('2026-12-01T06:00:00Z');
  const lines: string[] = [];
  const routes = [
    '/catalog/category/view/id/3',
    '/catalog/product/view/id/5',
    '/checkout/cart/',
    '/rest/V1/carts/mine',
    '/graphql',
    '/static/frontend/x.js',
    '/women.html',
  ];
  for (let i = 0; i < 4000; i++) {
    const t = start + Math.floor((i * 48 * 3_600_000) / 4000);
    const afterCutover = i >= 2000;
    const path = routes[i % routes.length]!;
    // Checkout is every 7th request: 1 in 100 of them fails before the cutover, 1 in 5 after.
    const status = path === '/checkout/cart/' && i % (afterCutover ? 35 : 700) === 2 ? 502 : 200;
    const rt = path.startsWith('/catalog/product') ? (afterCutover ? 0.4 : 0.1) : 0.05;
    lines.push(
      `198.51.100.${i % 250} - - [${clf(t)}] "GET ${path} HTTP/1.1" ${status} 512 "-" "Mozilla/5.0" rt=${rt.toFixed(3)}`,
    );
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}

/** A PHP-FPM slow log: the same custom controller slow twice before the cutover and five times after. */
export function writeSlowLog(file: string): void {
  const entry = (when: string): string =>
    `\n[${when}]  [pool www] pid 4242\nscript_filename = /var/www/releases/42/pub/index.php\n` +
    `[0x00007f3a1c0153a0] curl_exec() /var/www/releases/42/vendor/magento/framework/HTTP/Client/Curl.php:466\n` +
    `[0x00007f3a1c015300] fetchStock() /var/www/releases/42/app/code/Acme/Storefront/Controller/Index/Index.php:31\n` +
    `[0x00007f3a1c015200] execute() /var/www/releases/42/vendor/magento/framework/App/Action/Action.php:111\n`;
  const before = ['01-Dec-2026 10:00:00', '01-Dec-2026 11:00:00'];
  const after = [
    '02-Dec-2026 10:00:00',
    '02-Dec-2026 11:00:00',
    '02-Dec-2026 12:00:00',
    '02-Dec-2026 13:00:00',
    '02-Dec-2026 14:00:00',
  ];
  writeFileSync(file, [...before, ...after].map(entry).join(''));
}
