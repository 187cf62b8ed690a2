import { hostname } from 'node:os';
import { join } from 'node:path';
import type PgBossType from 'pg-boss';
import { StoreError } from '../history/connections.js';
import { insertRun } from '../history/index.js';
import { userCacheDir } from '../knowledge/cache-dir.js';
import { startLeaseKeeper } from './lease-keeper.js';
import {
  enqueueScans,
  SCAN_QUEUE,
  SCHEDULE_QUEUE,
  startBoss,
  type ScanJobData,
  type ScheduleJobData,
} from './queue.js';
import { DEFAULT_QUEUE_POLICY, type QueuePolicy } from './policy.js';
import { getProject, FleetError } from './registry.js';
import { PermanentScanError, scanProject } from './scan.js';
import { recordScan, setProgress } from './status.js';
import { isConnectionLoss, openFleetStore, type FleetStore } from './store.js';
import type { FleetScan } from './types.js';

export interface WorkerOptions {
  /** Jobs this process runs side by side (default 1). */
  concurrency?: number;
  /** PHP analysis threads per job (default 1). */
  threads?: number;
  cacheDir?: string | false;
  /** Seconds between polls of an idle worker (default 2). */
  pollSeconds?: number;
  maintenanceIntervalSeconds?: number;
  policy?: QueuePolicy;
  /** Name in the scans table and the progress (default host:pid). */
  name?: string;
  onEvent?(event: WorkerEvent): void;
}

export type WorkerEvent =
  | { type: 'started'; worker: string }
  | { type: 'job-start'; jobId: string; project: string; attempt: number }
  | { type: 'job-done'; jobId: string; project: string; attempt: number; ms: number; recorded: boolean }
  | { type: 'job-failed'; jobId: string; project: string; attempt: number; error: string; final: boolean }
  /** The job expired while this worker still ran it (it could not renew its lease in time): it may run elsewhere. */
  | { type: 'lease-lost'; jobId: string; project: string; attempt: number }
  | { type: 'schedule'; queued: number }
  /** The store could not be reached while the worker started (startFleetWorker): it tries again after `delayMs`. */
  | { type: 'start-retry'; attempt: number; attempts: number; delayMs: number; error: string }
  | { type: 'error'; error: string };

export interface RunningWorker {
  name: string;
  /** Stops fetching, waits for running jobs (up to `timeoutMs`), closes connections. */
  stop(timeoutMs?: number): Promise<void>;
}

/** Marks the scan's transaction as already recorded: roll back the duplicate runs, complete the job. */
class AlreadyRecorded extends Error {}

/**
 * `mageup worker`: takes scan jobs from the fleet's queue until stopped. Each job runs the store's audit + check in this
 * process and records its runs and its status in one transaction, keyed by the job id: a job retried after a
 * worker died mid-way is recorded once.
 */
export async function startWorker(store: FleetStore, opts: WorkerOptions = {}): Promise<RunningWorker> {
  const name = opts.name ?? `${hostname()}:${process.pid}`;
  const emit = opts.onEvent ?? (() => undefined);
  const policy = opts.policy ?? DEFAULT_QUEUE_POLICY;
  const boss = await startBoss(
    store,
    {
      supervise: true,
      ...(opts.maintenanceIntervalSeconds ? { maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds } : {}),
      onError: (error) => emit({ type: 'error', error: error.message }),
    },
    policy,
  );
  const checkoutDir = join(userCacheDir(), 'fleet', 'checkouts');
  let keeper: Awaited<ReturnType<typeof startLeaseKeeper>>;
  try {
    keeper = await startLeaseKeeper(store, SCAN_QUEUE, policy.leaseSeconds);
  } catch (error) {
    await boss.stop({ graceful: false, wait: false }).catch(() => undefined);
    throw error;
  }

  const handle = async (job: PgBossType.JobWithMetadata<ScanJobData>): Promise<void> => {
    const attempt = job.retryCount + 1;
    const { project: projectName } = job.data;
    const started = new Date();
    emit({ type: 'job-start', jobId: job.id, project: projectName, attempt });
    let lost = false;
    const lease = await keeper.hold(job.id, job.retryCount, {
      lost: () => {
        lost = true;
        emit({ type: 'lease-lost', jobId: job.id, project: projectName, attempt });
      },
      error: (error) => emit({ type: 'error', error: `lease of ${projectName}: ${error.message}` }),
    });
    let failure: Error | undefined;
    try {
      failure = await runJob(job, attempt, started);
    } finally {
      lease.release();
    }
    // A job whose lease ran out belongs to its next attempt (running or waiting): its state is not ours to set.
    if (lost) return;
    try {
      if (failure) await boss.fail(SCAN_QUEUE, job.id, { message: failure.message });
      else await boss.complete(SCAN_QUEUE, job.id);
    } catch (error) {
      // The lease is released: the job expires and is retried, and its result (if any) is recorded once.
      emit({
        type: 'error',
        error: `${projectName}: the job's end could not be written (${error instanceof Error ? error.message : String(error)}); it will be retried`,
      });
    }
  };

  /** Runs one attempt; returns the error pg-boss should retry on, or nothing when the job is done (or cannot succeed). */
  const runJob = async (
    job: PgBossType.JobWithMetadata<ScanJobData>,
    attempt: number,
    started: Date,
  ): Promise<Error | undefined> => {
    const { project: projectName } = job.data;
    const progress = (phase: Parameters<typeof setProgress>[1]['phase'], percent: number): void => {
      void setProgress(store.db, { jobId: job.id, project: projectName, phase, percent, worker: name }).catch(
        () => undefined, // progress is a convenience: a lost update must not fail the scan
      );
    };
    // What every record of this attempt says, whichever way it ends.
    const scanRecord = (
      result: Pick<FleetScan, 'ok' | 'error' | 'auditRunId' | 'checkRunId' | 'status'>,
    ): Omit<FleetScan, 'id'> => ({
      project: projectName,
      jobId: job.id,
      startedAt: started.toISOString(),
      finishedAt: new Date().toISOString(),
      worker: name,
      attempt,
      ...result,
    });
    progress('audit', 0);
    try {
      const project = await getProject(store.db, projectName);
      const outcome = await scanProject(project, {
        checkoutDir,
        threads: opts.threads ?? 1,
        ...(job.data.target ? { target: job.data.target } : {}),
        ...(opts.cacheDir !== undefined ? { cacheDir: opts.cacheDir } : {}),
        onProgress: progress,
      });
      progress('recording', 95);
      let recorded = true;
      try {
        await store.db.transaction(async (q) => {
          const auditRunId = await insertRun(q, outcome.runs.audit);
          const checkRunId = outcome.runs.check ? await insertRun(q, outcome.runs.check) : null;
          const inTx = {
            query: q,
            transaction: <T>(fn: (qq: typeof q) => Promise<T>) => fn(q),
            close: async () => undefined,
          };
          const fresh = await recordScan(
            inTx,
            scanRecord({ ok: true, error: null, auditRunId, checkRunId, status: outcome.status }),
          );
          if (!fresh) throw new AlreadyRecorded();
        });
      } catch (error) {
        if (!(error instanceof AlreadyRecorded)) throw error;
        recorded = false;
      }
      progress('done', 100);
      emit({
        type: 'job-done',
        jobId: job.id,
        project: projectName,
        attempt,
        ms: Date.now() - started.getTime(),
        recorded,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const permanent = error instanceof PermanentScanError || error instanceof FleetError;
      const final = permanent || job.retryCount >= job.retryLimit;
      emit({ type: 'job-failed', jobId: job.id, project: projectName, attempt, error: message, final });
      progress('failed', 100);
      if (final) {
        // The last word on this job: the report shows the error until a later scan succeeds.
        await recordScan(
          store.db,
          scanRecord({ ok: false, error: message, auditRunId: null, checkRunId: null, status: null }),
        ).catch(() => undefined);
      }
      // Permanent: completing the job ends it (retrying cannot help); otherwise pg-boss retries, then dead-letters.
      return permanent ? undefined : error instanceof Error ? error : new Error(message);
    }
    return undefined;
  };

  // Our own fetch loop rather than boss.work(): pg-boss 10's work() abandons a handler after the job's expireInSeconds
  // (here one lease) and fetches the next job, while a scan may hold its renewed lease far longer.
  let stopping = false;
  const wakers = new Set<() => void>();
  const nap = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      wakers.add(wake);
    });
  const slot = async (): Promise<void> => {
    while (!stopping) {
      // fetch() answers [] when the database cannot be reached: the loop waits and asks again.
      const [job] = await boss
        .fetch<ScanJobData>(SCAN_QUEUE, { batchSize: 1, includeMetadata: true })
        .catch(() => [] as PgBossType.JobWithMetadata<ScanJobData>[]);
      if (job) await handle(job).catch((error) => emit({ type: 'error', error: String(error) }));
      else await nap((opts.pollSeconds ?? 2) * 1000);
    }
  };
  // Cron ticks, in a loop of our own too: pg-boss 10's work() completes a job without awaiting it (manager.js
  // watch/onFetch), so a server lost at that moment is an unhandled rejection, which ends the process.
  const scheduleLoop = async (): Promise<void> => {
    while (!stopping) {
      const [tick] = await boss
        .fetch<ScheduleJobData>(SCHEDULE_QUEUE, { batchSize: 1 })
        .catch(() => [] as PgBossType.Job<ScheduleJobData>[]);
      if (!tick) {
        await nap(30_000);
        continue;
      }
      try {
        const { queued } = await enqueueScans(boss, store, {
          ...(tick.data.tags?.length ? { tags: tick.data.tags } : {}),
          batch: `schedule ${new Date().toISOString()}`,
          retry: policy,
        });
        emit({ type: 'schedule', queued: queued.length });
        await boss.complete(SCHEDULE_QUEUE, tick.id);
      } catch (error) {
        // The tick expires and comes back (a store whose scan already waits gets no second one).
        const message = error instanceof Error ? error.message : String(error);
        emit({ type: 'error', error: `schedule: ${message}` });
        await boss.fail(SCHEDULE_QUEUE, tick.id, { message }).catch(() => undefined);
      }
    }
  };
  const slots = [...Array.from({ length: Math.max(1, opts.concurrency ?? 1) }, () => slot()), scheduleLoop()];
  emit({ type: 'started', worker: name });
  return {
    name,
    async stop(timeoutMs = 30_000) {
      stopping = true;
      for (const wake of [...wakers]) wake();
      // Jobs still running after the timeout are left to expire (their lease is no longer renewed once we exit).
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all(slots),
        new Promise((resolve) => {
          timer = setTimeout(resolve, timeoutMs);
        }),
      ]);
      clearTimeout(timer);
      await keeper.stop();
      await boss.stop({ graceful: true, wait: true, timeout: timeoutMs, close: true });
      await store.db.close().catch(() => undefined);
    },
  };
}

/** How `startFleetWorker` waits for a store it cannot reach yet: `attempts` tries, the waits doubling up to a cap. */
export interface StartupRetry {
  attempts: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

/** 8 tries, waiting 1, 2, 4, 8, 16, 30 and 30 s between them (91 s in all): a server restart, not an outage. */
export const STARTUP_RETRY: StartupRetry = { attempts: 8, firstDelayMs: 1000, maxDelayMs: 30_000 };

/**
 * `mageup worker`: opens the fleet store at `spec` and starts a worker on it. A server that cannot be reached, or
 * goes away while the worker sets up (restarting, starting up), is tried again with backoff, each wait announced as a
 * `start-retry` event; any other error (wrong password, missing database, a failed migration) ends at once, and so
 * does the last try.
 */
export async function startFleetWorker(
  spec: string,
  opts: WorkerOptions & { startup?: StartupRetry } = {},
): Promise<RunningWorker> {
  const retry = opts.startup ?? STARTUP_RETRY;
  let waitedMs = 0;
  for (let attempt = 1; ; attempt++) {
    let store: FleetStore | undefined;
    try {
      store = await openFleetStore(spec);
      return await startWorker(store, opts);
    } catch (error) {
      await store?.db.close().catch(() => undefined);
      if (!isConnectionLoss(error)) throw error;
      const message = error instanceof Error ? error.message : String(error);
      if (attempt >= retry.attempts)
        throw new StoreError(`${message} (gave up after ${attempt} tries over ${(waitedMs / 1000).toFixed(1)} s)`, {
          cause: error,
        });
      const delayMs = Math.min(retry.maxDelayMs, retry.firstDelayMs * 2 ** (attempt - 1));
      opts.onEvent?.({ type: 'start-retry', attempt, attempts: retry.attempts, delayMs, error: message });
      await new Promise((r) => setTimeout(r, delayMs));
      waitedMs += delayMs;
    }
  }
}
