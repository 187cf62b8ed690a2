import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { makeFinding, type Finding } from '../src/core/finding.js';
import {
  checkResultOfRun,
  RunStore,
  runOfCheck,
  StoreError,
  StoreLockedError,
  type RunRecord,
} from '../src/history/index.js';
import { hostileCheckResult } from './fixtures/reports/hostile-check-result.js';

const PG_URL = process.env.MAGEUP_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

function finding(subject: string, severity: Finding['severity'] = 'error'): Finding {
  return makeFinding({
    ruleId: 'php-api/missing-class',
    severity,
    category: 'php-api',
    file: `app/code/Acme/Foo/${subject}.php`,
    line: 3,
    message: `Class ${subject} is gone`,
    recommendation: 'Use the replacement',
    subject,
  });
}

function run(subjects: string[], project = '/srv/shop'): RunRecord {
  return {
    project,
    command: 'check',
    recordedAt: new Date('2026-11-01T10:00:00Z'),
    toolVersion: '0.1.0',
    kbVersion: '2026-10-01',
    currentVersion: '2.4.6-p3',
    targets: ['2.4.8'],
    summary: { findings: subjects.length },
    findings: subjects.map((s) => ({ ...finding(s), target: '2.4.8' })),
  };
}

/** The same behaviour on both stores. */
function behaviour(open: () => Promise<RunStore>): void {
  it('records runs atomically and lists them newest first', async () => {
    const store = await open();
    try {
      const a = await store.record(run(['A', 'B']));
      const b = await store.record(run(['B', 'C']));
      await store.record(run(['Z'], '/srv/other'));
      const list = await store.list({ project: '/srv/shop' });
      assert.deepEqual(
        list.map((r) => r.id),
        [b, a],
      );
      assert.equal(list[0]!.findings, 2);
      assert.deepEqual(list[0]!.targets, ['2.4.8']);
      assert.equal(list[0]!.kbVersion, '2026-10-01');
      const diff = await store.diff(a, b);
      assert.deepEqual(
        diff.fixed.map((f) => f.subject),
        ['A'],
      );
      assert.deepEqual(
        diff.new.map((f) => f.subject),
        ['C'],
      );
      assert.deepEqual(
        diff.unchanged.map((f) => f.subject),
        ['B'],
      );
      const stored = await store.get(a);
      assert.deepEqual(stored.findingList[0], { ...finding('A'), target: '2.4.8' });
    } finally {
      await store.close();
    }
  });

  it("keeps a check run's result once (findings in their table) and gives it back whole", async () => {
    const store = await open();
    try {
      const result = hostileCheckResult();
      const id = await store.record(runOfCheck(result, { recordedAt: new Date('2026-11-02T10:00:00Z') }));
      const stored = await store.get(id);
      const kept = stored.result as { findings: unknown[]; targets: { findings: unknown[] }[] };
      assert.equal(kept.findings.length, 0);
      assert.ok(kept.targets.every((t) => t.findings.length === 0));
      assert.deepEqual(checkResultOfRun(stored), JSON.parse(JSON.stringify(result)));
      // A run recorded without its document is rebuilt from what was kept.
      const bare = await store.get(await store.record({ ...runOfCheck(result), result: undefined }));
      const rebuilt = checkResultOfRun(bare);
      assert.equal(rebuilt.project.edition, 'unknown');
      assert.equal(rebuilt.findings.length, result.findings.length);
      assert.deepEqual(
        rebuilt.targets.map((t) => t.version),
        result.targets.map((t) => t.version),
      );
    } finally {
      await store.close();
    }
  });

  it('a failed write leaves no half run and keeps earlier runs', async () => {
    const store = await open();
    try {
      const before = (await store.list()).length;
      const bad = run(['X']);
      // A finding whose line is not an integer makes the second statement of the transaction fail.
      (bad.findings[0] as { line: unknown }).line = 'not a number';
      await assert.rejects(store.record(bad));
      assert.equal((await store.list()).length, before);
      await assert.rejects(store.get(999_999), StoreError);
    } finally {
      await store.close();
    }
  });
}

describe('history: embedded PGlite store', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'mageup-history-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  behaviour(() => RunStore.open(join(dir, 'store')));

  it('a second opener waits for the lock, then a held lock gives a clear error', async () => {
    const store = await RunStore.open(join(dir, 'store'));
    try {
      await assert.rejects(RunStore.open(join(dir, 'store'), { lockWaitMs: 200 }), (e: Error) => {
        assert.ok(e instanceof StoreLockedError);
        assert.match(e.message, /locked by process \d+/);
        return true;
      });
    } finally {
      await store.close();
    }
    // A lock left by a process that is gone is taken over.
    writeFileSync(
      join(dir, 'store.lock'),
      JSON.stringify({ pid: 2 ** 22 + 12345, host: (await import('node:os')).hostname(), since: 'x' }),
    );
    const again = await RunStore.open(join(dir, 'store'), { lockWaitMs: 200 });
    assert.ok((await again.list()).length >= 2);
    await again.close();
  });

  it('two processes recording at once both land', async () => {
    const script = `
      import { RunStore } from ${JSON.stringify(new URL('../src/history/index.ts', import.meta.url).pathname)};
      const store = await RunStore.open(process.argv[2], { lockWaitMs: 60000 });
      await store.record({ project: '/srv/concurrent', command: 'check', recordedAt: new Date(), toolVersion: 't',
        currentVersion: null, targets: [], summary: {}, findings: [] });
      await store.close();`;
    const file = join(dir, 'writer.mts');
    writeFileSync(file, script);
    const runWriter = (): Promise<number> =>
      new Promise((done) => {
        const child = spawn(process.execPath, ['--import', 'tsx', file, join(dir, 'store')], { stdio: 'inherit' });
        child.on('exit', (code) => done(code ?? 1));
      });
    const codes = await Promise.all([runWriter(), runWriter()]);
    assert.deepEqual(codes, [0, 0]);
    const store = await RunStore.open(join(dir, 'store'));
    assert.equal((await store.list({ project: '/srv/concurrent' })).length, 2);
    await store.close();
  });

  it('a damaged store gives a clear error and its files are left alone', async () => {
    const damaged = join(dir, 'damaged');
    const store = await RunStore.open(damaged);
    await store.record(run(['A']));
    await store.close();
    // Truncate the control file: PostgreSQL cannot start without it.
    writeFileSync(join(damaged, 'global', 'pg_control'), 'garbage');
    // PGlite may leave its postmaster.pid behind; the data files are what matter.
    const listing = (): string[] =>
      readdirSync(damaged)
        .filter((f) => f !== 'postmaster.pid')
        .sort();
    const files = listing();
    await assert.rejects(RunStore.open(damaged, { lockWaitMs: 200 }), (e: Error) => {
      assert.ok(e instanceof StoreError, String(e));
      assert.match(e.message, /cannot be opened .*move the directory aside/s);
      return true;
    });
    assert.deepEqual(listing(), files);
  });
});

describe('history: PostgreSQL server store', () => {
  const schema = `mageup_test_${process.pid}_${Date.now()}`;
  let available = true;
  before(async () => {
    const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
    } catch {
      available = false;
    } finally {
      await client.end().catch(() => undefined);
    }
  });
  after(async () => {
    if (!available) return;
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });

  behaviour(async () => {
    assert.ok(available, `PostgreSQL not reachable at ${PG_URL} (scripts/ensure-env.sh starts it)`);
    return RunStore.open(`${PG_URL}?schema=${schema}`);
  });

  it('a wrong server gives a clear error without the password', async () => {
    await assert.rejects(RunStore.open('postgres://u:secret@127.0.0.1:1/none'), (e: Error) => {
      assert.ok(e instanceof StoreError);
      assert.doesNotMatch(e.message, /secret/);
      assert.match(e.message, /cannot connect/);
      return true;
    });
  });
});
