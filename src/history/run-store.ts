import { join, resolve } from 'node:path';
import { projectDataDir } from '../knowledge/cache-dir.js';
import type { CheckResult, CheckSummary } from '../check/types.js';
import type { Finding } from '../core/finding.js';
import { openPglite, openPostgres, redact, StoreError } from './connections.js';
import { migrate, type SqlConnection } from './sql.js';

/** One `audit`/`check` run as remembered. */
export interface RunRecord {
  /** Project root (absolute): runs of one project are listed together. */
  project: string;
  command: string;
  recordedAt: Date;
  toolVersion: string;
  /** Version of the knowledge base used (date of the release data). */
  kbVersion?: string;
  currentVersion: string | null;
  targets: string[];
  /** The command's summary (check: counts by severity, effort; audit: inventory counts). */
  summary: unknown;
  findings: (Finding & { target?: string })[];
  /** The command's document without its finding lists (check: the result; audit: the version facts). */
  result?: unknown;
}

export interface RunInfo {
  id: number;
  project: string;
  command: string;
  recordedAt: string;
  toolVersion: string;
  kbVersion: string | null;
  currentVersion: string | null;
  targets: string[];
  summary: unknown;
  findings: number;
}

export interface StoredRun extends RunInfo {
  findingList: (Finding & { target?: string })[];
  /** The run's document as recorded (null for runs recorded before the store kept it). */
  result: unknown;
}

export interface RunDiff {
  from: RunInfo;
  to: RunInfo;
  /** In `from`, not in `to` (by fingerprint and target). */
  fixed: (Finding & { target?: string })[];
  /** In `to`, not in `from`. */
  new: (Finding & { target?: string })[];
  unchanged: (Finding & { target?: string })[];
}

/**
 * Where runs are kept by default: an embedded store in the user data directory, one per project
 * (`<data>/projects/<name>-<hash>/history`); `--store` names a directory or a PostgreSQL URL instead.
 */
export function defaultStoreDir(projectRoot: string): string {
  return join(projectDataDir(projectRoot), 'history');
}

export class RunStore {
  private constructor(
    private readonly db: SqlConnection,
    readonly location: string,
  ) {}

  /** `spec` is a directory (embedded PGlite store) or `postgres://…`/`postgresql://…`. */
  /** The store's connection, for readers of the tables beside the runs (the fleet registry). */
  get connection(): SqlConnection {
    return this.db;
  }

  static async open(spec: string, opts: { lockWaitMs?: number } = {}): Promise<RunStore> {
    const isUrl = /^postgres(ql)?:\/\//i.test(spec);
    const db = isUrl ? await openPostgres(spec) : await openPglite(resolve(spec), opts);
    try {
      await migrate(db);
    } catch (error) {
      await db.close().catch(() => undefined);
      throw new StoreError(
        `the history store ${isUrl ? redact(spec) : spec} cannot be used: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    return new RunStore(db, isUrl ? redact(spec) : resolve(spec));
  }

  /** Records a run and its findings in one transaction; returns the run id. */
  async record(run: RunRecord): Promise<number> {
    return this.db.transaction((q) => insertRun(q, run));
  }

  /** Runs, newest first; only those of `project` when given. */
  async list(opts: { project?: string; limit?: number } = {}): Promise<RunInfo[]> {
    const params: unknown[] = [];
    let where = '';
    if (opts.project) {
      params.push(resolve(opts.project));
      where = 'WHERE r.project = $1';
    }
    params.push(opts.limit ?? 50);
    const rows = await this.db.query<RunRow>(
      `SELECT ${INFO_COLUMNS}, (SELECT COUNT(*) FROM mageup_findings f WHERE f.run_id = r.id) AS finding_count
       FROM mageup_runs r ${where} ORDER BY r.id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.rows.map(toInfo);
  }

  async get(id: number): Promise<StoredRun> {
    const run = await this.db.query<RunRow>(
      `SELECT r.*, (SELECT COUNT(*) FROM mageup_findings f WHERE f.run_id = r.id) AS finding_count FROM mageup_runs r WHERE r.id = $1`,
      [id],
    );
    const row = run.rows[0];
    if (!row) throw new StoreError(`no run ${id} in the history store ${this.location} (mageup history lists them)`);
    const findings = await this.db.query<{ target: string; finding: unknown }>(
      'SELECT target, finding FROM mageup_findings WHERE run_id = $1 ORDER BY seq',
      [id],
    );
    return {
      ...toInfo(row),
      result: (typeof row.result === 'string' ? JSON.parse(row.result) : row.result) ?? null,
      findingList: findings.rows.map((r) => {
        const finding = (typeof r.finding === 'string' ? JSON.parse(r.finding) : r.finding) as Finding;
        return r.target ? { ...finding, target: r.target } : finding;
      }),
    };
  }

  /** Findings fixed, new and unchanged between two runs, matched by fingerprint (and target). */
  async diff(fromId: number, toId: number): Promise<RunDiff> {
    const [from, to] = [await this.get(fromId), await this.get(toId)];
    return diffRuns(from, to);
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

/** Inserts a run and its findings with `q` (inside the caller's transaction: the fleet worker records a scan's runs and
 * the scan itself atomically). Returns the run id. */
export async function insertRun(q: SqlConnection['query'], run: RunRecord): Promise<number> {
  const inserted = await q<{ id: string | number }>(
    `INSERT INTO mageup_runs (project, command, recorded_at, tool_version, kb_version, current_version, targets, summary, result)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      run.project,
      run.command,
      run.recordedAt.toISOString(),
      run.toolVersion,
      run.kbVersion ?? null,
      run.currentVersion,
      run.targets,
      JSON.stringify(run.summary),
      run.result === undefined ? null : JSON.stringify(run.result),
    ],
  );
  const id = Number(inserted.rows[0]!.id);
  // Batched multi-row inserts: one round trip per 200 findings.
  for (let start = 0; start < run.findings.length; start += 200) {
    const batch = run.findings.slice(start, start + 200);
    const values: unknown[] = [];
    const tuples = batch.map((f, i) => {
      const { target, ...finding } = f;
      values.push(
        id,
        start + i,
        f.fingerprint,
        target ?? '',
        f.ruleId,
        f.severity,
        f.file ?? null,
        f.line ?? null,
        f.message,
        JSON.stringify(finding),
      );
      const b = i * 10;
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}, $${b + 8}, $${b + 9}, $${b + 10})`;
    });
    await q(
      `INSERT INTO mageup_findings (run_id, seq, fingerprint, target, rule_id, severity, file, line, message, finding) VALUES ${tuples.join(', ')}`,
      values,
    );
  }
  return id;
}

export function diffRuns(from: StoredRun, to: StoredRun): RunDiff {
  const key = (f: Finding & { target?: string }): string => `${f.fingerprint}\0${f.target ?? ''}`;
  const before = new Set(from.findingList.map(key));
  const after = new Set(to.findingList.map(key));
  const strip = ({ findingList: _, result: __, ...info }: StoredRun): RunInfo => info;
  return {
    from: strip(from),
    to: strip(to),
    fixed: from.findingList.filter((f) => !after.has(key(f))),
    new: to.findingList.filter((f) => !before.has(key(f))),
    unchanged: to.findingList.filter((f) => before.has(key(f))),
  };
}

/** The record of a check run. */
export function runOfCheck(result: CheckResult, opts: { kbVersion?: string; recordedAt?: Date } = {}): RunRecord {
  const summary: CheckSummary = result.summary;
  return {
    project: result.project.root,
    command: 'check',
    recordedAt: opts.recordedAt ?? new Date(),
    toolVersion: result.tool.version,
    ...(opts.kbVersion ? { kbVersion: opts.kbVersion } : {}),
    currentVersion: result.current.version,
    targets: result.targets.map((t) => t.version),
    summary,
    findings: result.findings,
    // The finding lists are the rows of mageup_findings: kept once, put back by checkResultOfRun.
    result: { ...result, findings: [], targets: result.targets.map((t) => ({ ...t, findings: [] })) },
  };
}

interface RunRow {
  id: string | number;
  project: string;
  command: string;
  recorded_at: Date | string;
  tool_version: string;
  kb_version: string | null;
  current_version: string | null;
  targets: string[];
  summary: unknown;
  result?: unknown;
  finding_count: string | number;
}

/** Every column but the run's document: lists stay light. */
const INFO_COLUMNS =
  'r.id, r.project, r.command, r.recorded_at, r.tool_version, r.kb_version, r.current_version, r.targets, r.summary';

function toInfo(r: RunRow): RunInfo {
  return {
    id: Number(r.id),
    project: r.project,
    command: r.command,
    recordedAt: (r.recorded_at instanceof Date ? r.recorded_at : new Date(r.recorded_at)).toISOString(),
    toolVersion: r.tool_version,
    kbVersion: r.kb_version,
    currentVersion: r.current_version,
    targets: r.targets,
    summary: typeof r.summary === 'string' ? JSON.parse(r.summary) : r.summary,
    findings: Number(r.finding_count),
  };
}
