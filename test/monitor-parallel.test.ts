import { strict as assert } from 'node:assert';
import { appendFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { runMonitor } from '../src/monitor/index.js';
import { unitsOf } from '../src/monitor/parallel.js';
import { DEFAULT_THRESHOLDS } from '../src/monitor/types.js';
import { fixtureVar, writeAccessLog, writeSlowLog } from './helpers/monitor-fixture.js';

const SAMPLE_STORE = new URL('../examples/sample-store', import.meta.url).pathname;
const CUTOVER = Date.parse('2026-12-02T06:00:00Z');

/** Records of 40 classes with 3–14-frame traces (custom, third-party and core frames), ids varying. */
function exceptionLog(count: number, startMs: number, crlfEvery = 0): string {
  const out: string[] = [];
  for (let r = 0; r < count; r++) {
    const cls = (r * 7) % 40;
    const t = new Date(startMs + r * 60_000).toISOString().replace('Z', '000+00:00');
    const mod =
      cls % 3 === 0 ? 'app/code/Acme/Catalog' : cls % 3 === 1 ? 'vendor/amasty/shopby' : 'vendor/magento/module-sales';
    const lines = [
      `[${t}] main.${cls % 5 === 0 ? 'ERROR' : 'CRITICAL'}: Error ${cls} for order ${r * 7919}: "sku ${r}" failed {"exception":"[object] (Magento\\\\Framework\\\\Exception\\\\LocalizedException(code: 0): Error ${cls} at /var/www/releases/${r % 3}/${mod}/Model/Thing${cls}.php:${40 + (r % 4)})`,
      '[stacktrace]',
    ];
    for (let f = 0; f < 3 + (cls % 12); f++) {
      lines.push(
        `#${f} /var/www/releases/${r % 3}/${f % 2 ? 'vendor/magento/framework/Interception/Interceptor.php' : `${mod}/Model/Thing${cls}.php`}(${100 + f}): Acme\\\\Catalog\\\\Model\\\\Thing${cls}->step${f}()`,
      );
    }
    lines.push(`#${lines.length - 2} {main}`, '"} []');
    if (r % 50 === 7) lines.push('\0\0\0 binary garbage \0'); // skipped, inside a record
    if (r % 9 === 4) out.push(`[${t}] main.INFO: noise ${r} [] []`); // below WARNING: noise
    out.push(lines.join(crlfEvery && r % crlfEvery === 0 ? '\r\n' : '\n'));
  }
  return `${out.join('\n')}\n`;
}

describe('monitor on worker threads', () => {
  let work: string;
  let logDir: string;
  let access: string;
  let slow: string;
  before(() => {
    work = fixtureVar();
    logDir = join(work, 'var', 'log');
    const day = Date.parse('2026-12-01T00:00:00Z');
    // Several files, plain and gzipped rotations, lines before the first record, an unterminated last line,
    // a record far longer than a chunk, CRLF line ends.
    writeFileSync(join(logDir, 'exception.log.2.gz'), gzipSync(exceptionLog(300, day - 86_400_000)));
    appendFileSync(join(logDir, 'exception.log'), exceptionLog(900, day, 11));
    const long = `[2026-12-02T12:00:00+00:00] main.CRITICAL: long one {"exception":"x"}\n${'#0 /var/www/app/code/Acme/Catalog/Model/Long.php(1): x()\n'.repeat(400)}`;
    writeFileSync(
      join(logDir, 'payment.log'),
      `orphan line\n#9 {main}\n${exceptionLog(200, day + 3_600_000)}${long}${exceptionLog(50, CUTOVER)}[2026-12-03T00:00:00+00:00] main.ERROR: unterminated`,
    );
    writeFileSync(join(logDir, 'system.log.1.gz'), gzipSync(exceptionLog(80, day + 7_200_000)));
    mkdirSync(join(work, 'nginx'));
    access = join(work, 'nginx', 'access.log');
    writeAccessLog(access);
    appendFileSync(
      access,
      'not a request line\n\n198.51.100.7 - - [02/Dec/2026:09:00:00 +0000] "GET /graphql HTTP/1.1" 500 1 "-" "x" 1.250\n',
    );
    slow = join(work, 'nginx', 'php-fpm-slow.log');
    writeSlowLog(slow);
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('cuts large plain files into chunks at record starts, gzipped files whole', async () => {
    const settings = { root: work, adminFrontName: 'admin', thresholds: DEFAULT_THRESHOLDS };
    const chunks = await unitsOf(join(logDir, 'payment.log'), 'magento', 4096, settings);
    assert.ok(chunks.length > 10, `${chunks.length} chunks`);
    assert.equal(chunks[0]!.start, undefined);
    for (let i = 1; i < chunks.length; i++) assert.equal(chunks[i]!.start, chunks[i - 1]!.end);
    assert.equal(chunks[chunks.length - 1]!.end, undefined);
    assert.equal((await unitsOf(join(logDir, 'exception.log.2.gz'), 'magento', 4096, settings)).length, 1);
    const accessChunks = await unitsOf(access, 'access', 4096, settings);
    assert.ok(accessChunks.length > 10 && accessChunks.slice(1).every((c) => c.accessKind === 'access'));
  });

  for (const window of [{ cutover: CUTOVER }, { cutover: CUTOVER, since: Date.parse('2026-12-01T12:00:00Z') }]) {
    it(`gives exactly the single-thread result (${window.since ? 'with --since' : 'whole logs'})`, async () => {
      const opts = {
        path: SAMPLE_STORE,
        logDir,
        accessLogs: [access],
        slowLogs: [slow],
        dsn: false as const,
        ...window,
      };
      const { result: one } = await runMonitor({ ...opts, workers: 1 });
      const { result: many, session } = await runMonitor({
        ...opts,
        workers: 2,
        parallelFromBytes: 0,
        chunkBytes: 4096,
      });
      assert.ok(one.errors.length > 20 && one.traffic && one.slow);
      assert.ok(one.logs.some((l) => l.gzip) && one.logs.some((l) => l.unterminated));
      assert.ok(one.errors.some((e) => e.origin?.module === 'Acme_Catalog'));
      assert.deepEqual(many, one);
      // --follow resumes where one reader would: before the unterminated line.
      const { session: oneSession } = await runMonitor({ ...opts, workers: 1 });
      assert.deepEqual([...session.offsets], [...oneSession.offsets]);
    });
  }
});
