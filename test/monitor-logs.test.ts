import { strict as assert } from 'node:assert';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { readLines } from '../src/monitor/lines.js';
import { MagentoLogParser, type LogRecord } from '../src/monitor/magento-log.js';
import { normaliseMessage } from '../src/monitor/fingerprint.js';
import { LatencyHistogram, parseAccessLine, routeFamily } from '../src/monitor/access-log.js';
import { parseReport } from '../src/monitor/scan.js';
import { parseTime } from '../src/monitor/time.js';
import { runMonitor } from '../src/monitor/index.js';
import { fixtureVar, FIXTURE } from './helpers/monitor-fixture.js';

const SAMPLE_STORE = new URL('../examples/sample-store', import.meta.url).pathname;
const CUTOVER = Date.parse('2026-12-02T06:00:00Z');

function parse(text: string): { records: LogRecord[]; orphans: number } {
  const records: LogRecord[] = [];
  const p = new MagentoLogParser((r) => records.push(r));
  for (const line of text.split('\n')) p.push(line);
  p.flush();
  return { records, orphans: p.orphanLines };
}

describe('Magento log records', () => {
  it('reads Monolog 2 records with a multi-line context and stack trace', () => {
    const { records } = parse(readFileSync(join(FIXTURE, 'log', 'exception.log'), 'utf8'));
    assert.equal(records.length, 18);
    const feed = records.find((r) => r.message.startsWith('Feed'))!;
    assert.equal(feed.level, 'CRITICAL');
    assert.equal(feed.channel, 'main');
    assert.equal(feed.message, 'Feed 1000 failed: invalid product id 98765');
    assert.equal(feed.exceptionClass, 'Magento\\Framework\\Exception\\LocalizedException');
    assert.equal(feed.time, Date.parse('2026-12-02T09:20:00Z'));
    assert.deepEqual(
      feed.frames.map((f) => [f.path.replace('/var/www/releases/42/', ''), f.line, f.call]),
      [
        ['app/code/Acme/Catalog/Model/FeedExporter.php', 55, ''],
        ['app/code/Acme/Catalog/Cron/ExportFeed.php', 21, 'Acme\\Catalog\\Model\\FeedExporter->export'],
        [
          'vendor/magento/module-cron/Observer/ProcessCronQueueObserver.php',
          378,
          'Acme\\Catalog\\Cron\\ExportFeed->execute',
        ],
      ],
    );
  });

  it('reads Monolog 1 timestamps (no zone: UTC) and counts lines before the first header as orphans', () => {
    const { records, orphans } = parse('garbage\n#1 {main}\n[2026-12-01 10:00:00] report.ERROR: boom [] []\n');
    assert.equal(orphans, 2);
    assert.equal(records[0]!.time, Date.parse('2026-12-01T10:00:00Z'));
    assert.equal(records[0]!.message, 'boom');
    assert.equal(
      parse('[2026-12-01T10:00:00+02:00] a.ERROR: x [] []')!.records[0]!.time,
      Date.parse('2026-12-01T08:00:00Z'),
    );
  });

  it('masks what varies between occurrences and keeps what names the error', () => {
    assert.equal(
      normaliseMessage('Feed 1001 failed: invalid product id 98778'),
      normaliseMessage('Feed 1000 failed: invalid product id 98765'),
    );
    assert.equal(
      normaliseMessage('Item with the same ID "200" already exists at /srv/x/app/code/Acme/A/B.php:12'),
      'Item with the same ID "<v>" already exists at app/code/Acme/A/B.php',
    );
    assert.equal(normaliseMessage('Class "Acme\\Foo\\Bar" does not exist'), 'Class "Acme\\Foo\\Bar" does not exist');
    assert.equal(
      normaliseMessage('mail to bob@example.com via https://x.test/a?b=1 failed'),
      'mail to <email> via <url> failed',
    );
    assert.equal(
      normaliseMessage('token 9f86d081884c7d65 uuid 123e4567-e89b-12d3-a456-426614174000'),
      'token <hex> uuid <uuid>',
    );
  });

  it('reads error reports as JSON and as PHP-serialized arrays', () => {
    assert.deepEqual(parseReport('{"0":"boom","1":"#0 /a.php(1): x()","url":"/x"}'), {
      message: 'boom',
      trace: '#0 /a.php(1): x()',
      url: '/x',
    });
    assert.deepEqual(parseReport('a:2:{i:0;s:6:"héllo";i:1;s:3:"#0 ";}'), { message: 'héllo', trace: '#0 ' });
    assert.equal(parseReport('nothing'), undefined);
    assert.equal(parseReport('{"0": 3}'), undefined);
  });
});

describe('line reader', () => {
  let work: string;
  before(() => (work = mkdtempSync(join(tmpdir(), 'mageup-lines-'))));
  after(() => rmSync(work, { recursive: true, force: true }));

  const collect = async (file: string, opts: { start?: number; holdUnterminated?: boolean } = {}) => {
    const lines: string[] = [];
    const stats = await readLines(file, { ...opts, onLine: (l) => lines.push(l) });
    return { lines, stats };
  };

  it('reads gzip by its magic bytes, CRLF, a truncated last line and binary garbage', async () => {
    const f = join(work, 'mixed.log');
    writeFileSync(
      f,
      Buffer.concat([Buffer.from('one\r\ntwo\n'), Buffer.from([0, 1, 2, 0xff, 10]), Buffer.from('three')]),
    );
    const { lines, stats } = await collect(f);
    assert.deepEqual(lines, ['one', 'two', 'three']);
    assert.equal(stats.binary, 1);
    assert.equal(stats.unterminated, true);
    assert.equal(stats.complete, 14);
    const held = await collect(f, { holdUnterminated: true });
    assert.deepEqual(held.lines, ['one', 'two']);
    const gz = join(work, 'rotated.log.1');
    writeFileSync(gz, gzipSync('a\nb\n'));
    assert.deepEqual((await collect(gz)).lines, ['a', 'b']);
  });

  it('reads a damaged gzip up to the damage', async () => {
    const gz = join(work, 'damaged.gz');
    const full = gzipSync(Buffer.from('line\n'.repeat(20_000)));
    writeFileSync(gz, full.subarray(0, Math.floor(full.length / 2)));
    const { lines, stats } = await collect(gz);
    assert.ok(stats.gzipError);
    assert.ok(lines.length > 0 && lines.length < 20_000);
  });

  it('resumes at an offset (what --follow does)', async () => {
    const f = join(work, 'grow.log');
    writeFileSync(f, 'a\nb\n');
    const first = await collect(f);
    appendFileSync(f, 'c\nd');
    const next = await collect(f, { start: first.stats.complete, holdUnterminated: true });
    assert.deepEqual(next.lines, ['c']);
  });

  it('streams a 2 GB sparse file without a newline in constant memory', async () => {
    const f = join(work, 'sparse.log');
    writeFileSync(f, '');
    truncateSync(f, 2 * 1024 ** 3);
    const tail = '\n[2026-12-02T10:00:00+00:00] main.CRITICAL: after the hole [] []\n';
    appendFileSync(f, tail);
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const records: LogRecord[] = [];
    const parser = new MagentoLogParser((r) => records.push(r));
    const stats = await readLines(f, {
      onLine: (l) => {
        parser.push(l);
        peak = Math.max(peak, process.memoryUsage().rss);
      },
    });
    parser.flush();
    peak = Math.max(peak, process.memoryUsage().rss);
    assert.equal(stats.bytes, 2 * 1024 ** 3 + tail.length);
    assert.equal(stats.binary, 1);
    assert.equal(stats.cut, 1);
    assert.deepEqual(
      records.map((r) => r.message),
      ['after the hole'],
    );
    assert.ok(peak - rssBefore < 200 * 1024 * 1024, `memory grew by ${Math.round((peak - rssBefore) / 1e6)} MB`);
  });
});

describe('access logs', () => {
  it('reads the combined format with nginx and Apache request times', () => {
    const base = '203.0.113.9 - - [02/Dec/2026:07:00:01 +0100] "GET /checkout/cart/ HTTP/1.1" 502 153 "-" "curl/8"';
    assert.deepEqual(parseAccessLine(`${base} 0.250`), {
      time: Date.parse('2026-12-02T06:00:01Z'),
      method: 'GET',
      path: '/checkout/cart/',
      status: 502,
      latencyMs: 250,
    });
    assert.equal(parseAccessLine(`${base} rt=1.5 urt="1.499"`)!.latencyMs, 1500);
    assert.equal(parseAccessLine(`${base} D=250000`)!.latencyMs, 250);
    assert.equal(parseAccessLine(`${base} 250000`)!.latencyMs, undefined, 'a bare integer is ambiguous');
    assert.equal(parseAccessLine('not a log line'), undefined);
  });

  it('sorts requests into route families', () => {
    const cases: [string, string][] = [
      ['/', 'home'],
      ['/rest/V1/carts/mine/payment-information', 'rest'],
      ['/graphql?query=x', 'graphql'],
      ['/backoffice/sales/order/', 'admin'],
      ['/checkout/onepage/success/', 'checkout'],
      ['/customer/account/login/', 'customer'],
      ['/catalogsearch/result/?q=x', 'search'],
      ['/catalog/product/view/id/5', 'product'],
      ['/catalog/category/view/id/3', 'category'],
      ['/women/tops.html', 'catalog-url'],
      ['/static/version1/frontend/x.js', 'static'],
      ['/index.php/rest/V1/x', 'rest'],
    ];
    for (const [path, family] of cases) assert.equal(routeFamily(path, 'backoffice'), family, path);
  });

  it('gives quantiles within 2 %', () => {
    const h = new LatencyHistogram();
    for (let i = 1; i <= 1000; i++) h.add(i);
    for (const [q, exact] of [
      [0.5, 500],
      [0.95, 950],
      [0.99, 990],
    ] as const) {
      const got = h.quantile(q)!;
      assert.ok(Math.abs(got - exact) / exact <= 0.021, `${q}: ${got} vs ${exact}`);
    }
  });
});

describe('times on the command line', () => {
  it('reads ISO times (UTC without a zone) and durations', () => {
    assert.equal(parseTime('2026-12-01T06:00'), Date.parse('2026-12-01T06:00:00Z'));
    assert.equal(parseTime('2026-12-01'), Date.parse('2026-12-01T00:00:00Z'));
    assert.equal(parseTime('2026-12-01 06:00:00+0100'), Date.parse('2026-12-01T05:00:00Z'));
    assert.equal(parseTime('24h', 1e10), 1e10 - 86_400_000);
    assert.throws(() => parseTime('yesterday'), /not a time/);
  });
});

describe('error classes before and after the cutover', () => {
  let work: string;
  before(() => (work = fixtureVar()));
  after(() => rmSync(work, { recursive: true, force: true }));

  it('groups, attributes and compares the fixture logs', async () => {
    const { result } = await runMonitor({
      path: SAMPLE_STORE,
      logDir: join(work, 'var', 'log'),
      cutover: CUTOVER,
      dsn: false,
    });
    const byStatus = (s: string) => result.errors.filter((e) => e.status === s);
    const feed = result.errors.find((e) => e.sample.startsWith('Feed'))!;
    assert.equal(feed.status, 'new');
    assert.equal(feed.count, 6, 'six messages with different ids are one class');
    assert.deepEqual(
      [feed.origin?.module, feed.origin?.owner, feed.origin?.file],
      ['Acme_Catalog', 'custom', 'app/code/Acme/Catalog/Model/FeedExporter.php'],
    );
    assert.deepEqual(Object.values(feed.perHour), [1, 1, 1, 1, 1, 1]);
    const mail = result.errors.find((e) => e.sample.startsWith('Unable to send mail'))!;
    assert.equal(mail.status, 'steady');
    assert.deepEqual([mail.before, mail.after], [4, 4], 'the rotated gzip file is read');
    assert.equal(mail.origin?.owner, 'core');
    assert.deepEqual(
      byStatus('increased').map((e) => e.origin?.module),
      ['Magefan_LoginAsCustomer'],
    );
    assert.deepEqual(
      byStatus('gone').map((e) => e.origin?.module),
      ['Acme_Checkout'],
    );
    const report = result.errors.find((e) => e.sources.includes('var/report'))!;
    assert.equal(report.origin?.file, 'app/code/Acme/Catalog/Plugin/OutletProductNamePlugin.php');
    assert.equal(report.status, 'new');
    assert.equal(result.rateBasis.unit, 'per-hour');
    assert.match(result.rateBasis.note!, /traffic could not be verified/);
    assert.deepEqual(result.noise.byFile['system.log'], { INFO: 24 });
    assert.equal(result.noise.debugLogAfterCutover, 17);
    // The copy of the feed error in debug.log is noise: the class still counts 6.
    assert.deepEqual(result.noise.byFile['debug.log'], { DEBUG: 16, CRITICAL: 1 });
    const cron = result.errors.find((e) => e.sample.startsWith('Cron Job acme_catalog_feed_export'))!;
    assert.deepEqual(
      [cron.status, cron.origin?.module, cron.origin?.file],
      ['new', 'Acme_Catalog', 'app/code/Acme/Catalog/etc/crontab.xml'],
    );
    assert.deepEqual(
      result.findings.map((f) => `${f.severity} ${f.ruleId} ${f.module ?? ''}`),
      [
        'error monitor/new-error Acme_Catalog',
        'error monitor/new-error Acme_Catalog',
        'error monitor/new-error Acme_Catalog',
        'error monitor/error-rate-increase Magefan_LoginAsCustomer',
        'warning monitor/new-error ',
        'info monitor/error-gone Acme_Checkout',
        'info monitor/debug-logging ',
      ],
    );
    assert.ok(result.problems.some((p) => p.code === 'report-unreadable' && p.file!.endsWith('garbage.txt')));
  });

  it('says it cannot tell "new" when the logs start after the cutover', async () => {
    const { result } = await runMonitor({
      path: SAMPLE_STORE,
      logDir: join(work, 'var', 'log'),
      cutover: Date.parse('2026-11-01T00:00:00Z'),
      dsn: false,
    });
    assert.equal(result.coverage.beforeHours, 0);
    const feed = result.findings.find((f) => f.message.includes('Feed'))!;
    assert.equal(feed.severity, 'warning');
    assert.match(feed.message, /could not verify it is new/);
  });

  it('keeps only what happened since --since', async () => {
    const { result } = await runMonitor({
      path: SAMPLE_STORE,
      logDir: join(work, 'var', 'log'),
      since: CUTOVER,
      dsn: false,
    });
    assert.ok(result.errors.every((e) => e.before === 0 && e.status === 'seen'));
    assert.ok(!result.errors.some((e) => e.sample.includes('Undefined array key')));
    assert.ok(result.findings.every((f) => f.ruleId !== 'monitor/new-error'));
  });
});

describe('formats met on a real 2.4.7 store', () => {
  it('reads an exception logged as its string (no context) and a report in Magento backtrace format', () => {
    const { records } = parse(
      '[2026-12-03T16:58:02.412172+00:00] main.CRITICAL: Magento\\Framework\\Webapi\\Exception: Server cannot match "text/html" in /srv/m247/vendor/magento/framework/Webapi/Rest/Response/RendererFactory.php:84\n' +
        'Stack trace:\n#0 /srv/m247/vendor/magento/framework/Webapi/Rest/Response/RendererFactory.php(54): Magento\\Framework\\Webapi\\Rest\\Response\\RendererFactory->_getRendererClass()\n#1 {main} [] []',
    );
    assert.equal(records[0]!.exceptionClass, 'Magento\\Framework\\Webapi\\Exception');
    assert.deepEqual(
      records[0]!.frames.map((f) => f.line),
      [84, 54],
    );
    const report = parseReport(
      '{"0":"boom","1":"#1 Magento\\\\Framework\\\\Webapi\\\\Rest\\\\Response\\\\RendererFactory->get() called at [vendor\\/magento\\/framework\\/Webapi\\/Rest\\/Response.php:45]\\n#2 Acme\\\\X->y() called at [app\\/code\\/Acme\\/X\\/Y.php:7]"}',
    )!;
    const { records: fromReport } = parse(`[2026-12-03T16:58:02+00:00] report.CRITICAL: boom [] []\n${report.trace}`);
    assert.deepEqual(
      fromReport[0]!.frames.map((f) => `${f.path}:${f.line} ${f.call}`),
      [
        'vendor/magento/framework/Webapi/Rest/Response.php:45 Magento\\Framework\\Webapi\\Rest\\Response\\RendererFactory->get',
        'app/code/Acme/X/Y.php:7 Acme\\X->y',
      ],
    );
  });
});
