import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { projectFixture, runRule } from '../testing.js';
import { moduleWith } from '../overrides/fixtures.js';
import { duplicateDbColumn as rule } from './duplicate-db-column.js';

const table = (module: string, columns: string[]) => ({
  file: `app/code/${module.replace('_', '/')}/etc/db_schema.xml`,
  line: 3,
  name: 'sales_order',
  disabled: false,
  columns: columns.map((name, i) => ({ name, type: 'varchar', line: 4 + i, disabled: false })),
  constraints: [],
  indexes: [],
});

describe('conflicts/duplicate-db-column', () => {
  it('reports a column of one table declared by two modules', async () => {
    const modules = [
      moduleWith('Acme_Sales', { dbSchema: [table('Acme_Sales', ['delivery_date', 'acme_only'])] }),
      moduleWith('Ship_Date', { dbSchema: [table('Ship_Date', ['delivery_date'])] }),
    ];
    const findings = await runRule(rule, { project: projectFixture({ modules }) });
    assert.deepEqual(
      findings.map((f) => `${f.file}:${f.line}`),
      ['app/code/Acme/Sales/etc/db_schema.xml:4', 'app/code/Ship/Date/etc/db_schema.xml:4'],
    );
    assert.equal(findings[0]!.messageId, 'duplicate');
    assert.equal(findings[0]!.data?.column, 'sales_order.delivery_date');
  });
});
