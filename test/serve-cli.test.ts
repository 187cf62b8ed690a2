import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { register } from '../src/cli/commands/serve.js';
import { RunStore, runOfCheck } from '../src/history/index.js';
import { projectDataDir } from '../src/knowledge/cache-dir.js';
import { BasicAuth, hashPassword, readCredentials, verifyPassword } from '../src/serve/auth.js';
import { readDashboard, type DashboardStore } from '../src/serve/overview.js';
import { storeSources } from '../src/serve/sources.js';
import { hostileCheckResult } from './fixtures/reports/hostile-check-result.js';
import { runCommand } from './helpers/cli.js';

describe('mageup serve: command line and store reading', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mageup-serve-cli-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a non-loopback host without --auth-file, and a bad port, with exit 2', async () => {
    const open = await runCommand(register, ['serve', '--host', '0.0.0.0', '--port', '0']);
    assert.equal(open.code, 2);
    assert.match(open.stderr, /mageup serve: refusing to listen on 0\.0\.0\.0 without authentication/);
    const port = await runCommand(register, ['serve', '--port', 'eighty']);
    assert.equal(port.code, 2);
    assert.match(port.stderr, /--port: not a port: "eighty"/);
    const file = await runCommand(register, ['serve', '--host', '0.0.0.0', '--auth-file', join(dir, 'none')]);
    assert.equal(file.code, 2);
    assert.match(file.stderr, /--auth-file: cannot read it \(ENOENT\)/);
  });

  it('--hash-password reads stdin and prints a line for --auth-file, never the password', () => {
    const cli = join(dir, 'cli.mts');
    const main = new URL('../src/cli/main.ts', import.meta.url).pathname;
    // The CLI entry the bin script runs, from source.
    writeFileSync(
      cli,
      `import { main } from ${JSON.stringify(main)};\nprocess.exitCode = await main(process.argv.slice(2));\n`,
    );
    const run = spawnSync(process.execPath, ['--import', 'tsx', cli, 'serve', '--hash-password', 'ops'], {
      input: 'a long enough password\n',
      encoding: 'utf8',
      cwd: new URL('..', import.meta.url).pathname,
    });
    assert.equal(run.status, 0, run.stderr);
    const [user, hash] = [
      run.stdout.slice(0, run.stdout.indexOf(':')),
      run.stdout.slice(run.stdout.indexOf(':') + 1).trim(),
    ];
    assert.equal(user, 'ops');
    assert.doesNotMatch(run.stdout, /long enough/);
    return verifyPassword('a long enough password', hash).then((ok) => assert.ok(ok));
  });

  it('--new-token adds a hashed bearer token to --auth-file and shows the token once; Bearer admits it, Basic does not', async () => {
    const file = join(dir, 'auth');
    writeFileSync(file, `ops:${await hashPassword('a long enough password')}\n`);
    const made = await runCommand(register, ['serve', '--new-token', 'ci', '--auth-file', file], { stdout: true });
    assert.equal(made.code, 0, made.stderr);
    const token = made.stdout.trim();
    assert.match(token, /^mgu_[A-Za-z0-9_-]{43}$/);
    assert.match(made.stderr, /token "ci" added to .* \(hashed\); it is shown once/);
    assert.doesNotMatch(made.stderr, new RegExp(token));
    const text = readFileSync(file, 'utf8');
    assert.doesNotMatch(text, new RegExp(token.slice(4)));
    assert.match(text, /^ci:sha256\$[0-9a-f]{64}$/m);

    const auth = new BasicAuth(readCredentials(file));
    assert.equal(await auth.check(`Bearer ${token}`), true);
    assert.equal(await auth.check(`Bearer ${token}x`), false);
    assert.equal(await auth.check('Bearer '), false);
    // The token is not a password, and the password still works.
    assert.equal(await auth.check(`Basic ${Buffer.from(`ci:${token}`).toString('base64')}`), false);
    assert.equal(await auth.check(`Basic ${Buffer.from('ops:a long enough password').toString('base64')}`), true);
    const none = await runCommand(register, ['serve', '--new-token', 'ci']);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /--new-token needs --auth-file/);
  });

  it('an embedded store that did not change is not opened again (a running check keeps its lock)', async () => {
    const env = { MAGEUP_DATA_DIR: join(dir, 'data') };
    const root = '/srv/shops/one';
    const storeDir = join(projectDataDir(root, env), 'history');
    const store = await RunStore.open(storeDir);
    const result = hostileCheckResult();
    await store.record(runOfCheck({ ...result, project: { ...result.project, root } }));
    await store.close();
    const cache = new Map<string, { signature: string; stores: DashboardStore[] }>();
    const sources = storeSources(undefined, env);
    const first = await readDashboard(sources, { cache });
    assert.deepEqual(first.problems, []);
    assert.deepEqual(
      first.stores.map((s) => s.name),
      ['one'],
    );
    // Unchanged: not opened again, even while a lock (here a live process's lock file) would keep a reader out.
    writeFileSync(`${storeDir}.lock`, JSON.stringify({ pid: process.pid, host: hostname(), since: 'now' }));
    const second = await readDashboard(sources, { cache, lockWaitMs: 100 });
    rmSync(`${storeDir}.lock`);
    assert.deepEqual(second.problems, []);
    assert.deepEqual(
      second.stores.map((s) => s.name),
      ['one'],
    );
    // Changed and held by a run: shown as at the last read, and named busy without its path.
    const held = await RunStore.open(storeDir);
    try {
      await held.record(runOfCheck({ ...result, project: { ...result.project, root } }));
      const third = await readDashboard(sources, { cache, lockWaitMs: 100 });
      assert.equal(third.problems.length, 1);
      assert.match(third.problems[0]!.message, /busy .*previous read/);
      assert.ok(!third.problems[0]!.message.includes(dir));
      assert.equal(third.stores[0]!.runs.length, 1);
    } finally {
      await held.close();
    }
    const fourth = await readDashboard(sources, { cache });
    assert.equal(fourth.stores[0]!.runs.length, 2);
  });
});
