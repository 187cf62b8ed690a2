import type { ReadOnlySession, Row } from '../db/session.js';

/**
 * Store health from the database, read through the read-only session: cron_schedule, indexer_state, mview_state and
 * changelogs, the MySQL message queue, the admin notification inbox. TIMESTAMP columns are read as
 * UNIX_TIMESTAMP() (independent of the session's time zone); DATETIME columns (indexer and mview `updated`) hold
 * UTC as Magento writes them.
 */

export interface CronJobStats {
  jobCode: string;
  /** Rows scheduled in the window, per status (pending, running, success, missed, error). */
  statuses: Record<string, number>;
  /** Rows scheduled since the cutover that ran (executed_at set). */
  ranSinceCutover: number;
  /** Rows scheduled since the cutover whose time has passed by 15 minutes without running. */
  overdueSinceCutover: number;
  lastExecuted?: string;
  lastSuccess?: string;
  lastError?: { at: string; message: string };
  /** Running for longer than the stuck threshold, since when. */
  stuckSince?: string;
}

export interface IndexerStats {
  id: string;
  status: string;
  updated?: string;
  mode?: 'schedule' | 'realtime';
  mviewStatus?: string;
  mviewUpdated?: string;
  /** Changelog entries not yet processed (max version_id of the changelog − the view's version_id). */
  backlog?: number;
  backlogNote?: string;
}

export interface QueueStats {
  queue: string;
  /** Messages per status name (new, in-progress, complete, retry-required, error, to-be-deleted). */
  statuses: Record<string, number>;
  errorsSinceCutover: number;
  oldestNew?: string;
}

export interface Notice {
  severity: 'critical' | 'major';
  title: string;
  at: string;
}

export interface Section<T> {
  /** Why the section could not be read (table missing, query refused): "could not verify". */
  unavailable?: string;
  items: T[];
}

export interface StoreHealth {
  /** The database server's clock (UTC), which the times are judged against. */
  now: string;
  cron: Section<CronJobStats> & { lastActivity?: string };
  indexers: Section<IndexerStats>;
  queues: Section<QueueStats>;
  notices: Section<Notice>;
}

export interface StoreHealthOptions {
  /** Start of the window read (ms); default: 3 days before the cutover or now. */
  since?: number;
  cutover?: number;
  /** A running cron job older than this is stuck. Default 60 minutes. */
  stuckMinutes?: number;
}

const QUEUE_STATUS: Record<number, string> = {
  2: 'new',
  3: 'in-progress',
  4: 'complete',
  5: 'retry-required',
  6: 'error',
  7: 'to-be-deleted',
};

export async function readStoreHealth(session: ReadOnlySession, opts: StoreHealthOptions = {}): Promise<StoreHealth> {
  const nowRow = await session.query('SELECT UNIX_TIMESTAMP() AS now');
  const now = Number(nowRow[0]?.now) * 1000;
  const cutover = opts.cutover ?? now;
  const since = opts.since ?? Math.min(cutover, now) - 3 * 86_400_000;
  return {
    now: iso(now),
    cron: await guarded(() => cronStats(session, since, cutover, now, (opts.stuckMinutes ?? 60) * 60_000)),
    indexers: await guarded(() => indexerStats(session)),
    queues: await guarded(() => queueStats(session, cutover)),
    notices: await guarded(() => notices(session, since)),
  };
}

async function guarded<T, S extends Section<T>>(read: () => Promise<S>): Promise<S> {
  try {
    return await read();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { unavailable: message, items: [] } as unknown as S;
  }
}

async function cronStats(
  s: ReadOnlySession,
  since: number,
  cutover: number,
  now: number,
  stuckMs: number,
): Promise<Section<CronJobStats> & { lastActivity?: string }> {
  const t = s.table('cron_schedule');
  const jobs = new Map<string, CronJobStats>();
  const job = (code: string): CronJobStats => {
    let j = jobs.get(code);
    if (!j) jobs.set(code, (j = { jobCode: code, statuses: {}, ranSinceCutover: 0, overdueSinceCutover: 0 }));
    return j;
  };
  const rows = await s.query(
    `SELECT job_code, status, COUNT(*) AS n,
       SUM(executed_at IS NOT NULL AND scheduled_at >= FROM_UNIXTIME(?)) AS ran_after,
       SUM(executed_at IS NULL AND scheduled_at >= FROM_UNIXTIME(?) AND scheduled_at < FROM_UNIXTIME(?)) AS overdue_after,
       MAX(UNIX_TIMESTAMP(executed_at)) AS last_executed
     FROM ${t} WHERE scheduled_at >= FROM_UNIXTIME(?) GROUP BY job_code, status`,
    [cutover / 1000, cutover / 1000, (now - 15 * 60_000) / 1000, since / 1000],
  );
  for (const r of rows) {
    const j = job(String(r.job_code));
    const status = String(r.status);
    j.statuses[status] = (j.statuses[status] ?? 0) + Number(r.n);
    j.ranSinceCutover += Number(r.ran_after ?? 0);
    j.overdueSinceCutover += Number(r.overdue_after ?? 0);
    const last = epoch(r.last_executed);
    if (last !== undefined) {
      if (!j.lastExecuted || iso(last) > j.lastExecuted) j.lastExecuted = iso(last);
      if (status === 'success' && (!j.lastSuccess || iso(last) > j.lastSuccess)) j.lastSuccess = iso(last);
    }
  }
  // The latest error of each job: Magento keeps failures for days (history_failure_lifetime), successes an hour.
  const errors = await s.query(
    `SELECT job_code, messages, UNIX_TIMESTAMP(COALESCE(finished_at, executed_at, scheduled_at)) AS at
     FROM ${t} WHERE status = 'error' AND scheduled_at >= FROM_UNIXTIME(?) ORDER BY schedule_id DESC LIMIT 500`,
    [since / 1000],
  );
  for (const r of errors) {
    const j = job(String(r.job_code));
    if (!j.lastError) j.lastError = { at: iso(epoch(r.at) ?? 0), message: firstLine(String(r.messages ?? '')) };
  }
  const stuck = await s.query(
    `SELECT job_code, MIN(UNIX_TIMESTAMP(executed_at)) AS since FROM ${t}
     WHERE status = 'running' AND executed_at < FROM_UNIXTIME(?) GROUP BY job_code`,
    [(now - stuckMs) / 1000],
  );
  for (const r of stuck) job(String(r.job_code)).stuckSince = iso(epoch(r.since) ?? 0);
  const activity = await s.query(
    `SELECT MAX(UNIX_TIMESTAMP(GREATEST(COALESCE(executed_at, 0), COALESCE(finished_at, 0)))) AS last FROM ${t}
     WHERE executed_at IS NOT NULL`,
  );
  const last = epoch(activity[0]?.last);
  return {
    items: [...jobs.values()].sort((a, b) => (a.jobCode < b.jobCode ? -1 : 1)),
    ...(last ? { lastActivity: iso(last) } : {}),
  };
}

async function indexerStats(s: ReadOnlySession): Promise<Section<IndexerStats>> {
  const items = new Map<string, IndexerStats>();
  for (const r of await s.query(`SELECT indexer_id, status, updated FROM ${s.table('indexer_state')}`)) {
    const id = String(r.indexer_id);
    items.set(id, { id, status: String(r.status), ...(r.updated ? { updated: utc(String(r.updated)) } : {}) });
  }
  let mview: Row[] = [];
  let mviewNote: string | undefined;
  try {
    mview = await s.query(`SELECT view_id, mode, status, updated, version_id FROM ${s.table('mview_state')}`);
  } catch (error) {
    mviewNote = (error as Error).message;
  }
  for (const r of mview) {
    const id = String(r.view_id);
    const item = items.get(id) ?? { id, status: 'unknown' };
    items.set(id, item);
    item.mode = String(r.mode) === 'enabled' ? 'schedule' : 'realtime';
    item.mviewStatus = String(r.status);
    if (r.updated) item.mviewUpdated = utc(String(r.updated));
    if (item.mode !== 'schedule') continue;
    if (!/^[a-z0-9_]+$/i.test(id)) {
      item.backlogNote = 'view id is not a plain table name: changelog not read';
      continue;
    }
    try {
      const cl = await s.query(`SELECT MAX(version_id) AS v FROM ${s.table(`${id}_cl`)}`);
      const max = Number(cl[0]?.v ?? 0);
      item.backlog = Math.max(0, max - Number(r.version_id ?? 0));
    } catch (error) {
      item.backlogNote = `changelog ${s.table(`${id}_cl`)} could not be read (${(error as Error).message})`;
    }
  }
  return {
    items: [...items.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
    ...(mviewNote ? { unavailable: `mview_state: ${mviewNote}` } : {}),
  };
}

async function queueStats(s: ReadOnlySession, cutover: number): Promise<Section<QueueStats>> {
  const rows = await s.query(
    `SELECT q.name AS queue, m.status AS status, COUNT(*) AS n,
       SUM(m.updated_at >= FROM_UNIXTIME(?)) AS after_cutover,
       MIN(UNIX_TIMESTAMP(m.updated_at)) AS oldest
     FROM ${s.table('queue_message_status')} m JOIN ${s.table('queue')} q ON q.id = m.queue_id
     GROUP BY q.name, m.status`,
    [cutover / 1000],
  );
  const queues = new Map<string, QueueStats>();
  for (const r of rows) {
    const name = String(r.queue);
    let q = queues.get(name);
    if (!q) queues.set(name, (q = { queue: name, statuses: {}, errorsSinceCutover: 0 }));
    const status = QUEUE_STATUS[Number(r.status)] ?? `status-${String(r.status)}`;
    q.statuses[status] = (q.statuses[status] ?? 0) + Number(r.n);
    if (status === 'error') q.errorsSinceCutover += Number(r.after_cutover ?? 0);
    const oldest = epoch(r.oldest);
    if (status === 'new' && oldest !== undefined) q.oldestNew = iso(oldest);
  }
  return { items: [...queues.values()].sort((a, b) => (a.queue < b.queue ? -1 : 1)) };
}

async function notices(s: ReadOnlySession, since: number): Promise<Section<Notice>> {
  const rows = await s.query(
    `SELECT severity, title, UNIX_TIMESTAMP(date_added) AS at FROM ${s.table('adminnotification_inbox')}
     WHERE is_remove = 0 AND is_read = 0 AND severity <= 2 AND date_added >= FROM_UNIXTIME(?)
     ORDER BY date_added DESC, notification_id DESC LIMIT 20`,
    [since / 1000],
  );
  return {
    items: rows.map((r) => ({
      severity: Number(r.severity) === 1 ? 'critical' : 'major',
      title: firstLine(String(r.title ?? '')),
      at: iso(epoch(r.at) ?? 0),
    })),
  };
}

function epoch(v: unknown): number | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? n * 1000 : undefined;
}

/** `2026-12-03 10:00:00` (UTC as Magento writes DATETIME) → ISO. */
function utc(v: string): string {
  const t = Date.parse(`${v.replace(' ', 'T')}Z`);
  return Number.isFinite(t) ? iso(t) : v;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function firstLine(s: string): string {
  const line = s.split('\n')[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
