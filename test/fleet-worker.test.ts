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

type Worker = WorkerProcess;

const startWorker = (url: string, onEvent?: (e: WorkerEvent, w: Worker) => void): Worker =>
  startWorkerProcess(
    url,
    {
      cli: ['--import', 'tsx', 'scripts/mageup-dev.ts'],
      expire: '30',
      retryDelay: '1',
      maintenance: '2',
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

    const boss = await startBoss(store, {}, { retryLimit: 2, retryDelaySeconds: 1, expireInSeconds: 30 });
    const first = await enqueueScans(boss, store);
    assert.equal(first.queued.length, PROJECTS + 2);
    // One waiting job per store: a second scan while they wait adds nothing.
    const second = await enqueueScans(boss, store);
    assert.deepEqual([second.queued.length, second.alreadyQueued.length], [0, PROJECTS + 2]);
    await boss.stop({ graceful: false, wait: true, close: true });

    let killed: { jobId: string; project: string } | undefined;
    const victim = startWorker(database.url, (event, w) => {
      // Killed while it holds its first real scan: the job must come back through expiry and retry.
      if (!killed && event.type === 'job-start' && event.project.startsWith('store-')) {
        killed = { jobId: event.jobId, project: event.project };
        setTimeout(() => w.child.kill('SIGKILL'), 300);
      }
    });
    workers.push(victim);
    await victim.exited;
    assert.ok(killed, 'the victim started a job before it was killed');
    workers.push(startWorker(database.url), startWorker(database.url), startWorker(database.url));

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

    // The killed worker's job: the same job id, finished by another worker on a later attempt.
    const retried = scans.find((s) => s.project === killed!.project)!;
    assert.equal(retried.job_id, killed!.jobId);
    assert.ok(retried.attempt >= 2, `attempt ${retried.attempt}`);
    assert.ok(!retried.worker.endsWith(`:${victim.child.pid}`));

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
