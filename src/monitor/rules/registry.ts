import type { MonitorRule } from '../types.js';
import { adminNotice } from './admin-notice.js';
import { cronFailed } from './cron-failed.js';
import { cronMissed } from './cron-missed.js';
import { cronNotRun } from './cron-not-run.js';
import { cronStopped } from './cron-stopped.js';
import { cronStuck } from './cron-stuck.js';
import { debugLogging } from './debug-logging.js';
import { errorClass } from './error-class.js';
import { errorGone } from './error-gone.js';
import { errorRate } from './error-rate.js';
import { http4xx } from './http-4xx.js';
import { http5xx } from './http-5xx.js';
import { latency } from './latency.js';
import { indexerBacklog } from './indexer-backlog.js';
import { indexerInvalid } from './indexer-invalid.js';
import { indexerStuck } from './indexer-stuck.js';
import { newError } from './new-error.js';
import { queueBacklog } from './queue-backlog.js';
import { queueErrors } from './queue-errors.js';
import { slowCode } from './slow-code.js';

/** Every `monitor/…` rule, in report order. */
export const MONITOR_RULES: readonly MonitorRule[] = [
  newError,
  errorRate,
  errorGone,
  errorClass,
  debugLogging,
  http5xx,
  http4xx,
  latency,
  slowCode,
  cronStopped,
  cronFailed,
  cronStuck,
  cronNotRun,
  cronMissed,
  indexerInvalid,
  indexerStuck,
  indexerBacklog,
  queueErrors,
  queueBacklog,
  adminNotice,
];
