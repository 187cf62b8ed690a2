import type { SqlConnection } from '../history/sql.js';

/** Schema version of the fleet tables (beside the run store's, in the same database). */
export const FLEET_SCHEMA_VERSION = 1;

const MIGRATIONS: string[] = [
  `CREATE TABLE IF NOT EXISTS mageup_fleet_projects (
     name TEXT PRIMARY KEY,
     location TEXT NOT NULL,
     kind TEXT NOT NULL,
     tags TEXT[] NOT NULL DEFAULT '{}',
     verify_url TEXT,
     target TEXT,
     added_at TIMESTAMPTZ NOT NULL
   );
   CREATE TABLE IF NOT EXISTS mageup_fleet_scans (
     id BIGSERIAL PRIMARY KEY,
     project TEXT NOT NULL,
     job_id TEXT UNIQUE,
     started_at TIMESTAMPTZ NOT NULL,
     finished_at TIMESTAMPTZ NOT NULL,
     worker TEXT,
     attempt INTEGER NOT NULL DEFAULT 1,
     ok BOOLEAN NOT NULL,
     error TEXT,
     audit_run_id BIGINT,
     check_run_id BIGINT,
     status JSONB
   );
   CREATE INDEX IF NOT EXISTS mageup_fleet_scans_project ON mageup_fleet_scans (project, id);
   CREATE TABLE IF NOT EXISTS mageup_fleet_progress (
     job_id TEXT PRIMARY KEY,
     project TEXT NOT NULL,
     phase TEXT NOT NULL,
     percent INTEGER NOT NULL,
     worker TEXT,
     updated_at TIMESTAMPTZ NOT NULL
   );
   CREATE INDEX IF NOT EXISTS mageup_fleet_progress_project ON mageup_fleet_progress (project, updated_at)`,
];

/** Creates or upgrades the fleet tables in one transaction (idempotent; safe when several workers start at once). */
export async function migrateFleet(db: SqlConnection): Promise<void> {
  await db.transaction(async (q) => {
    await q('CREATE TABLE IF NOT EXISTS mageup_fleet_schema (version INTEGER NOT NULL)');
    const rows = (await q<{ version: number }>('SELECT version FROM mageup_fleet_schema')).rows;
    const current = rows[0]?.version ?? 0;
    if (current > FLEET_SCHEMA_VERSION)
      throw new Error(
        `the fleet tables were written by a newer MageUp (schema ${current}, this one knows ${FLEET_SCHEMA_VERSION}): upgrade MageUp`,
      );
    for (let v = current; v < FLEET_SCHEMA_VERSION; v++)
      for (const statement of MIGRATIONS[v]!.split(/;\s*$/m)) if (statement.trim()) await q(statement);
    if (rows.length === 0) await q('INSERT INTO mageup_fleet_schema (version) VALUES ($1)', [FLEET_SCHEMA_VERSION]);
    else if (current !== FLEET_SCHEMA_VERSION)
      await q('UPDATE mageup_fleet_schema SET version = $1', [FLEET_SCHEMA_VERSION]);
  });
}
