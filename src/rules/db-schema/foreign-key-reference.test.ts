import { test } from 'node:test';
import assert from 'node:assert/strict';
import { projectFixture, runRule } from '../testing.js';
import { createForeignKeyReferenceRule } from './foreign-key-reference.js';
import { FILE, moduleWithTables, schemaIndex } from './fixtures.js';

const rule = createForeignKeyReferenceRule(() => schemaIndex);

const fk = (referenceId: string, line: number, referenceTable: string, referenceColumn: string, disabled = false) => ({
  referenceId,
  type: 'foreign',
  line,
  columns: ['ref'],
  referenceTable,
  referenceColumn,
  disabled,
});

test('foreign keys to a table or column the target lacks, or a module disables', async () => {
  const module = moduleWithTables([
    {
      name: 'acme_log',
      file: FILE,
      line: 3,
      disabled: false,
      columns: [{ name: 'ref', type: 'int', line: 4, disabled: false }],
      indexes: [],
      constraints: [
        fk('FK_OK', 5, 'sales_thing', 'entity_id'),
        fk('FK_GONE_TABLE', 6, 'sales_gone', 'id'),
        fk('FK_GONE_COLUMN', 7, 'sales_thing', 'legacy'),
        fk('FK_DISABLED_TABLE', 8, 'acme_old', 'id'),
        fk('FK_OFF', 9, 'sales_gone', 'id', true),
      ],
    },
    { name: 'acme_old', file: FILE, line: 11, disabled: true, columns: [], indexes: [], constraints: [] },
  ]);
  const findings = await runRule(rule, { project: projectFixture({ modules: [module] }) });
  assert.deepEqual(
    findings.map((f) => [f.line, f.messageId, f.data?.why]),
    [
      [6, 'tableMissing', [{ messageId: 'declaredByNone' }]],
      [7, 'columnMissing', [{ messageId: 'declaredByNone' }]],
      [8, 'tableMissing', [{ messageId: 'disabledByModule' }]],
    ],
  );
  assert.equal(findings[1]!.messageId, 'columnMissing');
  assert.deepEqual([findings[1]!.data?.referenceTable, findings[1]!.data?.referenceColumn], ['sales_thing', 'legacy']);
  // One rendering: {{why}} is a part, {{note}} an empty list.
  assert.equal(
    findings[1]!.message,
    'Acme_Sales: foreign key `FK_GONE_COLUMN` on `acme_log` references `sales_thing.legacy`, which no module declares ' +
      '(nor core) at 2.4.8: setup:upgrade stops with "Table sales_thing do not have column with name legacy"',
  );
});
