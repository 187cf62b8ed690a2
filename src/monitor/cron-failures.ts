import type { StoreHealth } from './store-health.js';
import type { ErrorClass } from './types.js';

/** Magento's cron observer logs a failed job as this line (then the exception itself, both in cron.log). */
const CRON_SUMMARY = /^Cron Job (\S+) has an error: /;
const CRON_LOG = /(^|\/)cron\.log(\.\d+)?(\.gz)?$/;
/** Enough of cron_schedule's message to recognise the exception that carries it, not so much that a cut sample misses. */
const MESSAGE_PREFIX = 80;

/**
 * Marks the error classes that are the log records of a cron job the database shows failed (cron_schedule status
 * `error`): Magento writes one failure three times (the row, the "Cron Job … has an error" line, the exception), and
 * monitor/cron-failed reports it once. The summary line names its job; the exception is linked when all its records
 * are in cron.log and it carries the job's last error message. Without the database nothing is linked: the logs are
 * then the only place the failure shows.
 */
export function linkCronFailures(errors: ErrorClass[], store: StoreHealth | undefined): ErrorClass[] {
  const failed = (store?.cron.items ?? []).filter((j) => (j.statuses.error ?? 0) > 0);
  if (failed.length === 0) return errors;
  const codes = new Set(failed.map((j) => j.jobCode));
  return errors.map((e) => {
    const named = CRON_SUMMARY.exec(e.sample)?.[1];
    if (named !== undefined) return codes.has(named) ? { ...e, cronJob: named } : e;
    if (e.sources.length === 0 || !e.sources.every((s) => CRON_LOG.test(s))) return e;
    const job = failed.find((j) => {
      const message = j.lastError?.message.trim().slice(0, MESSAGE_PREFIX) ?? '';
      return message.length >= 8 && e.sample.includes(message);
    });
    return job ? { ...e, cronJob: job.jobCode } : e;
  });
}
