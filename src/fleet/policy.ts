// The fleet queue's policy, apart from the job engine so `mageup worker --help` shows its defaults without loading it.

/**
 * How a scan that failed is retried, and where it goes after the last retry: the one place MageUp sets it. Each retry
 * waits with backoff (pg-boss 10: the n-th retry after a random delay between retryDelaySeconds × 2^(n-1) and twice
 * that), and a job that failed its last retry is copied into DEAD_QUEUE. `startBoss` writes it on the scan queue
 * (creating the queue, or updating one an older MageUp created with other values) and `enqueueScans` on every job it
 * sends: pg-boss copies a queue's settings into a job when the job is created, so a job's retries never depend on which
 * process happened to create the queue. No command line option changes it (tests pass shorter delays through the
 * library).
 */
export interface RetryPolicy {
  /** Attempts after the first. */
  retryLimit: number;
  /** Seconds before the first retry, doubled for each next one (backoff). */
  retryDelaySeconds: number;
}

export const SCAN_RETRY: RetryPolicy = { retryLimit: 3, retryDelaySeconds: 15 };

/** Queue settings: the retry policy, and what a worker's lease is. */
export interface QueuePolicy extends RetryPolicy {
  /**
   * A running job's lease: pg-boss 10 has no heartbeat, so a job expires (is failed and retried) `leaseSeconds` after
   * it started, and its worker keeps pushing that moment forward while it runs, from a thread of its own so a scan busy
   * on the main thread does not stop it (lease-keeper.ts). A killed worker's job thus
   * comes back within lease + maintenance interval + retry delay, however long a real scan takes. Default 60.
   */
  leaseSeconds: number;
}

export const DEFAULT_QUEUE_POLICY: QueuePolicy = { ...SCAN_RETRY, leaseSeconds: 60 };

/** How often supervising processes (workers) look for expired jobs, by default. */
export const DEFAULT_MAINTENANCE_SECONDS = 15;
