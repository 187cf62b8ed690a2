import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Problem } from '../../core/problem.js';
import { parseXml } from '../xml.js';
import { readDbSchemaWhitelist, readDbSchemaXml } from './db-schema.js';
import type { DbTable } from '../model.js';

test('db_schema.xml: foreign keys keep their reference column', () => {
  const parsed = parseXml(
    '<schema><table name="a"><constraint xsi:type="foreign" referenceId="A_B" table="a" column="b_id" referenceTable="b" referenceColumn="id"/></table></schema>',
  );
  assert.ok(parsed.ok);
  const tables: DbTable[] = [];
  readDbSchemaXml(parsed.root, 'etc/db_schema.xml', tables);
  assert.deepEqual(tables[0]?.constraints[0], {
    referenceId: 'A_B',
    type: 'foreign',
    line: 1,
    columns: ['b_id'],
    referenceTable: 'b',
    referenceColumn: 'id',
    disabled: false,
    // Every attribute and child as written: db-schema/xsd-invalid judges them against the target's XSD.
    attributes: {
      'xsi:type': 'foreign',
      referenceId: 'A_B',
      table: 'a',
      column: 'b_id',
      referenceTable: 'b',
      referenceColumn: 'id',
    },
    children: [],
  });
});

test('db_schema_whitelist.json: tables, element types and names; bad JSON is a problem, not a crash', () => {
  const problems: Problem[] = [];
  assert.deepEqual(
    readDbSchemaWhitelist('{"a":{"column":{"id":true,"b_id":true},"constraint":{"A_B":true}}}', 'w.json', problems),
    { file: 'w.json', tables: { a: { column: { id: true, b_id: true }, constraint: { A_B: true } } } },
  );
  assert.equal(readDbSchemaWhitelist('{"a":', 'w.json', problems), undefined);
  assert.equal(readDbSchemaWhitelist('[1]', 'w.json', problems), undefined);
  assert.deepEqual(
    problems.map((p) => [p.code, p.file]),
    [
      ['json-invalid', 'w.json'],
      ['json-invalid', 'w.json'],
    ],
  );
});
