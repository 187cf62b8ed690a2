import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { AGGREGATE_SPECS, CHECKSUM_SPECS } from '../src/db/aggregate-specs.js';
import { ORPHAN_CHECKS } from '../src/db/orphan-checks.js';
import { loadDbSchemaIndex } from '../src/knowledge/db-schema/index.js';

/** Tables and columns of the test schema, read from its CREATE TABLE statements. */
function fixtureTables(): Map<string, string[]> {
  const sql = readFileSync(new URL('./fixtures/db/magento-schema.sql', import.meta.url), 'utf8');
  const tables = new Map<string, string[]>();
  for (const m of sql.matchAll(/CREATE TABLE \{\{p\}\}(\w+) \((.*)\) ENGINE/g)) {
    const columns = m[2]!
      .split(/,\s*(?![^()]*\))/)
      .map((part) => part.trim())
      .filter((part) => !/^(PRIMARY|UNIQUE|KEY)\b/.test(part))
      .map((part) => part.split(/\s+/)[0]!);
    tables.set(m[1]!, columns);
  }
  return tables;
}

describe('the Magento-shaped test schema', () => {
  const core = loadDbSchemaIndex().at('2.4.6-p3');
  const tables = fixtureTables();

  it('declares only tables and columns that Magento 2.4.6-p3 declares in db_schema.xml', () => {
    assert.ok(tables.size >= 30, `${tables.size} tables`);
    for (const [name, columns] of tables) {
      // Created by Magento's installer (Magento\Setup\Model\Installer), not by a db_schema.xml.
      if (name === 'setup_module') continue;
      const declared = core.getTable(name);
      assert.ok(declared, `${name} is not a core table`);
      for (const column of columns) assert.ok(declared.columns[column], `${name}.${column} is not a core column`);
    }
  });

  it('every table and column MageUp reads is a core one (so real stores have them)', () => {
    const reads: [string, string][] = [
      ...AGGREGATE_SPECS.flatMap((s) =>
        Object.entries(s.needs).flatMap(([t, cols]) => cols.map((c): [string, string] => [t, c])),
      ),
      ...CHECKSUM_SPECS.flatMap((s) => [s.key, ...s.columns].map((c): [string, string] => [s.table, c])),
      ...ORPHAN_CHECKS.flatMap((s) =>
        Object.entries(s.needs).flatMap(([t, cols]) => cols.map((c): [string, string] => [t, c])),
      ),
    ];
    for (const [table, column] of reads) {
      assert.ok(core.getTable(table)?.columns[column], `${table}.${column} is not declared by core 2.4.6-p3`);
    }
  });
});
