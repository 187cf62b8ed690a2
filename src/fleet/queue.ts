import { createRequire } from 'node:module';
import type PgBossType from 'pg-boss';
import { redact, StoreError } from '../history/connections.js';
import { FleetError, listProjects } from './registry.js';
import type { FleetStore } from './store.js';
import { requireServer } from './store.js';
import {
  DEFAULT_MAINTENANCE_SECONDS,
  DEFAULT_QUEUE_POLICY,
  SCAN_RETRY,
  type QueuePolicy,
  type RetryPolicy,
} from './policy.js';

/** One scan of one store. */
export const SCAN_QUEUE = 'mageup-fleet-scan';
/** Scans that failed every retry land here, with their last error, for a person to look at. */
export const DEAD_QUEUE = 'mageup-fleet-scan-dead';
/** Cron ticks (`fleet schedule`): a worker turns each into scan jobs for the matching stores. */
export const SCHEDULE_QUEUE = 'mageup-fleet-schedule';

export interface ScanJobData {
  project: string;
  /** Which `fleet scan` (or schedule tick) asked for it. */
  batch: string;
  /** `fleet scan --to`: the target release for this scan, instead of the store's own (`fleet add --to`) or latest. */
  target?: string;
}

export interface ScheduleJobData {
  tags: string[];
}

/** pg-boss's options for a scan job under `retry`: with backoff, dead-lettered after the last retry. */
export function scanRetryOptions(retry: RetryPolicy = SCAN_RETRY): {
  retryLimit: number;
  retryDelay: number;
  retryBackoff: true;
  deadLetter: string;
} {
  return {
    retryLimit: retry.retryLimit,
    retryDelay: retry.retryDelaySeconds,
    retryBackoff: true,
    deadLetter: DEAD_QUEUE,
  };
}

/** pg-boss's tables live in their own schema of the fleet database. */
export const BOSS_SCHEMA = 'mageup_jobs';

export interface BossOptions {
  /** Run maintenance (expiring jobs of dead workers, archiving) and cron in this process: workers do, `fleet scan` not. */
  supervise?: boolean;
  maintenanceIntervalSeconds?: number;
  onError?(error: Error): void;
}

/** The fleet store's server without `?schema=` (that names the fleet tables' schema, not pg-boss's). */
export function jobEngineUrl(store: FleetStore): string {
  const url = new URL(store.spec);
  url.searchParams.delete('schema');
  return url.href;
}

/** Starts pg-boss on the fleet store's server and makes sure the queues exist with their policy. */
export async function startBoss(
  store: FleetStore,
  opts: BossOptions = {},
  policy: QueuePolicy = DEFAULT_QUEUE_POLICY,
): Promise<PgBossType> {
  requireServer(store, 'the fleet job engine');
  // pg-boss 10 is CommonJS (export =).
  const PgBoss = createRequire(import.meta.url)('pg-boss') as typeof PgBossType;
  const boss = new PgBoss({
    connectionString: jobEngineUrl(store),
    schema: BOSS_SCHEMA,
    application_name: 'mageup-fleet-jobs',
    max: 4,
    supervise: opts.supervise ?? false,
    schedule: opts.supervise ?? false,
    maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds ?? DEFAULT_MAINTENANCE_SECONDS,
    // Completed jobs stay visible for a week (the fleet tables keep results for ever).
    archiveCompletedAfterSeconds: 7 * 24 * 3600,
  });
  boss.on('error', (error) => opts.onError?.(error));
  try {
    await boss.start();
    // Nothing takes jobs from it: a person reads it. pg-boss sets a dead letter's retention from the failed job's.
    await boss.createQueue(DEAD_QUEUE, { name: DEAD_QUEUE });
    const scanQueue = {
      name: SCAN_QUEUE,
      // stately: per store (singleton key) at most one job waiting and one running; a second `fleet scan` while one
      // waits adds nothing.
      policy: 'stately',
      ...scanRetryOptions(policy),
      // A job starts with one lease; its worker renews it (lease-keeper.ts).
      expireInSeconds: policy.leaseSeconds,
    } satisfies PgBossType.Queue;
    // createQueue leaves an existing queue as it is: updateQueue makes it follow the policy.
    // pg-boss adds its parsed fields to the options it is given: each call gets its own copy.
    await boss.createQueue(SCAN_QUEUE, { ...scanQueue });
    await boss.updateQueue(SCAN_QUEUE, { ...scanQueue });
    await boss.createQueue(SCHEDULE_QUEUE, { name: SCHEDULE_QUEUE, policy: 'stately' });
  } catch (error) {
    await boss.stop({ graceful: false, wait: false }).catch(() => undefined);
    throw new StoreError(
      `the job engine cannot start on ${redact(store.spec)}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  return boss;
}

/** Enqueues one scan per matching store; returns the job ids and the stores whose job was already waiting. */
export async function enqueueScans(
  boss: PgBossType,
  store: FleetStore,
  opts: { tags?: string[]; names?: string[]; batch?: string; target?: string; retry?: RetryPolicy } = {},
): Promise<{ batch: string; queued: { project: string; jobId: string }[]; alreadyQueued: string[] }> {
  const batch = opts.batch ?? new Date().toISOString();
  let projects = await listProjects(store.db, opts.tags ? { tags: opts.tags } : {});
  if (opts.names) {
    const wanted = new Set(opts.names);
    projects = projects.filter((p) => wanted.has(p.name));
  }
  const queued: { project: string; jobId: string }[] = [];
  const alreadyQueued: string[] = [];
  for (const p of projects) {
    const data: ScanJobData = { project: p.name, batch, ...(opts.target ? { target: opts.target } : {}) };
    const id = await boss.send(SCAN_QUEUE, data, { singletonKey: p.name, ...scanRetryOptions(opts.retry) });
    if (id) queued.push({ project: p.name, jobId: id });
    else alreadyQueued.push(p.name);
  }
  return { batch, queued, alreadyQueued };
}

/** `monthly` and friends, or a 5-field cron expression (UTC). */
export function cronOf(spec: string): string {
  const named: Record<string, string> = {
    monthly: '0 3 1 * *',
    weekly: '0 3 * * 1',
    daily: '0 3 * * *',
  };
  const cron = named[spec] ?? spec;
  if (!/^(\S+\s+){4}\S+$/.test(cron.trim()))
    throw new StoreError(
      `"${spec}" is not a schedule: monthly, weekly, daily or a 5-field cron expression ("0 3 1 * *")`,
    );
  return cron.trim();
}

/** Registers (or replaces) the fleet's cron schedule; the workers' clock turns each tick into scans. */
export async function setSchedule(boss: PgBossType, spec: string, tags: string[] = []): Promise<string> {
  const cron = cronOf(spec);
  const data: ScheduleJobData = { tags };
  try {
    await boss.schedule(SCHEDULE_QUEUE, cron, data, { tz: 'UTC', singletonKey: 'tick' });
  } catch (error) {
    // pg-boss parses the expression with cron-parser: "Constraint error, got value 99 expected range 0-59".
    throw new FleetError(
      `"${spec}" is not a valid cron expression: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return cron;
}

export async function clearSchedule(boss: PgBossType): Promise<void> {
  await boss.unschedule(SCHEDULE_QUEUE);
}
