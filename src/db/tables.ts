import type { ReadOnlySession } from './session.js';
import type { TableInfo } from './snapshot-types.js';

/** Every base table of the database that carries the project's prefix, with sizes, engine, collation and columns. */
export async function readTables(session: ReadOnlySession): Promise<TableInfo[]> {
  const prefix = session.settings.tablePrefix;
  const like = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const tables = new Map<string, TableInfo>();
  await session.each(
    `SELECT TABLE_NAME AS name, ENGINE AS engine, TABLE_ROWS AS rows_estimate, DATA_LENGTH AS data_bytes, ` +
      `INDEX_LENGTH AS index_bytes, TABLE_COLLATION AS collation FROM information_schema.TABLES ` +
      `WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME LIKE ? ORDER BY TABLE_NAME`,
    [session.settings.database, like],
    (row) => {
      const name = String(row.name).slice(prefix.length);
      tables.set(name, {
        name,
        engine: row.engine === null ? null : String(row.engine),
        rowsEstimate: Number(row.rows_estimate ?? 0),
        dataBytes: Number(row.data_bytes ?? 0),
        indexBytes: Number(row.index_bytes ?? 0),
        collation: row.collation === null ? null : String(row.collation),
        columns: [],
      });
    },
  );
  await session.each(
    `SELECT TABLE_NAME AS t, COLUMN_NAME AS c FROM information_schema.COLUMNS ` +
      `WHERE TABLE_SCHEMA = ? AND TABLE_NAME LIKE ? ORDER BY TABLE_NAME, ORDINAL_POSITION`,
    [session.settings.database, like],
    (row) => tables.get(String(row.t).slice(prefix.length))?.columns.push(String(row.c)),
  );
  return [...tables.values()];
}
