import { join, resolve } from 'node:path';
import { openPglite, redact, StoreError, watchConnectionLoss } from '../history/connections.js';
import { migrate, MIGRATION_LOCK_KEY, type SqlConnection } from '../history/sql.js';
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
  const db = server ? await openPool(spec) : await openPglite(resolve(spec));
  const location = server ? redact(spec) : resolve(spec);
  try {
    // Several workers starting at once would race on CREATE TABLE IF NOT EXISTS: one transaction-scoped advisory lock
    // orders them (the migrations' own transactions run inside this one).
    await db.transaction(async (q) => {
      await q('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      const inside: SqlConnection = { query: q, transaction: (fn) => fn(q), close: async () => undefined };
      await migrate(inside);
      await migrateFleet(inside);
    });
  } catch (error) {
    await db.close().catch(() => undefined);
    throw new StoreError(
      `the fleet store ${location} cannot be used: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  return { db, location, spec: server ? spec : resolve(spec), server };
}

/**
 * Errors that mean the server could not be reached or went away (refused, reset, restarting, shutting down, starting
 * up, out of connections), which waiting can cure; not a wrong password, a missing database or a failed statement.
 * Follows `cause` (our StoreErrors wrap the driver's error) and AggregateError (a host name with several addresses).
 */
export function isConnectionLoss(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_LOSS_CODES.has(code)) return true;
    // pg's own: the socket ended, or connectionTimeoutMillis passed.
    if (/^Connection terminated|timeout expired/i.test(e.message)) return true;
    if (e instanceof AggregateError && e.errors.some(isConnectionLoss)) return true;
  }
  return false;
}

const CONNECTION_LOSS_CODES = new Set([
  // Node's socket errors.
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  // SQLSTATE class 08 (connection exception) and 57P01-57P03 (admin/crash shutdown, cannot connect now), 53300 (too
  // many connections).
  '08000',
  '08001',
  '08003',
  '08006',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

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

/**
 * A pool rather than one client: a worker lives for days, and a connection the server drops (restart, a terminated
 * backend) must cost one failed statement, not the process. `schema=<name>` works as for the run store.
 */
async function openPool(spec: string): Promise<SqlConnection> {
  let parsed: URL;
  try {
    parsed = new URL(spec);
  } catch {
    throw new StoreError(`--store: not a PostgreSQL URL: "${redact(spec)}"`);
  }
  const schema = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  if (schema !== null && !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema))
    throw new StoreError(`--store: schema must be a plain identifier, not "${schema}"`);
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: parsed.href,
    connectionTimeoutMillis: 10_000,
    max: 4,
    application_name: 'mageup-fleet',
    ...(schema ? { options: `-c search_path="${schema}"` } : {}),
  });
  // An idle client the server dropped: the pool discards it and the next query opens a new one.
  pool.on('error', () => undefined);
  try {
    if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    else await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new StoreError(
      `cannot connect to the fleet store ${redact(spec)}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  const query: SqlConnection['query'] = async (sql, params) => {
    const result = await pool.query(sql, params as unknown[]);
    return { rows: result.rows };
  };
  return {
    query,
    async transaction(fn) {
      const client = await pool.connect();
      // The pool listens to idle clients only: a checked-out one's lost connection must fail the transaction.
      const loss = watchConnectionLoss(client);
      const q: SqlConnection['query'] = async (sql, params) => {
        loss.throwIfLost();
        return { rows: (await client.query(sql, params as unknown[])).rows };
      };
      let broken: unknown;
      try {
        await client.query('BEGIN');
        const value = await fn(q);
        await client.query('COMMIT');
        return value;
      } catch (error) {
        broken = error;
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        loss.stop();
        // A lost or failed connection leaves the pool; a statement's SQL error (with its SQLSTATE) does not.
        client.release(loss.lost() ?? (broken instanceof Error && !('code' in broken) ? broken : undefined));
      }
    },
    close: () => pool.end(),
  };
}
