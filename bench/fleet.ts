/**
 * Bench: fleet scans on pg-boss over the real PostgreSQL (127.0.0.1:5432), with 1, 2 and 4 worker processes.
 * Generates N projects with scripts/generate-fleet-projects.ts (varied releases, editions, extensions, custom code),
 * registers them in a fresh database per run (dropped afterwards), queues one scan each and starts the workers
 * (`mageup worker --no-cache`: every PHP file is analysed, as on real, distinct stores). Measures time to the first
 * result, wall time and throughput, and checks that every job is recorded exactly once (scans, job ids, runs,
 * worker events). With chaos on, one worker is SIGKILLed mid-scan (its job comes back once its --lease runs out unrenewed) and,
 * at half-way, every server connection of the database is terminated (pg_terminate_backend, as a restart would).
 *
 *   node --import tsx bench/fleet.ts [--runs 1:100,2:100,4:500] [--chaos 4] [--lease 30] [--dist]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { addProject, openFleetStore } from '../src/fleet/index.js';
import { enqueueScans, startBoss } from '../src/fleet/queue.js';
import type { WorkerEvent } from '../src/fleet/worker.js';
import { generateFleetProjects } from '../scripts/generate-fleet-projects.js';
import { createTestDatabase, PG_ADMIN_URL } from '../test/helpers/pg-database.js';
import { startWorkerProcess, type WorkerProcess } from '../test/helpers/worker-process.js';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const runs = opt('--runs', '1:100,2:100,4:500')
  .split(',')
  .map((r) => r.split(':').map(Number) as [number, number]);
const chaosOn = new Set(opt('--chaos', '4').split(',').filter(Boolean).map(Number));
const lease = opt('--lease', '30');
// --dist: workers run the built CLI (bin/mageup.js, after npm run build) instead of the sources through tsx, whose
// start-up (compiling the CLI's modules) dominates the time to the first result on a loaded machine.
const cli = args.includes('--dist') ? ['bin/mageup.js'] : ['--import', 'tsx', 'scripts/mageup-dev.ts'];

type Worker = WorkerProcess;

const startWorker = (url: string, onEvent: (e: WorkerEvent, w: Worker) => void): Worker =>
  startWorkerProcess(url, { cli, lease, maintenance: '5', stderr: 'capture' }, onEvent);

const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

async function benchRun(workerCount: number, count: number, projectsDir: string): Promise<Record<string, unknown>> {
  const chaos = chaosOn.has(workerCount);
  const database = await createTestDatabase(`mageup_fleet_bench_${workerCount}w`);
  const store = await openFleetStore(database.url);
  const workers: Worker[] = [];
  try {
    const projects = generateFleetProjects(projectsDir, count);
    for (const p of projects) await addProject(store.db, { name: p.name, location: p.path, tags: [p.edition, p.base] });
    const retry = { retryLimit: 3, retryDelaySeconds: 5 };
    const boss = await startBoss(store, {}, { ...retry, leaseSeconds: Number(lease) });
    const loadBefore = load();
    const t0 = Date.now();
    const { queued } = await enqueueScans(boss, store, { retry });
    await boss.stop({ graceful: false, wait: true, close: true });
    let killed: { jobId: string; project: string; at: number } | undefined;
    // From the SIGKILL to the killed job's start on another worker: lease + maintenance + retry delay + a free worker.
    let killedJobBackAfterMs: number | null = null;
    let killedAt = 0;
    let terminated: { at: number; connections: number } | undefined;
    let done = 0;
    const onEvent = (e: WorkerEvent, w: Worker): void => {
      if (e.type === 'job-done' && e.recorded) done++;
      // Chaos 1: after a tenth of the results, kill the worker that just started a job, 500 ms into it.
      if (killed && killedAt && killedJobBackAfterMs === null && e.type === 'job-start' && e.jobId === killed.jobId)
        killedJobBackAfterMs = Date.now() - killedAt;
      if (chaos && !killed && e.type === 'job-start' && done >= Math.ceil(count / 10)) {
        killed = { jobId: e.jobId, project: e.project, at: Date.now() - t0 };
        setTimeout(() => {
          w.child.kill('SIGKILL');
          killedAt = Date.now();
          // A replacement keeps the worker count.
          workers.push(startWorker(database.url, onEvent));
        }, 500);
      }
    };
    for (let i = 0; i < workerCount; i++) workers.push(startWorker(database.url, onEvent));
    let firstResultMs: number | null = null;
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    try {
      for (;;) {
        const res = await store.db
          .query<{ n: string; first: Date | null }>(
            'SELECT count(*) AS n, min(finished_at) AS first FROM mageup_fleet_scans',
          )
          .catch(() => null);
        if (res) {
          const n = Number(res.rows[0]!.n);
          if (firstResultMs === null && res.rows[0]!.first) firstResultMs = new Date(res.rows[0]!.first).getTime() - t0;
          // Chaos 2: at half-way, drop every server connection of the database (workers, pg-boss, ours).
          if (chaos && !terminated && n >= count / 2) {
            const t = await admin.query(
              'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
              [database.name],
            );
            terminated = { at: Date.now() - t0, connections: t.rowCount ?? 0 };
          }
          if (n >= count) break;
        }
        if (Date.now() - t0 > 3 * 3600_000) throw new Error('bench timed out');
        await new Promise((r) => setTimeout(r, 1000));
      }
    } finally {
      await admin.end();
    }
    const wallMs = Date.now() - t0;
    const loadAfter = load();
    const scans = (
      await store.db.query<{
        project: string;
        job_id: string;
        ok: boolean;
        attempt: number;
        started_at: Date;
        finished_at: Date;
      }>('SELECT project, job_id, ok, attempt, started_at, finished_at FROM mageup_fleet_scans')
    ).rows;
    const runsByCommand = Object.fromEntries(
      (
        await store.db.query<{ command: string; n: string }>(
          'SELECT command, count(*) AS n FROM mageup_runs GROUP BY command',
        )
      ).rows.map((r) => [r.command, Number(r.n)]),
    );
    const events = workers.flatMap((w) => w.events);
    const recordedPerJob = new Map<string, number>();
    for (const e of events)
      if (e.type === 'job-done' && e.recorded) recordedPerJob.set(e.jobId, (recordedPerJob.get(e.jobId) ?? 0) + 1);
    const durations = scans
      .map((s) => new Date(s.finished_at).getTime() - new Date(s.started_at).getTime())
      .sort((a, b) => a - b);
    const killedScan = killed ? scans.find((s) => s.job_id === killed!.jobId) : undefined;
    return {
      workers: workerCount,
      projects: count,
      queued: queued.length,
      recorded: scans.length,
      ok: scans.filter((s) => s.ok).length,
      distinctJobs: new Set(scans.map((s) => s.job_id)).size,
      distinctProjects: new Set(scans.map((s) => s.project)).size,
      runs: runsByCommand,
      jobsRecordedTwice: [...recordedPerJob.values()].filter((n) => n > 1).length,
      executionsFinishedWithoutRecording: events.filter((e) => e.type === 'job-done' && !e.recorded).length,
      failedAttempts: events.filter((e) => e.type === 'job-failed').length,
      firstResultS: firstResultMs === null ? null : +(firstResultMs / 1000).toFixed(1),
      wallS: +(wallMs / 1000).toFixed(1),
      throughputPerMin: +((scans.length / wallMs) * 60_000).toFixed(1),
      scanMedianS: +(durations[Math.floor(durations.length / 2)]! / 1000).toFixed(2),
      scanP95S: +(durations[Math.floor(durations.length * 0.95)]! / 1000).toFixed(2),
      killed: killed
        ? {
            jobId: killed.jobId,
            project: killed.project,
            atS: +(killed.at / 1000).toFixed(1),
            backAfterS: killedJobBackAfterMs === null ? null : +(killedJobBackAfterMs / 1000).toFixed(1),
            recordedOnAttempt: killedScan?.attempt ?? null,
          }
        : null,
      terminated: terminated ? { atS: +(terminated.at / 1000).toFixed(1), connections: terminated.connections } : null,
      load: { before: loadBefore, after: loadAfter },
    };
  } finally {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGTERM');
    await Promise.race([Promise.all(workers.map((w) => w.exited)), new Promise((r) => setTimeout(r, 20_000))]);
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    await store.db.close().catch(() => undefined);
    await database.drop();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'mageup-fleet-bench-'));
try {
  for (const [workerCount, count] of runs) {
    console.error(
      `fleet bench: ${count} projects, ${workerCount} worker(s)${chaosOn.has(workerCount) ? ', chaos' : ''} … (load ${load()})`,
    );
    const result = await benchRun(workerCount, count, join(dir, 'projects'));
    console.log(JSON.stringify(result));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
