import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluatePhpArrayFile, isPhpArray, phpGet, phpString } from '../project/php-array.js';
import { DbError } from './errors.js';

/**
 * Where and how to connect. The password lives in this object only (in memory, for the driver): `describeTarget`
 * and every message leave it out.
 */
export interface ConnectionSettings {
  host: string;
  port: number;
  /** Unix socket path; when set, host and port are not used. */
  socketPath?: string;
  user: string;
  password: string;
  database: string;
  /** Magento table prefix (`db/table_prefix` of env.php), '' when none. */
  tablePrefix: string;
  /** Where the settings came from, for messages: `app/etc/env.php` or `--dsn`. */
  origin: string;
}

/** `user@host:port/database (prefix m2_)` — never the password. */
export function describeTarget(s: ConnectionSettings): string {
  const where = s.socketPath ? `socket ${s.socketPath}` : `${s.host}:${s.port}`;
  return `${s.user}@${where}/${s.database}${s.tablePrefix ? ` (table prefix ${s.tablePrefix})` : ''}`;
}

/** Settings from --dsn; a DSN without a password takes MAGEUP_DB_PASSWORD (kept out of shell history). */
export function settingsFromDsn(dsn: string): ConnectionSettings {
  const settings = parseDsn(dsn);
  if (!settings.password && process.env.MAGEUP_DB_PASSWORD) settings.password = process.env.MAGEUP_DB_PASSWORD;
  return settings;
}

/**
 * Parses `mysql://user:pass@host:port/db?prefix=m2_` (also `mariadb://`). User and password may be percent-encoded.
 * Errors never quote the DSN: it holds the password.
 */
export function parseDsn(dsn: string): ConnectionSettings {
  let url: URL;
  try {
    url = new URL(dsn);
  } catch {
    throw new DbError('bad-input', '--dsn: not a URL (expected mysql://user:password@host:port/database)');
  }
  if (url.protocol !== 'mysql:' && url.protocol !== 'mariadb:') {
    throw new DbError('bad-input', `--dsn: unsupported scheme ${url.protocol} (expected mysql:// or mariadb://)`);
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!database)
    throw new DbError('bad-input', '--dsn: no database name (expected mysql://user:password@host:port/database)');
  if (!url.hostname) throw new DbError('bad-input', '--dsn: no host');
  const port = url.port ? Number(url.port) : 3306;
  const socket = url.searchParams.get('socket');
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port,
    ...(socket ? { socketPath: socket } : {}),
    user: decodeURIComponent(url.username) || 'root',
    password: decodeURIComponent(url.password),
    database,
    tablePrefix: url.searchParams.get('prefix') ?? url.searchParams.get('table_prefix') ?? '',
    origin: '--dsn',
  };
}

/**
 * Reads the default connection of `app/etc/env.php` statically (the project's PHP is never run). Host forms Magento
 * accepts: `db`, `db:3307`, `/run/mysqld.sock`, `localhost:/run/mysqld.sock`.
 */
export async function settingsFromEnvPhp(root: string): Promise<ConnectionSettings> {
  const file = 'app/etc/env.php';
  let source: string;
  try {
    source = readFileSync(join(root, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DbError(
      'bad-input',
      code === 'ENOENT'
        ? `${join(root, file)} not found: give the project root of an installed Magento, or --dsn`
        : `${join(root, file)} could not be read (${code ?? 'error'})`,
    );
  }
  const { value, problems } = await evaluatePhpArrayFile(source, file);
  const connection = phpGet(value, 'db/connection/default');
  if (!isPhpArray(connection)) {
    const why = problems[0]?.message ?? 'it has no db/connection/default entry';
    throw new DbError('bad-input', `${file}: no database connection could be read (${why})`);
  }
  const hostValue = phpString(connection.host) ?? 'localhost';
  const database = phpString(connection.dbname);
  if (!database) throw new DbError('bad-input', `${file}: db/connection/default has no dbname`);
  return {
    ...parseMagentoHost(hostValue),
    user: phpString(connection.username) ?? 'root',
    password: phpString(connection.password) ?? '',
    database,
    tablePrefix: phpString(phpGet(value, 'db/table_prefix')) ?? '',
    origin: file,
  };
}

export function parseMagentoHost(value: string): { host: string; port: number; socketPath?: string } {
  const socket = /^(?:([^/:]+):)?(\/.+)$/.exec(value);
  if (socket) return { host: socket[1] ?? 'localhost', port: 3306, socketPath: socket[2]! };
  const hostPort = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(value);
  if (hostPort) return { host: hostPort[1]!.replace(/^\[|\]$/g, ''), port: hostPort[2] ? Number(hostPort[2]) : 3306 };
  return { host: value, port: 3306 };
}
