import { MageupError } from '../core/errors.js';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { userCacheDir } from '../knowledge/cache-dir.js';
import type { PGlite } from '@electric-sql/pglite';
import type { SqlConnection } from './sql.js';
import { acquireLock } from './lock.js';

/** The store cannot be opened or written: names the store and says what to do; earlier runs are never touched. */
export class StoreError extends MageupError {
  override name = 'StoreError';
}

/** Embedded PostgreSQL (PGlite, wasm) in `dir`, held with a lock file for as long as it is open. */
export async function openPglite(dir: string, opts: { lockWaitMs?: number } = {}): Promise<SqlConnection> {
  mkdirSync(dirname(dir), { recursive: true });
  const release = await acquireLock(`${dir}.lock`, opts.lockWaitMs ?? 15_000);
  const fresh = !existsSync(dir) || readdirSync(dir).length === 0;
  let db: PGlite;
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const template = fresh ? readTemplate() : undefined;
    db = template ? new PGlite(dir, { loadDataDir: template }) : new PGlite(dir);
    await db.waitReady;
    await db.query('SELECT 1');
    if (fresh && !template) await saveTemplate(db);
  } catch (error) {
    release();
    throw new StoreError(
      `the history store ${dir} cannot be opened (${error instanceof Error ? error.message : String(error)}). ` +
        (fresh
          ? 'It could not be created here.'
          : 'It may be damaged; its files were left as they are: move the directory aside to start a new history, or run with --no-history.'),
    );
  }
  return {
    query: (sql, params) => db.query(sql, params),
    transaction: (fn) => db.transaction((tx) => fn((sql, params) => tx.query(sql, params))),
    close: async () => {
      try {
        await db.close();
      } finally {
        release();
      }
    },
  };
}

// Creating a PGlite cluster (initdb in wasm) takes ~6 s; unpacking a saved empty one takes ~2 s. The first store made
// on a machine leaves its empty cluster in the user cache for the next projects.
const TEMPLATE_NAME = 'pglite-0.5.16-empty.tar.gz';

function templateFile(): string {
  return join(userCacheDir(), TEMPLATE_NAME);
}

function readTemplate(): Blob | undefined {
  try {
    return new Blob([readFileSync(templateFile())]);
  } catch {
    return undefined;
  }
}

async function saveTemplate(db: PGlite): Promise<void> {
  try {
    const dump = Buffer.from(await (await db.dumpDataDir('gzip')).arrayBuffer());
    const file = templateFile();
    mkdirSync(dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, dump);
    renameSync(temp, file);
  } catch {
    // Only a speed-up for the next new store: without it, stores are created from scratch.
  }
}

/**
 * A PostgreSQL server: `postgres://user@host:port/db`, with an optional `schema=<name>` query parameter to keep the
 * tables in their own schema (created when missing).
 */
/**
 * A pg client reports a lost connection (server restart, terminated backend) as an 'error' event, which kills the
 * process when nobody listens (a pool listens to its idle clients only). This keeps the first such error so that the
 * client's next statement fails with it: the server's message, not "Client has encountered a connection error".
 */
export function watchConnectionLoss(client: {
  on(event: 'error', listener: (error: Error) => void): unknown;
  off(event: 'error', listener: (error: Error) => void): unknown;
}): { lost(): Error | undefined; throwIfLost(): void; stop(): void } {
  let lost: Error | undefined;
  const onError = (error: Error): void => {
    lost ??= error; // the first says why (the server's message); the socket's end follows
  };
  client.on('error', onError);
  return {
    lost: () => lost,
    throwIfLost() {
      if (lost) throw lost;
    },
    stop: () => void client.off('error', onError),
  };
}

export async function openPostgres(url: string): Promise<SqlConnection> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new StoreError(`--store: not a PostgreSQL URL: "${redact(url)}"`);
  }
  const schema = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  if (schema !== null && !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema))
    throw new StoreError(`--store: schema must be a plain identifier, not "${schema}"`);
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: parsed.href, connectionTimeoutMillis: 10_000 });
  // `mageup serve` reads server stores for days: a restart must fail the next statement, not end the process.
  const loss = watchConnectionLoss(client);
  try {
    await client.connect();
    if (schema) {
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await client.query(`SET search_path TO "${schema}"`);
    }
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new StoreError(
      `cannot connect to the history store ${redact(url)}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const query: SqlConnection['query'] = async (sql, params) => {
    loss.throwIfLost();
    const result = await client.query(sql, params as unknown[]);
    return { rows: result.rows };
  };
  return {
    query,
    async transaction(fn) {
      await client.query('BEGIN');
      try {
        const value = await fn(query);
        await client.query('COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    },
    close: () => client.end(),
  };
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}
