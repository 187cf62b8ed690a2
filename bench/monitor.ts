/**
 * Bench: `mageup monitor` over 1 GB of logs (budget ≤ 10 s on 2 cores, peak RSS < 200 MB, flat whatever the size).
 * Generates them first in a temporary directory: half Magento logs (exception.log with multi-line stack traces from
 * a few hundred error classes with varying ids, system.log noise, a gzipped rotation) and half an nginx access log
 * with request times; then runs the same library call as the CLI (no database) and prints time, throughput and peak
 * memory (VmHWM, all threads). Usage: node --import tsx bench/monitor.ts [--mb 1024] [--keep DIR] [--workers N]
 * [--dist] (`--dist`: the built dist/ the CLI runs, workers without the tsx loader; default one thread; `--workers N`: N worker threads).
 */
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runMonitor } from '../src/monitor/index.js';

const args = process.argv.slice(2);
const mb = args.includes('--mb') ? Number(args[args.indexOf('--mb') + 1]) : 1024;
const keep = args.includes('--keep') ? args[args.indexOf('--keep') + 1] : undefined;
const workers = args.includes('--workers') ? Number(args[args.indexOf('--workers') + 1]) : undefined;
const dist = args.includes('--dist');
const BUDGET_S = 10;
const BUDGET_MB = 200;
const START = Date.parse('2026-12-01T00:00:00Z');
const SPAN_MS = 4 * 86_400_000;

function writeFile(file: string, bytes: number, chunk: (i: number, t0: number) => string): void {
  const fd = openSync(file, 'w');
  let written = 0;
  let i = 0;
  const steps = Math.max(1, Math.ceil(bytes / 1_000_000));
  while (written < bytes) {
    const text = chunk(i, START + Math.floor((i * SPAN_MS) / steps));
    written += writeSync(fd, text);
    i++;
  }
  closeSync(fd);
}

const iso = (t: number): string => new Date(t).toISOString().replace('Z', '000+00:00');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const clf = (t: number): string => {
  const d = new Date(t);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
};

/** About 1 MB of exception.log: records of 300 classes (module × message), 6–20 frames each. */
function exceptionChunk(i: number, t0: number): string {
  const out: string[] = [];
  let size = 0;
  for (let r = 0; size < 1_000_000; r++) {
    const cls = (i * 7 + r) % 300;
    const mod = `Vendor${cls % 30}/Module${cls % 10}`;
    const id = (i * 1000 + r) * 7919;
    const frames = 6 + (cls % 15);
    const lines = [
      `[${iso(t0 + r * 1000)}] main.CRITICAL: Error ${cls} while saving order ${id}: quote ${id + 17} is not active {"exception":"[object] (Magento\\\\Framework\\\\Exception\\\\LocalizedException(code: 0): Error ${cls} at /var/www/releases/7/app/code/${mod}/Model/Thing${cls}.php:${40 + (r % 9)})`,
      '[stacktrace]',
    ];
    for (let f = 0; f < frames; f++) {
      lines.push(
        f % 3 === 0
          ? `#${f} /var/www/releases/7/app/code/${mod}/Model/Thing${cls}.php(${100 + f}): ${mod.replace('/', '\\\\')}\\\\Model\\\\Thing${cls}->step${f}()`
          : `#${f} /var/www/releases/7/vendor/magento/framework/Interception/Interceptor.php(${58 + f}): Magento\\\\Framework\\\\Interception\\\\Interceptor->___callParent()`,
      );
    }
    lines.push(`#${frames} {main}`, '"} []');
    const rec = `${lines.join('\n')}\n`;
    out.push(rec);
    size += rec.length;
  }
  return out.join('');
}

function systemChunk(i: number, t0: number): string {
  const out: string[] = [];
  let size = 0;
  for (let r = 0; size < 1_000_000; r++) {
    const line = `[${iso(t0 + r * 100)}] main.INFO: Cache file with merged layout: LAYOUT_frontend_STORE1_${(i * 31 + r) % 997} and handles default, catalog_product_view: Please correct the XML data and try again. [] []\n`;
    out.push(line);
    size += line.length;
  }
  return out.join('');
}

const PATHS = [
  '/catalog/product/view/id/',
  '/catalog/category/view/id/',
  '/checkout/cart/',
  '/rest/V1/carts/mine/items',
  '/graphql',
  '/static/version1/frontend/Magento/luma/en_US/js/',
  '/women/tops-',
];
function accessChunk(i: number, t0: number): string {
  const out: string[] = [];
  let size = 0;
  for (let r = 0; size < 1_000_000; r++) {
    const path = `${PATHS[r % PATHS.length]}${(i * 131 + r) % 5000}${r % 7 === 6 ? '.html' : ''}`;
    const status = r % 97 === 0 ? 502 : r % 41 === 0 ? 404 : 200;
    const line = `198.51.100.${r % 250} - - [${clf(t0 + r * 20)}] "GET ${path} HTTP/1.1" ${status} ${1000 + (r % 5000)} "https://shop.example/" "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0" ${(0.05 + (r % 300) / 1000).toFixed(3)}\n`;
    out.push(line);
    size += line.length;
  }
  return out.join('');
}

const work = keep ?? mkdtempSync(join(tmpdir(), 'mageup-bench-monitor-'));
const logDir = join(work, 'var', 'log');
// With --keep, logs generated by an earlier run are reused: the run is then measured alone (peak memory too).
const reuse = keep !== undefined && existsSync(join(work, 'access.log'));
if (!reuse) generate();

function generate(): void {
  mkdirSync(logDir, { recursive: true });
  const total = mb * 1_000_000;
  const t0 = performance.now();
  const exceptionBytes = Math.floor(total * 0.35);
  const rotatedBytes = Math.floor(total * 0.05);
  writeFile(join(logDir, 'exception.log'), exceptionBytes, exceptionChunk);
  writeFile(join(logDir, 'system.log'), Math.floor(total * 0.1), systemChunk);
  writeFile(join(work, 'rotated.tmp'), rotatedBytes, exceptionChunk);
  const gz = gzipSync(readFileSync(join(work, 'rotated.tmp')), { level: 1 });
  const fd = openSync(join(logDir, 'exception.log.1.gz'), 'w');
  writeSync(fd, gz);
  closeSync(fd);
  rmSync(join(work, 'rotated.tmp'));
  writeFile(join(work, 'access.log'), total - exceptionBytes - rotatedBytes - Math.floor(total * 0.1), accessChunk);
  const onDisk =
    ['exception.log', 'system.log', 'exception.log.1.gz'].reduce((n, f) => n + statSync(join(logDir, f)).size, 0) +
    statSync(join(work, 'access.log')).size;
  console.log(
    `generated ${(onDisk / 1e6).toFixed(0)} MB on disk (${mb} MB of log text) in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${work}`,
  );
}

/**
 * The run, measured in a process of its own: with --dist a plain `node` (no tsx loader, as the CLI runs), else
 * this one after generation (then peak memory includes it: use --keep twice).
 */
const runOpts = {
  path: work,
  logDir,
  accessLogs: [join(work, 'access.log')],
  cutover: START + SPAN_MS / 2,
  dsn: false as const,
  ...(workers !== undefined ? { workers } : {}),
};
interface Measured {
  seconds: number;
  cpu: number;
  hwm: number;
  result: { logs: { lines: number; bytes: number }[]; errors: unknown[]; traffic?: { requests: number } };
}
const MEASURE = `
const t0 = performance.now();
const c0 = process.cpuUsage();
const { runMonitor } = await import(process.env.MONITOR_MODULE);
const { result } = await runMonitor(JSON.parse(process.env.MONITOR_OPTS));
const cpu = process.cpuUsage(c0);
const { readFileSync } = await import('node:fs');
const hwm = Number(/VmHWM:\\s+(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;
console.log(JSON.stringify({ seconds: (performance.now() - t0) / 1000, cpu: (cpu.user + cpu.system) / 1e6, hwm,
  result: { logs: result.logs, errors: result.errors.map(() => 0), traffic: result.traffic && { requests: result.traffic.requests } } }));
`;
let measured: Measured;
if (dist) {
  const { execFileSync } = await import('node:child_process');
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', MEASURE], {
    env: {
      ...process.env,
      MONITOR_MODULE: new URL('../dist/monitor/index.js', import.meta.url).href,
      MONITOR_OPTS: JSON.stringify(runOpts),
    },
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  measured = JSON.parse(out) as Measured;
} else {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const { result } = await runMonitor(runOpts);
  const c = process.cpuUsage(cpuBefore);
  measured = {
    seconds: (performance.now() - started) / 1000,
    cpu: (c.user + c.system) / 1e6,
    hwm: Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024,
    result,
  };
}
const { seconds, hwm, result } = measured;
const lines = result.logs.reduce((n, l) => n + l.lines, 0);
const bytes = result.logs.reduce((n, l) => n + l.bytes, 0);
console.log(
  `monitor: ${seconds.toFixed(2)} s (${(bytes / 1e6 / seconds).toFixed(0)} MB/s of log text, ${(lines / seconds / 1e6).toFixed(2)} M lines/s), ` +
    `${(bytes / 1e6).toFixed(0)} MB read, ${workers ?? 1} thread${(workers ?? 1) > 1 ? 's' : ''}${dist ? ' (dist)' : ''}, CPU ${measured.cpu.toFixed(2)} s (all threads), peak RSS ${hwm.toFixed(0)} MB${reuse || dist ? '' : ' (generation included: use --keep twice)'}; ${result.errors.length} error classes, ${result.traffic?.requests ?? 0} requests, ` +
    `load average ${(await import('node:os'))
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
);
console.log(
  `budget ≤ ${BUDGET_S} s and < ${BUDGET_MB} MB: ${seconds <= BUDGET_S && hwm < BUDGET_MB ? 'met' : 'NOT met'}`,
);
if (!keep) rmSync(work, { recursive: true, force: true });
