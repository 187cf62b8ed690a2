import type { ServerInfo } from './session.js';

export const SNAPSHOT_KIND = 'mageup-db-snapshot';
/** Bumped when the meaning or shape of a snapshot changes; `compare` refuses snapshots of another schema version. */
export const SNAPSHOT_SCHEMA_VERSION = 1;

/**
 * How a change of an aggregate is judged by `db compare`: `strict` — any change is suspicious (orders, totals,
 * customers, stock); `additive` — new rows are expected (data patches add them), lost or shrunk rows are suspicious;
 * `informational` — changes are shown for review only (quotes expire, carts change).
 */
export type ChangePolicy = 'strict' | 'additive' | 'informational';

/** Figures grouped by dimensions (`store_id`, `status`, `day`…), computed by the server with GROUP BY. */
export interface Aggregate {
  id: string;
  title: string;
  policy: ChangePolicy;
  /** Tables read, without prefix. */
  tables: string[];
  dimensions: string[];
  /** `count` plus sums; sums are exact decimal strings as the server computed them. */
  measures: string[];
  /** One row per group: dimension values, then measure values. */
  rows: (string | number | null)[][];
}

/** Row count and content hash of the columns that matter, per key range (`FLOOR(key / bucketSize)`). */
export interface TableChecksum {
  table: string;
  policy: ChangePolicy;
  key: string;
  /** Columns hashed (those of the list that exist): the same list on both sides makes checksums comparable. */
  columns: string[];
  bucketSize: number;
  rows: number;
  minKey: number | null;
  maxKey: number | null;
  /** `[bucket, rows, sum of CRC32, xor of CRC32]` per non-empty key range. */
  buckets: [number, number, string, string][];
}

export interface ConfigScope {
  scope: string;
  scopeId: number;
  paths: number;
  /** SHA-256 over the sorted `path=valueHash` lines of the scope. */
  hash: string;
}

/** One `core_config_data` row: the value itself never leaves the server, only the first 16 hex of its SHA-256. */
export interface ConfigEntry {
  scope: string;
  scopeId: number;
  path: string;
  /** `null` for a NULL value. */
  valueHash: string | null;
}

export interface TableInfo {
  /** Without the table prefix. */
  name: string;
  engine: string | null;
  /** information_schema estimate (exact counts are in `checksums`). */
  rowsEstimate: number;
  dataBytes: number;
  indexBytes: number;
  collation: string | null;
  columns: string[];
}

export interface DbSnapshot {
  kind: typeof SNAPSHOT_KIND;
  schemaVersion: typeof SNAPSHOT_SCHEMA_VERSION;
  tool: { name: 'mageup'; version: string };
  takenAt: string;
  source: {
    /** `app/etc/env.php` or `--dsn`. */
    origin: string;
    /** `user@host:port/database`, never a password. */
    target: string;
    database: string;
    tablePrefix: string;
    /** Magento version of the project the connection came from, when known. */
    magentoVersion: string | null;
  };
  server: ServerInfo;
  /** True when tables some aggregates need are missing: those aggregates are absent and listed in `missing`. */
  partial: boolean;
  missing: { table: string; neededFor: string[] }[];
  aggregates: Aggregate[];
  config: { scopes: ConfigScope[]; entries: ConfigEntry[] } | null;
  setupModules: { module: string; schemaVersion: string | null; dataVersion: string | null }[] | null;
  patches: string[] | null;
  checksums: TableChecksum[];
  tables: TableInfo[];
  durationMs: number;
}
