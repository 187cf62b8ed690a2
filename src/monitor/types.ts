import type { Finding, FindingCategory, FindingInput } from '../core/finding.js';
import type { Problem } from '../core/problem.js';
import type { RuleMeta } from '../rules/rule.js';
import type { FamilyStats } from './access-log.js';
import type { ErrorGroup } from './groups.js';
import type { SlowGroup } from './slow-log.js';
import type { CronJob } from '../project/model.js';
import type { StoreHealth } from './store-health.js';

export interface MonitorOptions {
  /** Project root (or a directory holding var/log when the project is elsewhere). */
  path: string;
  /** Only what happened at or after this time (ms since the epoch). */
  since?: number;
  /** The go-live: before vs after. */
  cutover?: number;
  /** Where Magento's logs are (default `<root>/var/log`); var/report is read beside it. */
  logDir?: string;
  reportDir?: string;
  /** nginx/Apache access logs (PHP-FPM slow logs are recognised here too). */
  accessLogs?: string[];
  slowLogs?: string[];
  /** `mysql://…` (else env.php); `false`: do not read the database. */
  dsn?: string | false;
  /** Statement timeout for the database, seconds. */
  timeoutSeconds?: number;
  thresholds?: Partial<Thresholds>;
  /** The time "now" is judged against for logs (default: the latest time seen, else the clock). */
  now?: number;
  /** Threads reading logs (default 1: reads in this thread; more trade memory for little speed, see run-monitor). */
  workers?: number;
  /** Logs smaller than this in total are read in this thread (default 64 MB). */
  parallelFromBytes?: number;
  /** Size of the chunks large files are cut into for the workers (default 32 MB). */
  chunkBytes?: number;
}

export interface Thresholds {
  /** An error class's rate after the cutover must be at least this multiple of the rate before to regress. */
  rateFactor: number;
  /** …and have at least this many occurrences after the cutover. */
  minCount: number;
  /** A cron job running longer than this (minutes) is stuck. */
  stuckMinutes: number;
  /** Unprocessed changelog entries above this are a backlog. */
  backlog: number;
  /** Messages waiting longer than this (minutes) are a backlog. */
  queueAgeMinutes: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  rateFactor: 2,
  minCount: 5,
  stuckMinutes: 60,
  backlog: 10_000,
  queueAgeMinutes: 60,
};

export interface LogFileInfo {
  /** Relative to the log directory's parent (`var/log/exception.log.1.gz`) or as given. */
  file: string;
  kind: 'magento' | 'report' | 'access' | 'slow';
  gzip: boolean;
  bytes: number;
  lines: number;
  records: number;
  /** Lines skipped: binary, cut, or not in the expected format. */
  skipped: number;
  unterminated: boolean;
}

/** Time covered by the logs on each side of the cutover (ms), which says whether "new" and "gone" can be told. */
export interface Coverage {
  start?: string;
  end?: string;
  beforeHours: number;
  afterHours: number;
}

/** How error rates are compared: per 1,000 dynamic requests when an access log covers both windows, else per hour. */
export interface RateBasis {
  unit: 'per-1k-requests' | 'per-hour';
  before: number;
  after: number;
  note?: string;
}

export interface ErrorClass extends ErrorGroup {
  status: 'new' | 'gone' | 'increased' | 'decreased' | 'steady' | 'seen';
  rateBefore?: number;
  rateAfter?: number;
  /** The failed cron job (cron_schedule) whose failure these records log: reported once, by monitor/cron-failed. */
  cronJob?: string;
}

export interface Noise {
  /** Lines below WARNING per log (not grouped). */
  byFile: Record<string, Record<string, number>>;
  debugLogAfterCutover: number;
}

/** Everything the rules judge: read once from the logs and the database. */
export interface MonitorFacts {
  now: string;
  cutover?: string;
  since?: string;
  coverage: Coverage;
  rateBasis: RateBasis;
  errors: ErrorClass[];
  noise: Noise;
  traffic?: { families: FamilyStats[]; requests: number; unparsed: number };
  slow?: { entries: number; before: number; after: number; groups: SlowGroup[] };
  store?: StoreHealth;
  /** Cron jobs declared by the project's own modules (crontab.xml). */
  declaredCron: (CronJob & { module: string })[];
}

export interface MonitorResult extends MonitorFacts {
  schemaVersion: '1.0.0';
  tool: { name: 'mageup'; version: string };
  project: { root: string; magentoVersion: string | null };
  logs: LogFileInfo[];
  findings: Finding[];
  problems: Problem[];
  summary: { findings: number; bySeverity: Record<string, number>; errorClasses: number; newClasses: number };
}

export interface MonitorContext {
  facts: MonitorFacts;
  thresholds: Thresholds;
  report(finding: Omit<FindingInput, 'ruleId' | 'category'> & { category?: FindingCategory }): void;
}

export interface MonitorRule {
  meta: RuleMeta;
  check(context: MonitorContext): void;
}
