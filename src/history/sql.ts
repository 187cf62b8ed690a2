/** The little SQL both stores need: PGlite (embedded) and PostgreSQL (pg) run exactly the same statements. */
export interface SqlConnection {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** Runs `fn` in one transaction: all its statements are kept, or none. */
  transaction<T>(fn: (q: SqlConnection['query']) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Schema version of the run store; migrations run in order on open. */
export const STORE_SCHEMA_VERSION = 2;

export const MIGRATIONS: string[] = [
  `CREATE TABLE IF NOT EXISTS mageup_runs (
     id BIGSERIAL PRIMARY KEY,
     project TEXT NOT NULL,
     command TEXT NOT NULL,
     recorded_at TIMESTAMPTZ NOT NULL,
     tool_version TEXT NOT NULL,
     kb_version TEXT,
     current_version TEXT,
     targets TEXT[] NOT NULL,
     summary JSONB NOT NULL
   );
   CREATE INDEX IF NOT EXISTS mageup_runs_project ON mageup_runs (project, id);
   CREATE TABLE IF NOT EXISTS mageup_findings (
     run_id BIGINT NOT NULL REFERENCES mageup_runs (id) ON DELETE CASCADE,
     seq INTEGER NOT NULL,
     fingerprint TEXT NOT NULL,
     target TEXT NOT NULL,
     rule_id TEXT NOT NULL,
     severity TEXT NOT NULL,
     file TEXT,
     line INTEGER,
     message TEXT NOT NULL,
     finding JSONB NOT NULL,
     PRIMARY KEY (run_id, seq)
   );
   CREATE INDEX IF NOT EXISTS mageup_findings_fingerprint ON mageup_findings (run_id, fingerprint);`,
  // 2: the run's document (a check result without its finding lists, which stay in mageup_findings; an audit's
  // version facts), so the dashboard shows edition and per-target results and re-renders the run's HTML report.
  `ALTER TABLE mageup_runs ADD COLUMN IF NOT EXISTS result JSONB`,
];

/**
 * The transaction-scoped advisory lock every schema migration of a store takes first: processes opening one PostgreSQL
 * store at once (workers, a CI matrix) would otherwise race on CREATE TABLE IF NOT EXISTS (a duplicate-key error from
 * the catalog) and each insert a version row. Held until the migration commits; re-taking it in one session is free.
 */
export const MIGRATION_LOCK_KEY = 7215170017;

/** Creates or upgrades the schema inside one transaction; the version row says which migrations ran. */
export async function migrate(db: SqlConnection): Promise<void> {
  await db.transaction(async (q) => {
    await q('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await q('CREATE TABLE IF NOT EXISTS mageup_schema (version INTEGER NOT NULL)');
    const rows = (await q<{ version: number }>('SELECT version FROM mageup_schema')).rows;
    const current = rows[0]?.version ?? 0;
    if (current > STORE_SCHEMA_VERSION) {
      throw new Error(
        `the store was written by a newer MageUp (schema ${current}, this one knows ${STORE_SCHEMA_VERSION}): upgrade MageUp`,
      );
    }
    for (let v = current; v < STORE_SCHEMA_VERSION; v++) {
      for (const statement of MIGRATIONS[v]!.split(/;\s*$/m)) if (statement.trim()) await q(statement);
    }
    if (rows.length === 0) await q('INSERT INTO mageup_schema (version) VALUES ($1)', [STORE_SCHEMA_VERSION]);
    else if (current !== STORE_SCHEMA_VERSION) await q('UPDATE mageup_schema SET version = $1', [STORE_SCHEMA_VERSION]);
  });
}
