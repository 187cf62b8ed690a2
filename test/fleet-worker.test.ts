import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { addProject, openFleetStore, type FleetStore } from '../src/fleet/index.js';
import { DEAD_QUEUE, enqueueScans, SCAN_QUEUE, startBoss } from '../src/fleet/queue.js';
import type { WorkerEvent } from '../src/fleet/worker.js';
import { generateFleetProjects } from '../scripts/generate-fleet-projects.js';
import { createTestDatabase } from './helpers/pg-database.js';
import { startWorkerProcess, type WorkerProcess } from './helpers/worker-process.js';

const PROJECTS = 10;
// Worker timings (seconds): a killed worker's job comes back after at most LEASE (unrenewed) + MAINTENANCE + 2 ×
// RETRY_DELAY (the first retry's backoff) + a poll and a free worker.
// 15 s: the lease is renewed from a thread of its own (lease-keeper.ts). It was 40 s while renewals ran on the
// scanning thread: at load 28 three workers busy scanning could not renew a 20 s lease in time (lease-lost, retried).
const LEASE = 15;
const MAINTENANCE = 2;
const RETRY_DELAY = 1;

type Worker = WorkerProcess;

const startWorker = (url: string, onEvent?: (e: WorkerEvent, w: Worker) => void): Worker =>
  startWorkerProcess(
    url,
    {
      cli: ['--import', 'tsx', 'scripts/mageup-dev.ts'],
      lease: String(LEASE),
      maintenance: String(MAINTENANCE),
      stderr: 'inherit',
    },
    onEvent,
  );

async function waitFor(what: string, ms: number, test: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe('fleet scans on pg-boss with several worker processes (real PostgreSQL)', { timeout: 400_000 }, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dir: string;
  let store: FleetStore;
  const workers: Worker[] = [];

  before(async () => {
    database = await createTestDatabase('mageup_fleet_w');
    dir = mkdtempSync(join(tmpdir(), 'mageup-fleet-w-'));
    store = await openFleetStore(database.url);
  });
  after(async () => {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited));
    await store?.db.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs every job once, retries the job of a worker killed mid-scan, dead-letters what keeps failing', async () => {
    const generated = generateFleetProjects(join(dir, 'projects'), PROJECTS);
    for (const p of generated) await addProject(store.db, { name: p.name, location: p.path, tags: [p.edition] });
    mkdirSync(join(dir, 'empty'));
    await addProject(store.db, { name: 'not-magento', location: join(dir, 'empty') });
    await addProject(store.db, { name: 'unreachable', location: `file://${join(dir, 'missing.git')}` });

    const retry = { retryLimit: 2, retryDelaySeconds: RETRY_DELAY };
    const boss = await startBoss(store, {}, { ...retry, leaseSeconds: LEASE });
    const first = await enqueueScans(boss, store, { retry });
    assert.equal(first.queued.length, PROJECTS + 2);
    // One waiting job per store: a second scan while they wait adds nothing.
    const second = await enqueueScans(boss, store, { retry });
    assert.deepEqual([second.queued.length, second.alreadyQueued.length], [0, PROJECTS + 2]);
    await boss.stop({ graceful: false, wait: true, close: true });

    // Four workers; the first to start a real scan is SIGKILLed 300 ms into it: its lease is no longer renewed, so
    // the job expires and comes back to another worker.
    type Killed = { jobId: string; project: string; worker: Worker; at?: number; backAfterMs?: number };
    let killed: Killed | undefined;
    const onEvent = (event: WorkerEvent, w: Worker): void => {
      if (event.type !== 'job-start') return;
      if (killed?.at && killed.backAfterMs === undefined && event.jobId === killed.jobId)
        killed.backAfterMs = Date.now() - killed.at;
      if (!killed && event.project.startsWith('store-')) {
        const victim: Killed = { jobId: event.jobId, project: event.project, worker: w };
        killed = victim;
        setTimeout(() => {
          w.child.kill('SIGKILL');
          victim.at = Date.now();
        }, 300);
      }
    };
    for (let i = 0; i < 4; i++) workers.push(startWorker(database.url, onEvent));

    await waitFor('every store recorded', 300_000, async () => {
      const rows = await store.db.query<{ n: string }>('SELECT count(DISTINCT project) AS n FROM mageup_fleet_scans');
      return Number(rows.rows[0]!.n) === PROJECTS + 2;
    });

    const scans = (
      await store.db.query<{
        project: string;
        job_id: string;
        ok: boolean;
        attempt: number;
        worker: string;
        error: string | null;
      }>('SELECT project, job_id, ok, attempt, worker, error FROM mageup_fleet_scans ORDER BY project')
    ).rows;
    // Nothing lost, nothing twice: one scan per store, each job recorded once.
    assert.equal(scans.length, PROJECTS + 2);
    assert.equal(new Set(scans.map((s) => s.job_id)).size, PROJECTS + 2);
    for (const p of generated) assert.equal(scans.find((s) => s.project === p.name)?.ok, true, p.name);
    const runs = await store.db.query<{ command: string; n: string }>(
      'SELECT command, count(*) AS n FROM mageup_runs GROUP BY command ORDER BY command',
    );
    assert.deepEqual(
      runs.rows.map((r) => [r.command, Number(r.n)]),
      [
        ['audit', PROJECTS],
        ['check', PROJECTS],
      ],
    );
    const done = workers.flatMap((w) => w.events).filter((e) => e.type === 'job-done');
    for (const p of generated)
      assert.equal(done.filter((e) => e.type === 'job-done' && e.project === p.name && e.recorded).length, 1, p.name);

    // The killed worker's job: the same job id, finished by another worker on a later attempt, back within the
    // lease's bound (not the scan's length: the lease was renewed at its start, 300 ms before the kill).
    assert.ok(killed?.at, 'a worker was killed mid-scan');
    const retried = scans.find((s) => s.project === killed!.project)!;
    assert.equal(retried.job_id, killed.jobId);
    assert.ok(retried.attempt >= 2, `attempt ${retried.attempt}`);
    assert.ok(!retried.worker.endsWith(`:${killed.worker.child.pid}`));
    const back = killed.backAfterMs! / 1000;
    assert.ok(back >= LEASE - 2, `back after ${back} s: before its lease ran out`);
    // Once runnable it waits for a free worker, which may be in the middle of a scan (long on a loaded machine).
    const longestScan = Math.max(...done.map((e) => (e.type === 'job-done' ? e.ms : 0))) / 1000;
    assert.ok(
      back <= LEASE + MAINTENANCE + 2 * RETRY_DELAY + longestScan + 30,
      `back after ${back} s (longest scan ${longestScan} s)`,
    );
    // Every other scan kept its lease: one attempt each (the unreachable remote's retries aside).
    for (const s of scans)
      if (s.project !== killed.project && s.project !== 'unreachable') assert.equal(s.attempt, 1, s.project);
    assert.deepEqual(
      workers.flatMap((w) => w.events).filter((e) => e.type === 'lease-lost'),
      [],
    );

    // Not a Magento project: recorded once as failed, not retried.
    const notMagento = scans.find((s) => s.project === 'not-magento')!;
    assert.equal(notMagento.ok, false);
    assert.equal(notMagento.attempt, 1);
    assert.match(notMagento.error ?? '', /not a Magento project/);
    // A git URL that cannot be fetched: retried (1 + 2 attempts), then in the dead-letter queue.
    const unreachable = scans.find((s) => s.project === 'unreachable')!;
    assert.equal(unreachable.ok, false);
    assert.equal(unreachable.attempt, 3);
    assert.match(unreachable.error ?? '', /git could not fetch/);
    await waitFor('the dead letter', 30_000, async () => {
      const dead = await store.db.query<{ n: string }>('SELECT count(*) AS n FROM mageup_jobs.job WHERE name = $1', [
        DEAD_QUEUE,
      ]);
      return Number(dead.rows[0]!.n) === 1;
    });
    const states = await store.db.query<{ state: string; n: string }>(
      'SELECT state, count(*) AS n FROM (SELECT state FROM mageup_jobs.job WHERE name = $1 UNION ALL SELECT state FROM mageup_jobs.archive WHERE name = $1) j GROUP BY state ORDER BY state',
      [SCAN_QUEUE],
    );
    assert.deepEqual(
      states.rows.map((r) => [r.state, Number(r.n)]),
      [
        ['completed', PROJECTS + 1],
        ['failed', 1],
      ],
    );

    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGTERM');
    await Promise.all(workers.map((w) => w.exited));
  });
});
