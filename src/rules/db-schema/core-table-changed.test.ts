import { test } from 'node:test';
import assert from 'node:assert/strict';
import { projectFixture, releaseFixture, runRule } from '../testing.js';
import { createCoreTableChangedRule } from './core-table-changed.js';
import { FILE, moduleWithTables, schemaIndex } from './fixtures.js';

const rule = createCoreTableChangedRule(() => schemaIndex);

const module = moduleWithTables([
  {
    name: 'sales_thing',
    file: FILE,
    line: 3,
    disabled: false,
    indexes: [],
    columns: [
      { name: 'note', type: 'varchar', length: '255', line: 4, disabled: false },
      { name: 'legacy', type: 'smallint', line: 5, disabled: false },
      { name: 'acme_extra', type: 'int', line: 6, disabled: false },
    ],
    constraints: [],
  },
  {
    name: 'sales_gone',
    file: FILE,
    line: 9,
    disabled: false,
    columns: [{ name: 'acme', type: 'int', line: 10, disabled: false }],
    indexes: [],
    constraints: [],
  },
  {
    name: 'acme_log',
    file: FILE,
    line: 12,
    disabled: false,
    columns: [],
    indexes: [],
    constraints: [
      {
        referenceId: 'ACME_LOG_GONE_ID',
        type: 'foreign',
        line: 14,
        columns: ['gone_id'],
        referenceTable: 'sales_gone',
        disabled: false,
      },
    ],
  },
]);

test('changed and removed core columns and tables the custom schema touches, with before → after', async () => {
  const findings = await runRule(rule, {
    project: projectFixture({ modules: [module] }),
    current: { release: releaseFixture('2.4.6'), symbols: null },
    target: { release: releaseFixture('2.4.8') },
  });
  assert.deepEqual(
    findings.map((f) => [f.line, f.severity, f.subject]),
    [
      [4, 'error', 'column:sales_thing.note'],
      [5, 'error', 'column:sales_thing.legacy'],
      [9, 'error', 'table:sales_gone'],
      [14, 'error', 'fk:acme_log.ACME_LOG_GONE_ID'],
    ],
  );
  assert.equal(findings[0]!.messageId, 'columnChangedOverridden');
  assert.deepEqual(
    [findings[0]!.data?.was, findings[0]!.data?.now, findings[0]!.data?.clashes],
    [
      'varchar(255) NULL',
      'text NULL',
      [
        { messageId: 'clashType', data: { mine: 'varchar', target: 'text' } },
        { messageId: 'clashLengthNoTarget', data: { mine: '255' } },
      ],
    ],
  );
});

test('a later target uses the nearest indexed release and says so', async () => {
  const findings = await runRule(rule, {
    project: projectFixture({ modules: [module] }),
    current: { release: releaseFixture('2.4.6'), symbols: null },
    target: { release: releaseFixture('2.4.8-p3') },
  });
  assert.deepEqual(findings[0]!.data?.note, [
    { messageId: 'nearestSchema', data: { release: '2.4.8', requested: '2.4.8-p3' } },
  ]);
});

test('an unknown current version is said once; broken data is an info finding, not a crash', async () => {
  const unknown = await runRule(rule, {
    project: projectFixture({ modules: [module], magento: { ...projectFixture().magento, version: null } }),
  });
  assert.deepEqual(
    unknown.map((f) => f.severity),
    ['info'],
  );
  const broken = createCoreTableChangedRule(() => {
    throw new Error('checksum mismatch');
  });
  const findings = await runRule(broken, {
    project: projectFixture({ modules: [module] }),
    current: { release: releaseFixture('2.4.6'), symbols: null },
  });
  assert.equal(findings[0]!.messageId, 'noSchemaData');
  assert.equal(findings[0]!.data?.error, 'checksum mismatch');
});
