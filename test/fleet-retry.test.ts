import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type PgBossType from 'pg-boss';
import { addProject, openFleetStore, type FleetStore } from '../src/fleet/index.js';
import { BOSS_SCHEMA, DEAD_QUEUE, enqueueScans, SCAN_QUEUE, scanRetryOptions, startBoss } from '../src/fleet/queue.js';
import { SCAN_RETRY } from '../src/fleet/policy.js';
import { startWorker, type RunningWorker, type WorkerEvent } from '../src/fleet/worker.js';
import { createTestDatabase } from './helpers/pg-database.js';
import { git } from './helpers/git.js';

const RETRY = { retryLimit: 3, retryDelaySeconds: 1 };

describe(
  'fleet retries: backoff and the dead-letter queue, set by MageUp in one place (real PostgreSQL)',
  {
    timeout: 180_000,
  },
  () => {
    let database: Awaited<ReturnType<typeof createTestDatabase>>;
    let dir: string;
    let store: FleetStore;
    let worker: RunningWorker | undefined;
    const cacheBefore = process.env.MAGEUP_CACHE_DIR;

    before(async () => {
      database = await createTestDatabase('mageup_fleet_retry');
      dir = mkdtempSync(join(tmpdir(), 'mageup-fleet-retry-'));
      // The in-process worker clones into the user cache: keep it in the test's directory.
      process.env.MAGEUP_CACHE_DIR = join(dir, 'cache');
      store = await openFleetStore(database.url);
    });
    after(async () => {
      await worker?.stop(10_000).catch(() => undefined);
      await store?.db.close();
      await database?.drop();
      if (cacheBefore === undefined) delete process.env.MAGEUP_CACHE_DIR;
      else process.env.MAGEUP_CACHE_DIR = cacheBefore;
      rmSync(dir, { recursive: true, force: true });
    });

    it('a queue made elsewhere with other settings follows the policy; jobs carry it', async () => {
      // Another process (an older MageUp, a hand-made queue) created the scan queue first: no retries, no dead letter.
      const PgBoss = createRequire(import.meta.url)('pg-boss') as typeof PgBossType;
      const other = new PgBoss({
        connectionString: database.url,
        schema: BOSS_SCHEMA,
        supervise: false,
        schedule: false,
      });
      await other.start();
      await other.createQueue(SCAN_QUEUE, { name: SCAN_QUEUE, policy: 'stately', retryLimit: 0, retryBackoff: false });
      await other.stop({ graceful: false, wait: true, close: true });

      const boss = await startBoss(store);
      try {
        const queue = await boss.getQueue(SCAN_QUEUE);
        assert.deepEqual(
          {
            policy: queue?.policy,
            retryLimit: queue?.retryLimit,
            retryDelay: queue?.retryDelay,
            retryBackoff: queue?.retryBackoff,
            deadLetter: queue?.deadLetter,
          },
          { policy: 'stately', ...scanRetryOptions() },
        );
        assert.deepEqual(scanRetryOptions(), {
          retryLimit: SCAN_RETRY.retryLimit,
          retryDelay: SCAN_RETRY.retryDelaySeconds,
          retryBackoff: true,
          deadLetter: DEAD_QUEUE,
        });
      } finally {
        await boss.stop({ graceful: false, wait: true, close: true });
      }
    });

    it('retries a failing job with backoff, finishes one that recovers, dead-letters one that never does', async () => {
      // flaky: its repository does not exist yet at the first attempt and is pushed before the second one.
      // broken: never exists. Both fail the same way (git cannot fetch), which is worth retrying.
      const flakyRemote = join(dir, 'flaky.git');
      await addProject(store.db, { name: 'flaky', location: `file://${flakyRemote}` });
      await addProject(store.db, { name: 'broken', location: `file://${join(dir, 'broken.git')}` });

      const boss = await startBoss(store, {}, { ...RETRY, leaseSeconds: 10 });
      const { queued } = await enqueueScans(boss, store, { retry: RETRY });
      assert.equal(queued.length, 2);
      // The retry policy is on each job (pg-boss copies it at creation), whatever the queue says later.
      const jobs = await store.db.query<{
        retry_limit: number;
        retry_delay: number;
        retry_backoff: boolean;
        dead_letter: string;
      }>(`SELECT retry_limit, retry_delay, retry_backoff, dead_letter FROM ${BOSS_SCHEMA}.job WHERE name = $1`, [
        SCAN_QUEUE,
      ]);
      for (const j of jobs.rows)
        assert.deepEqual(j, { retry_limit: 3, retry_delay: 1, retry_backoff: true, dead_letter: DEAD_QUEUE });
      await boss.stop({ graceful: false, wait: true, close: true });

      const events: (WorkerEvent & { t: number })[] = [];
      let allDone: () => void;
      const finished = new Promise<void>((r) => (allDone = r));
      const workerStore = await openFleetStore(database.url);
      worker = await startWorker(workerStore, {
        policy: { ...RETRY, leaseSeconds: 10 },
        maintenanceIntervalSeconds: 1,
        pollSeconds: 0.2,
        // Two slots: broken's retries do not wait for flaky's scan.
        concurrency: 2,
        cacheDir: false,
        onEvent: (e) => {
          events.push({ ...e, t: Date.now() });
          if (e.type === 'job-failed' && e.project === 'flaky' && e.attempt === 1) {
            const work = join(dir, 'flaky-work');
            cpSync(resolve('test/fixtures/projects/store'), work, { recursive: true });
            git('-C', work, 'init', '--quiet', '-b', 'main');
            git('-C', work, 'add', '-A');
            git('-C', work, 'commit', '--quiet', '-m', 'store');
            git('clone', '--quiet', '--bare', work, flakyRemote);
          }
          const ended = (p: string): boolean =>
            events.some(
              (x) =>
                (x.type === 'job-failed' && x.final && x.project === p) ||
                (x.type === 'job-done' && x.recorded && x.project === p),
            );
          if ('project' in e && ended('flaky') && ended('broken')) allDone();
        },
      });
      await Promise.race([
        finished,
        new Promise((_, reject) => setTimeout(() => reject(new Error(JSON.stringify(events))), 150_000)),
      ]);
      // The worker writes a job's end after its event: wait for it before stopping.
      const jobStates = async (): Promise<string[][]> =>
        (
          await store.db.query<{ project: string; state: string }>(
            `SELECT data->>'project' AS project, state FROM ${BOSS_SCHEMA}.job WHERE name = $1 ORDER BY 1`,
            [SCAN_QUEUE],
          )
        ).rows.map((r) => [r.project, r.state]);
      for (let i = 0; i < 120 && (await jobStates()).some(([, state]) => state === 'active'); i++)
        await new Promise((r) => setTimeout(r, 250));
      await worker.stop(30_000);
      worker = undefined;

      // broken: 1 + 3 attempts; the wait before each retry doubles (pg-boss: between delay × 2^(n-1) and twice that,
      // counted from the failure; the worker fails the job after its failed event, so these are lower bounds).
      const broken = events.filter((e) => 'project' in e && e.project === 'broken');
      const starts = broken.filter((e) => e.type === 'job-start');
      const fails = broken.filter((e) => e.type === 'job-failed');
      assert.deepEqual(
        starts.map((e) => e.type === 'job-start' && e.attempt),
        [1, 2, 3, 4],
      );
      assert.deepEqual(
        fails.map((e) => e.type === 'job-failed' && [e.attempt, e.final]),
        [
          [1, false],
          [2, false],
          [3, false],
          [4, true],
        ],
      );
      const waits = [1, 2, 3].map((n) => (starts[n]!.t - fails[n - 1]!.t) / 1000);
      waits.forEach((w, i) => {
        const min = RETRY.retryDelaySeconds * 2 ** i;
        assert.ok(w >= min - 0.05, `retry ${i + 1} after ${w} s, at least ${min} s`);
        assert.ok(w <= 2 * min + 15, `retry ${i + 1} after ${w} s`);
      });
      // The lower bounds prove the backoff (a fixed 1 s delay cannot wait 4 s before the third retry on a quiet
      // machine); comparing the first and third waits does not: under load the first alone can take 9 s.

      // Then in the dead-letter queue, with the scan's data and last error; recorded as failed for the report.
      // Kept about four weeks: pg-boss gives a dead letter twice what was left of the failed job's retention (14 days).
      const dead = await store.db.query<{ data: { project: string }; output: { message?: string }; days: number }>(
        `SELECT data, output, extract(epoch FROM keep_until - created_on) / 86400 AS days FROM ${BOSS_SCHEMA}.job WHERE name = $1`,
        [DEAD_QUEUE],
      );
      assert.equal(dead.rows.length, 1);
      assert.equal(dead.rows[0]!.data.project, 'broken');
      assert.match(dead.rows[0]!.output.message ?? '', /git could not fetch/);
      assert.ok(Math.abs(Number(dead.rows[0]!.days) - 28) < 0.1, `kept ${dead.rows[0]!.days} days`);
      const scans = (
        await store.db.query<{ project: string; ok: boolean; attempt: number; error: string | null }>(
          'SELECT project, ok, attempt, error FROM mageup_fleet_scans ORDER BY project',
        )
      ).rows;
      assert.deepEqual(
        scans.map((s) => [s.project, s.ok, s.attempt]),
        [
          ['broken', false, 4],
          ['flaky', true, 2],
        ],
      );
      assert.match(scans[0]!.error ?? '', /git could not fetch/);
      // flaky recovered on its first retry: completed, not dead-lettered, its runs recorded once.
      const runs = await store.db.query<{ n: string }>('SELECT count(*) AS n FROM mageup_runs');
      assert.equal(Number(runs.rows[0]!.n), 2);
      assert.deepEqual(await jobStates(), [
        ['broken', 'failed'],
        ['flaky', 'completed'],
      ]);
    });
  },
);
