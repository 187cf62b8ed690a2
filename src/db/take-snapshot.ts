import { createHash } from 'node:crypto';
import { version as toolVersion } from '../version.js';
import { AGGREGATE_SPECS, CHECKSUM_SPECS } from './aggregate-specs.js';
import type { ChecksumSpec } from './aggregate-specs.js';
import { describeTarget } from './connection-settings.js';
import { DbError } from './errors.js';
import type { ReadOnlySession } from './session.js';
import { SNAPSHOT_KIND, SNAPSHOT_SCHEMA_VERSION } from './snapshot-types.js';
import type { Aggregate, ConfigEntry, ConfigScope, DbSnapshot, TableChecksum, TableInfo } from './snapshot-types.js';
import { readTables } from './tables.js';

export interface SnapshotOptions {
  magentoVersion?: string | null;
  /** Called as each part completes, for progress output. */
  onProgress?(step: string): void;
  now?: () => Date;
}

/** Tables without which a database is not taken for Magento. */
const MAGENTO_MARKERS = ['core_config_data', 'setup_module', 'store', 'store_website'];

/**
 * Takes a snapshot of the key figures of a Magento database through a read-only session: aggregates per store,
 * configuration hashes, installed setup versions and patches, checksums of the tables that matter, and every table
 * with its size. Aggregates whose tables are missing are left out and listed (`partial`).
 */
export async function takeSnapshot(session: ReadOnlySession, opts: SnapshotOptions = {}): Promise<DbSnapshot> {
  const started = Date.now();
  const progress = opts.onProgress ?? (() => undefined);
  const tables = await readTables(session);
  const byName = new Map(tables.map((t) => [t.name, t]));
  assertMagento(session, tables);
  progress(`${tables.length} tables`);

  const missing = new Map<string, Set<string>>();
  const need = (table: string, columns: string[], purpose: string): boolean => {
    const info = byName.get(table);
    const absent = info ? columns.filter((c) => !info.columns.includes(c)).map((c) => `${table}.${c}`) : [table];
    for (const name of absent) (missing.get(name) ?? missing.set(name, new Set()).get(name)!).add(purpose);
    return absent.length === 0;
  };
  const t = (name: string): string => `\`${session.table(name).replace(/`/g, '``')}\``;

  const aggregates: Aggregate[] = [];
  for (const spec of AGGREGATE_SPECS) {
    const present = Object.entries(spec.needs).map(([table, columns]) => need(table, columns, spec.id));
    if (!present.every(Boolean)) continue;
    const rows: (string | null)[][] = [];
    await session.eachArray(spec.sql(t), [], (row) => rows.push(row.map(normalizeValue)));
    aggregates.push({
      id: spec.id,
      title: spec.title,
      policy: spec.policy,
      tables: Object.keys(spec.needs),
      dimensions: spec.dimensions,
      measures: spec.measures,
      rows,
    });
    progress(spec.id);
  }

  let config: DbSnapshot['config'] = null;
  if (need('core_config_data', ['scope', 'scope_id', 'path', 'value'], 'config')) {
    config = await readConfig(session, t('core_config_data'));
    progress('config');
  }

  let setupModules: DbSnapshot['setupModules'] = null;
  if (need('setup_module', ['module', 'schema_version', 'data_version'], 'setup-module')) {
    setupModules = [];
    await session.each(
      `SELECT module, schema_version, data_version FROM ${t('setup_module')} ORDER BY module`,
      [],
      (row) =>
        setupModules!.push({
          module: String(row.module),
          schemaVersion: normalizeValue(row.schema_version),
          dataVersion: normalizeValue(row.data_version),
        }),
    );
  }

  let patches: string[] | null = null;
  if (need('patch_list', ['patch_name'], 'patch-list')) {
    const names: string[] = [];
    await session.each(`SELECT patch_name FROM ${t('patch_list')} ORDER BY patch_name`, [], (row) =>
      names.push(String(row.patch_name)),
    );
    patches = names;
  }

  const checksums: TableChecksum[] = [];
  for (const spec of CHECKSUM_SPECS) {
    const info = byName.get(spec.table);
    if (!info || !info.columns.includes(spec.key)) {
      need(spec.table, [spec.key], `checksum:${spec.table}`);
      continue;
    }
    checksums.push(await tableChecksum(session, t(spec.table), spec, info));
    progress(`checksum ${spec.table}`);
  }

  const missingList = [...missing]
    .map(([table, purposes]) => ({ table, neededFor: [...purposes].sort() }))
    .sort((a, b) => a.table.localeCompare(b.table));
  return {
    kind: SNAPSHOT_KIND,
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    tool: { name: 'mageup', version: toolVersion },
    takenAt: (opts.now?.() ?? new Date()).toISOString(),
    source: {
      origin: session.settings.origin,
      target: describeTarget({ ...session.settings, password: '' }),
      database: session.settings.database,
      tablePrefix: session.settings.tablePrefix,
      magentoVersion: opts.magentoVersion ?? null,
    },
    server: session.server,
    partial: missingList.length > 0,
    missing: missingList,
    aggregates,
    config,
    setupModules,
    patches,
    checksums,
    tables,
    durationMs: Date.now() - started,
  };
}

function assertMagento(session: ReadOnlySession, tables: TableInfo[]): void {
  const names = new Set(tables.map((t) => t.name));
  if (MAGENTO_MARKERS.some((m) => names.has(m))) return;
  const prefix = session.settings.tablePrefix;
  const otherPrefix = tables.find((t) => t.name.endsWith('core_config_data'))?.name.replace(/core_config_data$/, '');
  throw new DbError(
    'not-magento',
    `database ${session.settings.database} does not look like Magento: none of ${MAGENTO_MARKERS.join(', ')} ` +
      `exists${prefix ? ` with table prefix ${prefix}` : ''}` +
      (otherPrefix !== undefined ? ` (tables use the prefix "${prefix + otherPrefix}": check db/table_prefix)` : ''),
  );
}

/** Values as exact strings (sums, ids, dates), NULL as null: the same on both sides of a comparison. */
function normalizeValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return value.toString('hex');
  return String(value);
}

/**
 * core_config_data per scope: the server hashes each value (SHA-256, first 16 hex digits) so no value — API keys,
 * passwords stored by extensions — ever reaches MageUp. Streamed: stores may have tens of thousands of rows.
 */
async function readConfig(
  session: ReadOnlySession,
  table: string,
): Promise<{ scopes: ConfigScope[]; entries: ConfigEntry[] }> {
  const entries: ConfigEntry[] = [];
  await session.eachArray(
    `SELECT scope, scope_id, path, IF(value IS NULL, NULL, LEFT(SHA2(value, 256), 16)) FROM ${table} ` +
      `ORDER BY scope, scope_id, path`,
    [],
    (row) =>
      entries.push({
        scope: String(row[0]),
        scopeId: Number(row[1]),
        path: String(row[2]),
        valueHash: normalizeValue(row[3]),
      }),
  );
  const scopes = new Map<
    string,
    { scope: string; scopeId: number; hash: ReturnType<typeof createHash>; paths: number }
  >();
  for (const e of entries) {
    const key = `${e.scope}\0${e.scopeId}`;
    let s = scopes.get(key);
    if (!s) scopes.set(key, (s = { scope: e.scope, scopeId: e.scopeId, hash: createHash('sha256'), paths: 0 }));
    s.hash.update(`${e.path}=${e.valueHash ?? 'NULL'}\n`);
    s.paths++;
  }
  return {
    scopes: [...scopes.values()].map((s) => ({
      scope: s.scope,
      scopeId: s.scopeId,
      paths: s.paths,
      hash: s.hash.digest('hex'),
    })),
    entries,
  };
}

/** Key ranges of 10^k ids, at most ~1000 of them: nested sizes let `compare` merge ranges of different sizes. */
export function bucketSizeFor(maxKey: number): number {
  let size = 100;
  while (maxKey / size > 1000) size *= 10;
  return size;
}

async function tableChecksum(
  session: ReadOnlySession,
  table: string,
  spec: ChecksumSpec,
  info: TableInfo,
): Promise<TableChecksum> {
  const columns = spec.columns.filter((c) => info.columns.includes(c));
  const key = `\`${spec.key}\``;
  const range =
    (await session.query(`SELECT MIN(${key}) AS lo, MAX(${key}) AS hi, COUNT(*) AS n FROM ${table}`))[0] ?? {};
  const maxKey = range.hi === null || range.hi === undefined ? null : Number(range.hi);
  const bucketSize = bucketSizeFor(maxKey ?? 0);
  // NULL and '' must hash differently, and column boundaries must not shift: each value is tagged and separated.
  const row = `CONCAT_WS('|', ${key}, ${columns.map((c) => `IFNULL(CONCAT('=', \`${c}\`), '\\\\N')`).join(', ')})`;
  const buckets: TableChecksum['buckets'] = [];
  await session.eachArray(
    `SELECT FLOOR(${key} / ${bucketSize}) AS bucket, COUNT(*), SUM(CRC32(${row})), BIT_XOR(CRC32(REVERSE(${row}))) ` +
      `FROM ${table} GROUP BY bucket ORDER BY bucket`,
    [],
    (r) => buckets.push([Number(r[0]), Number(r[1]), String(r[2]), String(r[3])]),
  );
  return {
    table: spec.table,
    policy: spec.policy,
    key: spec.key,
    columns,
    bucketSize,
    rows: Number(range.n ?? 0),
    minKey: range.lo === null || range.lo === undefined ? null : Number(range.lo),
    maxKey,
    buckets,
  };
}
