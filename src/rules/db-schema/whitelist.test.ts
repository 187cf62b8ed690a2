import { test } from 'node:test';
import assert from 'node:assert/strict';
import { moduleFixture, projectFixture, runRule } from '../testing.js';
import { createWhitelistRule } from './whitelist.js';
import { FILE, schemaIndex } from './fixtures.js';
import type { DbTable } from '../../project/model.js';

const rule = createWhitelistRule(() => schemaIndex);

const tables: DbTable[] = [
  {
    name: 'acme_log',
    file: FILE,
    line: 3,
    disabled: false,
    columns: [
      { name: 'id', type: 'int', line: 4, disabled: false },
      { name: 'note', type: 'text', line: 5, disabled: false },
      { name: 'old', type: 'int', line: 6, disabled: true },
    ],
    indexes: [],
    constraints: [],
  },
  {
    name: 'sales_thing',
    file: FILE,
    line: 8,
    disabled: false,
    columns: [
      { name: 'note', type: 'text', line: 9, disabled: true },
      { name: 'acme_flag', type: 'int', line: 10, disabled: false },
    ],
    indexes: [],
    constraints: [],
  },
];

test('a disabled element no whitelist lists, and entries the module whitelist misses', async () => {
  const module = moduleFixture(
    'Acme_Sales',
    {
      dbSchema: tables,
      dbSchemaWhitelist: {
        file: 'app/code/Acme/Sales/etc/db_schema_whitelist.json',
        tables: { acme_log: { column: { id: true } } },
      },
    },
    { package: 'acme/module-sales' },
  );
  const findings = await runRule(rule, { project: projectFixture({ modules: [module] }) });
  assert.deepEqual(
    findings.map((f) => [f.line, f.severity, f.messageId]),
    [
      [5, 'info', 'notListed'],
      [6, 'info', 'disabledNotListed'],
      [10, 'info', 'notListed'],
    ],
  );
  assert.equal(findings[1]!.messageId, 'disabledNotListed');
  assert.deepEqual(findings[1]!.data, { module: 'Acme_Sales', what: 'column', name: 'old', table: 'acme_log' });
});

test('a module without a whitelist is told once; another module whitelisting a disabled element is enough', async () => {
  const module = moduleFixture('Acme_Sales', { dbSchema: tables });
  const other = moduleFixture('Acme_Base', {
    dbSchemaWhitelist: { file: 'x', tables: { acme_log: { column: { old: true } } } },
  });
  const findings = await runRule(rule, { project: projectFixture({ modules: [module, other] }) });
  assert.deepEqual(
    findings.map((f) => [f.line, f.messageId]),
    [[3, 'noWhitelist']],
  );
});

test('a table is named once, not as "table `t` of `t`"', async () => {
  const table: DbTable = {
    name: 'acme_old',
    file: FILE,
    line: 12,
    disabled: true,
    columns: [],
    indexes: [],
    constraints: [],
  };
  const listedElsewhere: DbTable = { ...table, name: 'acme_new', line: 14, disabled: false };
  const module = moduleFixture('Acme_Sales', {
    dbSchema: [table, listedElsewhere],
    dbSchemaWhitelist: { file: 'x', tables: { acme_log: {} } },
  });
  const findings = await runRule(rule, { project: projectFixture({ modules: [module] }) });
  assert.deepEqual(
    findings.map((f) => [f.line, f.severity, f.message]),
    [
      [
        12,
        'info',
        'Acme_Sales disables table `acme_old`, which no db_schema_whitelist.json lists: Magento will not drop it',
      ],
      [14, 'info', 'Acme_Sales declares table `acme_new`, which its db_schema_whitelist.json does not list'],
    ],
  );
});

test('a left-over column is info (it costs disk only), a left-over unique key a warning (still enforced)', async () => {
  // MageWorx_OptionDependency 2.x disables its old varchar columns and their unique key without whitelisting them.
  const table: DbTable = {
    name: 'acme_dependency',
    file: FILE,
    line: 20,
    disabled: false,
    columns: [
      { name: 'dependency_id', type: 'int', line: 21, disabled: false },
      { name: 'child_option_id', type: 'varchar', line: 22, disabled: true },
    ],
    indexes: [],
    constraints: [
      { referenceId: 'ACME_DEPENDENCY_CHILD', type: 'unique', line: 23, columns: ['child_option_id'], disabled: true },
    ],
  };
  const module = moduleFixture('Acme_Options', {
    dbSchema: [table],
    dbSchemaWhitelist: { file: 'x', tables: { acme_dependency: { column: { dependency_id: true } } } },
  });
  const findings = await runRule(rule, { project: projectFixture({ modules: [module] }) });
  assert.deepEqual(
    findings.map((f) => [f.line, f.severity, f.messageId]),
    [
      [22, 'info', 'disabledNotListed'],
      [23, 'warning', 'disabledNotListed'],
    ],
  );
});
