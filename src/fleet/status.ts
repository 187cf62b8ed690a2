import type { SqlConnection } from '../history/sql.js';
import type { FleetScan, FleetStoreRow, ScanProgress, StoreStatus } from './types.js';
import { listProjects } from './registry.js';

/** Records a finished scan (the worker, once per job: a retried job id is recorded once). Returns false if it was. */
export async function recordScan(db: SqlConnection, scan: Omit<FleetScan, 'id'>): Promise<boolean> {
  const inserted = await db.query(
    `INSERT INTO mageup_fleet_scans (project, job_id, started_at, finished_at, worker, attempt, ok, error, audit_run_id, check_run_id, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (job_id) DO NOTHING RETURNING id`,
    [
      scan.project,
      scan.jobId,
      scan.startedAt,
      scan.finishedAt,
      scan.worker,
      scan.attempt,
      scan.ok,
      scan.error,
      scan.auditRunId,
      scan.checkRunId,
      scan.status ? JSON.stringify(scan.status) : null,
    ],
  );
  return inserted.rows.length > 0;
}

export async function setProgress(db: SqlConnection, p: Omit<ScanProgress, 'updatedAt'>): Promise<void> {
  await db.query(
    `INSERT INTO mageup_fleet_progress (job_id, project, phase, percent, worker, updated_at) VALUES ($1, $2, $3, $4, $5, now())
     ON CONFLICT (job_id) DO UPDATE SET phase = $3, percent = $4, worker = $5, updated_at = now()`,
    [p.jobId, p.project, p.phase, p.percent, p.worker],
  );
}

/**
 * Every registered store (with `tags`: carrying all of them) with its latest scan, its latest successful scan and the
 * progress of its newest job: the fleet report's and the dashboard's one query.
 */
export async function fleetStatus(db: SqlConnection, opts: { tags?: string[] } = {}): Promise<FleetStoreRow[]> {
  const projects = await listProjects(db, opts);
  if (projects.length === 0) return [];
  const names = projects.map((p) => p.name);
  const latest = await db.query<ScanRow>(
    `SELECT DISTINCT ON (project) * FROM mageup_fleet_scans WHERE project = ANY($1::text[]) ORDER BY project, id DESC`,
    [names],
  );
  // The two newest successful scans of each store: the one shown and the one the trend compares it with.
  const good = await db.query<ScanRow & { rank: string | number }>(
    `SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY project ORDER BY id DESC) AS rank
       FROM mageup_fleet_scans WHERE project = ANY($1::text[]) AND ok) g WHERE rank <= 2`,
    [names],
  );
  const progress = await db.query<ProgressRow>(
    `SELECT DISTINCT ON (project) * FROM mageup_fleet_progress WHERE project = ANY($1::text[]) ORDER BY project, updated_at DESC`,
    [names],
  );
  const byName = <T extends { project: string }>(rows: T[]): Map<string, T> => new Map(rows.map((r) => [r.project, r]));
  const [latestBy, goodBy, previousBy, progressBy] = [
    byName(latest.rows),
    byName(good.rows.filter((r) => Number(r.rank) === 1)),
    byName(good.rows.filter((r) => Number(r.rank) === 2)),
    byName(progress.rows),
  ];
  return projects.map((p) => {
    const last = latestBy.get(p.name);
    const ok = goodBy.get(p.name);
    const prog = progressBy.get(p.name);
    const previous = previousBy.get(p.name);
    return {
      ...p,
      lastScan: last ? toScan(last) : null,
      lastGoodScan: ok && ok.id !== last?.id ? toScan(ok) : null,
      previousGoodScan: previous ? toScan(previous) : null,
      progress: prog ? toProgress(prog) : null,
    };
  });
}

/** The status the worker recorded, from the latest successful scan (what reports show when the latest failed). */
export function currentStatus(row: FleetStoreRow): StoreStatus | null {
  return row.lastScan?.ok ? row.lastScan.status : (row.lastGoodScan?.status ?? null);
}

interface ScanRow {
  id: string | number;
  project: string;
  job_id: string | null;
  started_at: Date | string;
  finished_at: Date | string;
  worker: string | null;
  attempt: number;
  ok: boolean;
  error: string | null;
  audit_run_id: string | number | null;
  check_run_id: string | number | null;
  status: unknown;
}

interface ProgressRow {
  job_id: string;
  project: string;
  phase: ScanProgress['phase'];
  percent: number;
  worker: string | null;
  updated_at: Date | string;
}

const iso = (d: Date | string): string => (d instanceof Date ? d : new Date(d)).toISOString();
const num = (v: string | number | null): number | null => (v === null ? null : Number(v));

function toScan(r: ScanRow): FleetScan {
  return {
    id: Number(r.id),
    project: r.project,
    jobId: r.job_id,
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
    worker: r.worker,
    attempt: r.attempt,
    ok: r.ok,
    error: r.error,
    auditRunId: num(r.audit_run_id),
    checkRunId: num(r.check_run_id),
    status: (typeof r.status === 'string' ? JSON.parse(r.status) : r.status) as StoreStatus | null,
  };
}

function toProgress(r: ProgressRow): ScanProgress {
  return {
    jobId: r.job_id,
    project: r.project,
    phase: r.phase,
    percent: r.percent,
    worker: r.worker,
    updatedAt: iso(r.updated_at),
  };
}
