import { createRequire } from 'node:module';
import type PgBossType from 'pg-boss';
import { redact, StoreError } from '../history/connections.js';
import { FleetError, listProjects } from './registry.js';
import type { FleetStore } from './store.js';
import { requireServer } from './store.js';

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

/** Queue settings: what a job may cost before the engine gives up on it. */
export interface QueuePolicy {
  /** Attempts after the first (default 3). */
  retryLimit: number;
  /** Seconds before the first retry; doubled each time with backoff (default 30). */
  retryDelaySeconds: number;
  /**
   * A job running longer is failed and retried: this is how a job of a killed worker comes back (pg-boss 10 has no
   * heartbeat). Longer than any real scan, or a slow scan runs twice (its result is still recorded once). Default 1800.
   */
  expireInSeconds: number;
}

export const DEFAULT_QUEUE_POLICY: QueuePolicy = { retryLimit: 3, retryDelaySeconds: 30, expireInSeconds: 1800 };

/** pg-boss's tables live in their own schema of the fleet database. */
export const BOSS_SCHEMA = 'mageup_jobs';

export interface BossOptions {
  /** Run maintenance (expiring jobs of dead workers, archiving) and cron in this process: workers do, `fleet scan` not. */
  supervise?: boolean;
  maintenanceIntervalSeconds?: number;
  onError?(error: Error): void;
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
  const url = new URL(store.spec);
  url.searchParams.delete('schema');
  const boss = new PgBoss({
    connectionString: url.href,
    schema: BOSS_SCHEMA,
    application_name: 'mageup-fleet-jobs',
    max: 4,
    supervise: opts.supervise ?? false,
    schedule: opts.supervise ?? false,
    maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds ?? 30,
    // Completed jobs stay visible for a week (the fleet tables keep results for ever).
    archiveCompletedAfterSeconds: 7 * 24 * 3600,
  });
  boss.on('error', (error) => opts.onError?.(error));
  try {
    await boss.start();
    await boss.createQueue(DEAD_QUEUE, { name: DEAD_QUEUE, retentionDays: 30 } as PgBossType.Queue);
    await boss.createQueue(SCAN_QUEUE, {
      name: SCAN_QUEUE,
      // stately: per store (singleton key) at most one job waiting and one running; a second `fleet scan` while one
      // waits adds nothing.
      policy: 'stately',
      retryLimit: policy.retryLimit,
      retryDelay: policy.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: policy.expireInSeconds,
      deadLetter: DEAD_QUEUE,
    });
    await boss.createQueue(SCHEDULE_QUEUE, { name: SCHEDULE_QUEUE, policy: 'stately' });
  } catch (error) {
    await boss.stop({ graceful: false, wait: false }).catch(() => undefined);
    throw new StoreError(
      `the job engine cannot start on ${redact(store.spec)}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return boss;
}

/** Enqueues one scan per matching store; returns the job ids and the stores whose job was already waiting. */
export async function enqueueScans(
  boss: PgBossType,
  store: FleetStore,
  opts: { tags?: string[]; names?: string[]; batch?: string; target?: string } = {},
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
    const id = await boss.send(SCAN_QUEUE, data, { singletonKey: p.name });
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
