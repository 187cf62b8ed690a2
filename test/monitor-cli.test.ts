import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { appendFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { register } from '../src/cli/commands/monitor.js';
import { runCommand } from './helpers/cli.js';
import { fixtureVar, writeAccessLog, writeSlowLog } from './helpers/monitor-fixture.js';

const SAMPLE_STORE = new URL('../examples/sample-store', import.meta.url).pathname;
const MAIN = new URL('../src/cli/main.ts', import.meta.url).pathname;

describe('mageup monitor (CLI)', () => {
  let work: string;
  let args: string[];
  before(() => {
    work = fixtureVar();
    writeAccessLog(join(work, 'access.log'));
    writeSlowLog(join(work, 'php-fpm-slow.log'));
    args = [
      'monitor',
      SAMPLE_STORE,
      '--log-dir',
      join(work, 'var', 'log'),
      '--cutover',
      '2026-12-02T06:00',
      '--access-log',
      join(work, 'access.log'),
      join(work, 'php-fpm-slow.log'),
      '--no-db',
      '--no-history',
    ];
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('compares error rates per 1k requests and route families before and after, and exits 1', async () => {
    const run = await runCommand(register, [...args, '--format', 'json'], { output: '.json' });
    assert.equal(run.code, 1, run.stderr);
    const r = JSON.parse(run.output);
    assert.equal(r.rateBasis.unit, 'per-1k-requests');
    assert.deepEqual([r.rateBasis.before, r.rateBasis.after], [1715, 1714]);
    const checkout = r.traffic.families.find((f: { family: string }) => f.family === 'checkout');
    assert.deepEqual([checkout.before.status5xx, checkout.after.status5xx], [3, 57]);
    const product = r.traffic.families.find((f: { family: string }) => f.family === 'product');
    // Quantiles within 2 % of the true 100 ms and 400 ms.
    assert.deepEqual([product.before.p50Ms, product.after.p50Ms, product.after.p95Ms], [100.3, 401.3, 401.3]);
    const rules = r.findings.map((f: { ruleId: string; subject: string }) => `${f.ruleId} ${f.subject}`);
    for (const expected of [
      'monitor/http-5xx-increase 5xx checkout',
      'monitor/latency-increase latency product',
      'monitor/slow-requests slow app/code/Acme/Storefront/Controller/Index/Index.php:fetchStock',
    ]) {
      assert.ok(rules.includes(expected), `${expected} in ${rules.join('\n')}`);
    }
    const dup = r.errors.find((e: { status: string }) => e.status === 'increased');
    assert.deepEqual([dup.rateBefore, dup.rateAfter], [0.58, 4.67]);
  });

  it('renders every format, escaping what comes from the logs', async () => {
    const text = await runCommand(register, [...args, '--format', 'text'], { output: true });
    assert.match(text.output, /Error classes: 7 \(4 new, 1 more frequent, 1 gone\)/);
    assert.match(text.output, /error rates per 1,000 dynamic requests \(1,715 before, 1,714 after the cutover\)/);
    const md = await runCommand(register, [...args, '--format', 'md'], { output: '.md' });
    assert.match(md.output, /## Findings \(\d+\)/);
    const html = await runCommand(register, [...args, '--format', 'html'], { output: '.html' });
    assert.match(html.output, /Content-Security-Policy/);
    assert.match(html.output, /&#39;header.panel&#39;/, 'quotes from the log are escaped');
    assert.doesNotMatch(html.output, /<script/);
    const sarif = JSON.parse((await runCommand(register, [...args, '--format', 'sarif'], { output: '.sarif' })).output);
    const rules = sarif.runs[0].tool.driver.rules.map((x: { id: string }) => x.id);
    assert.ok(rules.includes('monitor/new-error'));
    assert.ok(
      sarif.runs[0].tool.driver.rules.every(
        (x: { fullDescription?: unknown; shortDescription: { text: string } }) => x.shortDescription.text,
      ),
    );
    const junit = await runCommand(register, [...args, '--format', 'junit'], { output: '.xml' });
    assert.match(junit.output, /<testsuites[^>]*>/);
    const github = await runCommand(register, [...args, '--format', 'github'], { output: '.txt' });
    assert.match(github.output, /^::error /m);
  });

  it('exits 0 below --fail-on and 2 on bad input', async () => {
    assert.equal((await runCommand(register, [...args, '--fail-on', 'critical'], { output: true })).code, 0);
    const bad = await runCommand(register, ['monitor', SAMPLE_STORE, '--cutover', 'yesterday', '--no-db']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--cutover: "yesterday" is not a time/);
    const missing = await runCommand(register, [
      'monitor',
      SAMPLE_STORE,
      '--access-log',
      join(work, 'nope.log'),
      '--no-db',
    ]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.log: no such file/);
  });

  it('--follow shows error classes appended to the logs and stops cleanly on SIGINT', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `const { main } = await import(${JSON.stringify(MAIN)}); process.exitCode = await main(process.argv.slice(1));`,
        '--',
        ...args,
        '--follow',
        '--interval',
        '0.2',
        '--fail-on',
        'critical',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const until = async (test: () => boolean, what: string): Promise<void> => {
      for (let i = 0; i < 600 && !test(); i++) await new Promise((r) => setTimeout(r, 100));
      assert.ok(test(), `timed out waiting for ${what}: ${stderr}`);
    };
    await until(() => stderr.includes('following the logs'), 'the follower');
    appendFileSync(
      join(work, 'var', 'log', 'exception.log'),
      '[2026-12-03T05:00:00.000000+00:00] main.CRITICAL: Live one 42 {"exception":"[object] (RuntimeException(code: 0): Live one 42 at /srv/app/code/Acme/Storefront/Plugin/X.php:9)"} []\n',
    );
    await until(() => stdout.includes('NEW CRITICAL'), 'the new class');
    assert.match(stdout, /NEW CRITICAL [0-9a-f]{16} Live one 42 — Acme_Storefront \(exception\.log\)/);
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', (c) => resolve(c));
      child.kill('SIGINT');
    });
    assert.equal(code, 0, stderr);
    assert.match(stderr, /stopped; \d+ findings, 1 error classes first seen while following/);
  });
});
