import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { addProject, openFleetStore, type FleetStore } from '../src/fleet/index.js';
import { enqueueScans, startBoss } from '../src/fleet/queue.js';
import { generateFleetProjects } from '../scripts/generate-fleet-projects.js';
import { findPostgresBin, startPrivatePostgres, type PrivatePostgres } from './helpers/private-postgres.js';
import { startWorkerProcess, type WorkerProcess } from './helpers/worker-process.js';

const PROJECTS = 8;
const found = findPostgresBin();

describe(
  'fleet scans survive a real restart of their PostgreSQL server (a private cluster, not the shared one)',
  {
    timeout: 400_000,
    ...('missing' in found ? { skip: `no private PostgreSQL cluster can be made: ${found.missing}` } : {}),
  },
  () => {
    let server: PrivatePostgres;
    let store: FleetStore;
    let dir: string;
    const workers: WorkerProcess[] = [];

    before(async () => {
      server = await startPrivatePostgres((found as { bin: string }).bin);
      dir = mkdtempSync(join(tmpdir(), 'mageup-fleet-restart-'));
    });
    after(async () => {
      for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
      await Promise.all(workers.map((w) => w.exited));
      await store?.db.close().catch(() => undefined);
      server?.destroy();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('every job is recorded once although the server stopped for 3 s mid-scan', async () => {
      store = await openFleetStore(server.url);
      const generated = generateFleetProjects(join(dir, 'projects'), PROJECTS);
      for (const p of generated) await addProject(store.db, { name: p.name, location: p.path });
      const retry = { retryLimit: 3, retryDelaySeconds: 1 };
      const boss = await startBoss(store, {}, { ...retry, leaseSeconds: 10 });
      assert.equal((await enqueueScans(boss, store, { retry })).queued.length, PROJECTS);
      await boss.stop({ graceful: false, wait: true, close: true });

      const recorded = async (): Promise<number> =>
        Number((await store.db.query<{ n: string }>('SELECT count(*) AS n FROM mageup_fleet_scans')).rows[0]!.n);
      for (let i = 0; i < 2; i++)
        workers.push(
          startWorkerProcess(server.url, {
            cli: ['--import', 'tsx', 'scripts/mageup-dev.ts'],
            lease: '10',
            maintenance: '2',
            stderr: 'capture',
          }),
        );
      const deadline = Date.now() + 300_000;
      let restartedAt: number | undefined;
      for (;;) {
        const n = await recorded().catch(() => -1);
        if (restartedAt === undefined && n >= 2) {
          await server.restart(3000);
          restartedAt = n;
        }
        if (n >= PROJECTS) break;
        assert.ok(Date.now() < deadline, `timed out with ${n} of ${PROJECTS} recorded`);
        await new Promise((r) => setTimeout(r, 500));
      }
      // Restarted mid-run: with scans still to do.
      assert.ok(restartedAt !== undefined && restartedAt < PROJECTS, `restarted at ${restartedAt}`);
      // The workers lived through it and noticed (their pools reported the lost connections).
      for (const w of workers)
        assert.equal(w.child.exitCode, null, `worker ${w.child.pid} exited; its stderr:\n${w.stderr()}`);
      assert.ok(workers.some((w) => w.events.some((e) => e.type === 'error')));

      const scans = (
        await store.db.query<{ project: string; job_id: string; ok: boolean }>(
          'SELECT project, job_id, ok FROM mageup_fleet_scans',
        )
      ).rows;
      assert.equal(scans.length, PROJECTS);
      assert.equal(new Set(scans.map((s) => s.project)).size, PROJECTS);
      assert.equal(new Set(scans.map((s) => s.job_id)).size, PROJECTS);
      assert.ok(scans.every((s) => s.ok));
      const runs = await store.db.query<{ n: string }>('SELECT count(*) AS n FROM mageup_runs');
      assert.equal(Number(runs.rows[0]!.n), 2 * PROJECTS);
      const done = workers.flatMap((w) => w.events).filter((e) => e.type === 'job-done' && e.recorded);
      assert.equal(done.length, PROJECTS);
    });
  },
);
