import mysql from 'mysql2';
import type { Connection, QueryError, RowDataPacket } from 'mysql2';
import { describeTarget } from './connection-settings.js';
import type { ConnectionSettings } from './connection-settings.js';
import { DbError, redactSecret } from './errors.js';
import { assertReadOnlyStatement } from './read-only-guard.js';

export type Row = Record<string, unknown>;

export interface SessionOptions {
  /** Limit per statement, in seconds (the server's statement timeout, with a client-side backstop). Default 300. */
  timeoutSeconds?: number;
  /** Connection timeout in seconds. Default 10. */
  connectTimeoutSeconds?: number;
}

export interface ServerInfo {
  /** `SELECT VERSION()`, e.g. `10.11.19-MariaDB-0+deb12u1`. */
  version: string;
  flavor: 'mariadb' | 'mysql';
  /** Numeric part, e.g. `10.11.19`. */
  number: string;
}

/**
 * Statements the session itself runs to become read-only. They bypass the SELECT/SHOW guard, so they are an exact
 * list: nothing else can take this path.
 */
const CONTROL_STATEMENTS = new Set([
  'SET SESSION TRANSACTION READ ONLY',
  'START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY',
  'ROLLBACK',
]);

/**
 * A read-only session on a Magento database: `SET SESSION TRANSACTION READ ONLY`, then one
 * `START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY` so every figure of a snapshot comes from the same moment,
 * a statement timeout (`max_statement_time` on MariaDB, `max_execution_time` on MySQL), and a guard that refuses
 * anything but SELECT/SHOW before it reaches the server. MageUp never writes to the store.
 */
export class ReadOnlySession {
  private constructor(
    private readonly connection: Connection,
    readonly settings: Readonly<Omit<ConnectionSettings, 'password'>>,
    readonly server: ServerInfo,
    private readonly timeoutMs: number,
    private readonly secret: string,
  ) {}

  static async open(settings: ConnectionSettings, opts: SessionOptions = {}): Promise<ReadOnlySession> {
    const timeoutSeconds = opts.timeoutSeconds ?? 300;
    if (!(timeoutSeconds > 0)) throw new DbError('bad-input', `--timeout: expected a positive number of seconds`);
    const connection = mysql.createConnection({
      host: settings.host,
      port: settings.port,
      ...(settings.socketPath ? { socketPath: settings.socketPath } : {}),
      user: settings.user,
      password: settings.password,
      database: settings.database,
      connectTimeout: (opts.connectTimeoutSeconds ?? 10) * 1000,
      multipleStatements: false,
      // Totals are summed by the server as exact decimals: keep them as strings, never floats.
      decimalNumbers: false,
      supportBigNumbers: true,
      bigNumberStrings: true,
      dateStrings: true,
      charset: 'utf8mb4_general_ci',
    });
    const { password, ...visible } = settings;
    // Errors of a connection that is never used again must not crash the process.
    connection.on('error', () => undefined);
    try {
      await new Promise<void>((resolve, reject) => connection.connect((e) => (e ? reject(e) : resolve())));
    } catch (error) {
      connection.destroy();
      throw connectError(error as QueryError, settings);
    }
    let session: ReadOnlySession | undefined;
    try {
      const versionRows = await rawQuery(connection, 'SELECT VERSION() AS version', [], timeoutSeconds * 1000);
      const version = String(versionRows[0]?.version ?? '');
      const server: ServerInfo = {
        version,
        flavor: /mariadb/i.test(version) ? 'mariadb' : 'mysql',
        number: /^\d+(\.\d+)*/.exec(version)?.[0] ?? version,
      };
      session = new ReadOnlySession(connection, visible, server, timeoutSeconds * 1000, password);
      await session.becomeReadOnly(timeoutSeconds);
      return session;
    } catch (error) {
      connection.destroy();
      if (error instanceof DbError) throw error;
      throw new DbError('query-failed', redactSecret(messageOf(error), password));
    }
  }

  private async becomeReadOnly(timeoutSeconds: number): Promise<void> {
    try {
      await this.control('SET SESSION TRANSACTION READ ONLY');
    } catch (error) {
      throw new DbError(
        'read-only-refused',
        `${describeTarget({ ...this.settings, password: '' })}: the server rejected read-only mode ` +
          `(${redactSecret(messageOf(error), this.secret)}); MageUp does not run without it`,
      );
    }
    // The statement timeout is a session variable: setting it is not a write to the store.
    const timeoutStatement =
      this.server.flavor === 'mariadb'
        ? `SET SESSION max_statement_time = ${Number(timeoutSeconds)}`
        : `SET SESSION max_execution_time = ${Math.round(timeoutSeconds * 1000)}`;
    // Servers without the variable (MySQL < 5.7.8, MariaDB < 10.1) still have the client-side timeout of each query.
    await rawQuery(this.connection, timeoutStatement, [], this.timeoutMs).catch(() => undefined);
    await this.control('START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY');
    const flag = await this.readOnlyFlag();
    if (flag !== true) {
      throw new DbError(
        'read-only-refused',
        'the server did not confirm the read-only transaction (transaction_read_only is off); MageUp does not run without it',
      );
    }
  }

  private async readOnlyFlag(): Promise<boolean | undefined> {
    for (const variable of ['@@session.transaction_read_only', '@@session.tx_read_only']) {
      try {
        const rows = await this.query(`SELECT ${variable} AS flag`);
        return String(rows[0]?.flag) === '1';
      } catch {
        // The other name exists on this server.
      }
    }
    return undefined;
  }

  private async control(statement: string): Promise<void> {
    if (!CONTROL_STATEMENTS.has(statement)) throw new DbError('refused-statement', 'not a session control statement');
    await rawQuery(this.connection, statement, [], this.timeoutMs);
  }

  /** The table name with the project's prefix. */
  table(name: string): string {
    return this.settings.tablePrefix + name;
  }

  /** Runs one SELECT/SHOW statement (checked by the guard) and returns its rows. */
  async query<T extends Row = Row>(sql: string, params: unknown[] = []): Promise<T[]> {
    assertReadOnlyStatement(sql);
    try {
      return (await rawQuery(this.connection, sql, params, this.timeoutMs)) as T[];
    } catch (error) {
      throw this.queryError(error);
    }
  }

  /**
   * Streams the rows of one SELECT/SHOW statement to `onRow` without holding them all: used where a result can be
   * large (config paths, table lists, grouped aggregates of big stores).
   */
  async each<T extends Row = Row>(sql: string, params: unknown[], onRow: (row: T) => void): Promise<number> {
    return this.streamRows(sql, params, false, onRow as (row: unknown) => void);
  }

  /** Like `each`, with each row as an array of values in column order. */
  async eachArray(sql: string, params: unknown[], onRow: (row: unknown[]) => void): Promise<number> {
    return this.streamRows(sql, params, true, onRow as (row: unknown) => void);
  }

  private async streamRows(
    sql: string,
    params: unknown[],
    rowsAsArray: boolean,
    onRow: (row: unknown) => void,
  ): Promise<number> {
    assertReadOnlyStatement(sql);
    let count = 0;
    try {
      await new Promise<void>((resolve, reject) => {
        const stream = this.connection
          .query({ sql, values: params, timeout: this.timeoutMs + 5000, rowsAsArray })
          .stream({ highWaterMark: 256 });
        stream.on('data', (row: unknown) => {
          count++;
          try {
            onRow(row);
          } catch (error) {
            stream.destroy(error as Error);
          }
        });
        stream.on('error', reject);
        stream.on('end', resolve);
        stream.on('close', resolve);
      });
    } catch (error) {
      throw this.queryError(error);
    }
    return count;
  }

  /** Ends the transaction (nothing to commit) and closes the connection. */
  async close(): Promise<void> {
    try {
      await this.control('ROLLBACK');
    } catch {
      // Closing anyway.
    }
    await new Promise<void>((resolve) => this.connection.end(() => resolve()));
  }

  private queryError(error: unknown): DbError {
    if (error instanceof DbError) return error;
    const e = error as QueryError;
    const message = redactSecret(messageOf(error), this.secret);
    if (e.code === 'PROTOCOL_SEQUENCE_TIMEOUT' || e.errno === 1969 || e.errno === 3024) {
      return new DbError('timeout', `a statement ran longer than the timeout (${this.timeoutMs / 1000} s): ${message}`);
    }
    return new DbError('query-failed', message);
  }
}

function rawQuery(connection: Connection, sql: string, params: unknown[], timeoutMs: number): Promise<Row[]> {
  return new Promise((resolve, reject) => {
    connection.query<RowDataPacket[]>({ sql, values: params, timeout: timeoutMs + 5000 }, (error, rows) =>
      error ? reject(error) : resolve(rows as Row[]),
    );
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What went wrong while connecting, said plainly (and without the password). */
function connectError(error: QueryError, settings: ConnectionSettings): DbError {
  const target = describeTarget(settings);
  const detail = redactSecret(error.message, settings.password);
  switch (error.code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENOENT':
      return new DbError(
        'unreachable',
        `cannot reach the database server at ${target} (${error.code}); is it running, and is the host right? (from ${settings.origin})`,
      );
    case 'ETIMEDOUT':
      return new DbError(
        'unreachable',
        `no answer from the database server at ${target} (connection timed out; from ${settings.origin})`,
      );
    case 'ER_ACCESS_DENIED_ERROR':
    case 'ER_DBACCESS_DENIED_ERROR':
      return new DbError(
        'access-denied',
        `access denied for ${target}: wrong user or password (from ${settings.origin})`,
      );
    case 'ER_BAD_DB_ERROR':
      return new DbError(
        'unknown-database',
        `database ${settings.database} does not exist on ${target} (from ${settings.origin})`,
      );
    default:
      return new DbError('unreachable', `cannot connect to ${target}: ${detail}`);
  }
}
