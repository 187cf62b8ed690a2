import { resolve } from 'node:path';
import { join } from 'node:path';
import { openPglite, openPostgres, redact, StoreError } from '../history/connections.js';
import { migrate, type SqlConnection } from '../history/sql.js';
import { userDataDir } from '../knowledge/cache-dir.js';
import { migrateFleet } from './schema.js';

/** The database that holds the fleet registry, its scans and (on a server) the job queue; runs go to the same one. */
export interface FleetStore {
  db: SqlConnection;
  /** As given, password redacted (for messages). */
  location: string;
  /** The spec to open it again (a worker passes it to the run store); may hold a password: never print it. */
  spec: string;
  /** A PostgreSQL server (`postgres://…`): the job engine needs one. */
  server: boolean;
}

/** `--store`, else $MAGEUP_FLEET_STORE, else an embedded store in the user data directory. */
export function fleetStoreSpec(store?: string): string {
  return store ?? process.env.MAGEUP_FLEET_STORE ?? join(userDataDir(), 'fleet', 'history');
}

export function isServerSpec(spec: string): boolean {
  return /^postgres(ql)?:\/\//i.test(spec);
}

/** Opens the fleet store and creates or upgrades the run and fleet tables (serialised across processes on a server). */
export async function openFleetStore(spec: string): Promise<FleetStore> {
  const server = isServerSpec(spec);
  const db = server ? await openPostgres(spec) : await openPglite(resolve(spec));
  const location = server ? redact(spec) : resolve(spec);
  try {
    // Several workers starting at once would race on CREATE TABLE IF NOT EXISTS; one advisory lock orders them.
    await db.query('SELECT pg_advisory_lock(7215170017)');
    try {
      await migrate(db);
      await migrateFleet(db);
    } finally {
      await db.query('SELECT pg_advisory_unlock(7215170017)');
    }
  } catch (error) {
    await db.close().catch(() => undefined);
    throw new StoreError(
      `the fleet store ${location} cannot be used: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return { db, location, spec: server ? spec : resolve(spec), server };
}

/** The job engine (pg-boss) needs a PostgreSQL server; the embedded store keeps the registry and reports only. */
export function requireServer(store: FleetStore | string, what: string): void {
  const server = typeof store === 'string' ? isServerSpec(store) : store.server;
  if (!server)
    throw new StoreError(
      `${what} needs a PostgreSQL server: --store postgres://user@host:5432/db (or $MAGEUP_FLEET_STORE). ` +
        `The embedded store (${typeof store === 'string' ? store : store.location}) keeps the registry, the runs and the report, ` +
        'but the job engine (pg-boss) needs a server several workers can reach.',
    );
}
