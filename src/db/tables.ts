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

/**
 * What a table Magento creates at run time is (no db_schema.xml declares it), or null when it is not one: indexer
 * changelogs (`<view>_cl`: version_id, entity_id), Magento_DataExporter's batch tables of a feed table
 * (`<feed>_index_batches`, `<feed>_index_sequence`) and the category index of one store view
 * (`catalog_category_product_index_store<N>`). The name alone could mislead, so the columns must fit too when known.
 */
export function magentoRuntimeTable(
  name: string,
  columns: string[],
  exists: (table: string) => boolean,
): string | null {
  const cols = columns.join(',');
  const known = columns.length > 0;
  let m = /^(.+)_cl$/.exec(name);
  if (m && (!known || cols === 'version_id,entity_id'))
    return `changelog of the indexer view ${m[1]} (Magento's mview creates it when the indexer updates by schedule)`;
  m = /^(.+)_index_(batches|sequence)$/.exec(name);
  if (m && exists(m[1]!) && (!known || (m[2] === 'sequence' ? cols === 'i' : columns[0] === 'batch_number')))
    return `${m[2] === 'sequence' ? 'batch sequence' : 'batch'} table of the feed ${m[1]} (Magento_DataExporter creates it while indexing)`;
  m = /^catalog_category_product_index_store(\d+)(_replica|_tmp)?$/.exec(name);
  if (m) return `category product index of store ${m[1]} (Magento's indexer creates one per store view)`;
  return null;
}
