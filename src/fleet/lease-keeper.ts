import { Worker } from 'node:worker_threads';
import { BOSS_SCHEMA, jobEngineUrl } from './queue.js';
import type { FleetStore } from './store.js';

/** What the keeper's thread (lease-thread.ts) is given. */
export interface KeeperConfig {
  /** The job engine's connection string (may hold a password: never printed). */
  url: string;
  /** pg-boss's job table. */
  table: string;
  queue: string;
  leaseSeconds: number;
  stallSeconds: number;
}

export type ToKeeper =
  /** retryCount: the attempt fetched (pg-boss keeps a job's id across its retries). */
  | { type: 'hold'; jobId: string; retryCount: number }
  | { type: 'release'; jobId: string }
  /** The main thread runs (any message says so; this one is sent every quarter lease when there is nothing else). */
  | { type: 'alive' }
  | { type: 'stop' };

export type FromKeeper =
  /** Loaded, its connection open (or failed to open: renewals will try again). */
  | { type: 'ready' }
  /** The first renewal of a job's lease is done (whatever it found). */
  | { type: 'held'; jobId: string }
  | { type: 'lost'; jobId: string }
  | { type: 'error'; jobIds: string[]; message: string };

/**
 * A main thread that has not run for this many leases is hung, not busy: the keeper stops renewing its leases, so a
 * worker stuck in a scan for good does not keep its job for ever (10 min at the default 60 s lease).
 */
export const STALL_LEASES = 10;

export interface Lease {
  /** Stops renewing (the job is done, or failed and left to pg-boss). */
  release(): void;
}

export interface LeaseCallbacks {
  /** The job is no longer this worker's (it expired and was retried or failed): the scan goes on, recorded once. */
  lost?(): void;
  error?(error: Error): void;
}

export interface LeaseKeeper {
  /**
   * Keeps a running job alive while its worker is: sets the job's expiry to a lease from now at once and again every
   * quarter lease, so only a worker that stopped renewing (killed, hung, cut off from the database for most of a
   * lease) loses its job to expiry. pg-boss 10 has no keepalive of its own; this writes the one column its expiry reads
   * (`started_on + expire_in < now()`), keeping `started_on` true. A retried job carries the expire_in of its last
   * attempt, which the first renewal resets. `retryCount` is the attempt as fetched: only that attempt is renewed,
   * and a job found at another (or not active) is lost.
   */
  hold(jobId: string, retryCount: number, on?: LeaseCallbacks): Promise<Lease>;
  /** Stops renewing every lease and ends the thread; a hold() after it throws. */
  stop(): Promise<void>;
}

/**
 * Renews a worker's leases from a thread of its own (worker_threads, with its own database connection): the scan runs
 * largely synchronously on the main thread, and a main-thread timer would not fire while it does, so a scan busy for
 * longer than a lease lost its job (expired, retried elsewhere, scanned twice). The main thread still says it is alive
 * every quarter lease: one silent for STALL_LEASES leases is taken for hung and its leases lapse.
 */
export async function startLeaseKeeper(
  store: FleetStore,
  queue: string,
  leaseSeconds: number,
  stallSeconds = STALL_LEASES * leaseSeconds,
): Promise<LeaseKeeper> {
  const config: KeeperConfig = {
    url: jobEngineUrl(store),
    table: `${BOSS_SCHEMA}.job`,
    queue,
    leaseSeconds,
    stallSeconds,
  };
  const holds = new Map<string, LeaseCallbacks>();
  const waiting = new Map<string, () => void>();
  let thread: Worker | undefined;
  let stopped = false;
  const resolveWaiting = (): void => {
    for (const held of waiting.values()) held();
    waiting.clear();
  };

  const onMessage = (message: FromKeeper): void => {
    if (message.type === 'held') {
      waiting.get(message.jobId)?.();
      waiting.delete(message.jobId);
    } else if (message.type === 'lost') {
      const on = holds.get(message.jobId);
      holds.delete(message.jobId);
      on?.lost?.();
    } else if (message.type === 'error') {
      for (const id of message.jobIds) holds.get(id)?.error?.(new Error(message.message));
    }
  };
  /** The running thread, started again when a job starts after one died. */
  const keeperThread = (): Worker => {
    if (thread) return thread;
    const started = spawnThread(config);
    thread = started;
    started.on('message', onMessage);
    started.on('error', (error) => {
      for (const on of holds.values()) on.error?.(new Error(`the lease keeper failed: ${error.message}`));
    });
    started.on('exit', (code) => {
      if (thread !== started) return; // stopped
      thread = undefined;
      // Its leases were not renewed since it died and may have lapsed: every job held is lost (its worker does not
      // write its end), and the next job starts a new thread.
      const lost = [...holds.values()];
      holds.clear();
      for (const on of lost) {
        on.error?.(new Error(`the lease keeper stopped (exit code ${code})`));
        on.lost?.();
      }
      resolveWaiting();
    });
    return started;
  };
  // Started and connected before the first job: on a loaded machine that can take longer than a lease (tsx, pg).
  const first = keeperThread();
  await new Promise<void>((resolve, reject) => {
    first.on('message', (m: FromKeeper) => m.type === 'ready' && resolve());
    // 'error' comes before 'exit': the first settles, with the thread's own message.
    first.once('error', (error) => reject(new Error(`the lease keeper did not start: ${error.message}`)));
    first.once('exit', (code) => reject(new Error(`the lease keeper did not start (exit code ${code})`)));
  });
  const alive = setInterval(() => thread?.postMessage({ type: 'alive' } satisfies ToKeeper), (leaseSeconds * 1000) / 4);
  alive.unref();

  return {
    hold(jobId, retryCount, on = {}) {
      if (stopped) return Promise.reject(new Error('the lease keeper is stopped'));
      const held = new Promise<void>((resolve) => waiting.set(jobId, resolve));
      const running = keeperThread();
      holds.set(jobId, on);
      running.postMessage({ type: 'hold', jobId, retryCount } satisfies ToKeeper);
      return held.then(() => ({
        release: () => {
          holds.delete(jobId);
          thread?.postMessage({ type: 'release', jobId } satisfies ToKeeper);
        },
      }));
    },
    async stop() {
      stopped = true;
      clearInterval(alive);
      // No renewal is coming for a hold still waiting for its first: it goes on unrenewed, as every lease now does.
      resolveWaiting();
      const running = thread;
      thread = undefined;
      if (!running) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.postMessage({ type: 'stop' } satisfies ToKeeper);
      // The thread ends once its connection is closed; one that does not within 5 s is ended.
      const timer = setTimeout(() => void running.terminate(), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Starts lease-thread beside this module: built, lease-thread.js; from sources (tests, through tsx) lease-thread.ts,
 * which needs tsx registered in the thread first (tsx registers itself on the main thread only).
 */
function spawnThread(config: KeeperConfig): Worker {
  const options = { workerData: config };
  const thread = import.meta.url.endsWith('.ts')
    ? new Worker(
        `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(new URL('./lease-thread.ts', import.meta.url).href)}); })`,
        { ...options, eval: true },
      )
    : new Worker(new URL('./lease-thread.js', import.meta.url), options);
  // It does not keep the process alive: a running job does.
  thread.unref();
  return thread;
}
