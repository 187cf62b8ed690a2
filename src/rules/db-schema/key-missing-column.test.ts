import { test } from 'node:test';
import assert from 'node:assert/strict';
import { moduleFixture, projectFixture, runRule } from '../testing.js';
import { createKeyMissingColumnRule } from './key-missing-column.js';
import { FILE, moduleWithTables, schemaIndex } from './fixtures.js';

const rule = createKeyMissingColumnRule(() => schemaIndex);

test('an index on a disabled or undeclared column stops setup:upgrade; core and own columns are fine', async () => {
  const module = moduleWithTables([
    {
      name: 'acme_log',
      file: FILE,
      line: 3,
      disabled: false,
      columns: [
        { name: 'id', type: 'int', line: 4, disabled: false },
        { name: 'old', type: 'int', line: 5, disabled: true },
      ],
      indexes: [
        { referenceId: 'ACME_LOG_OLD', line: 6, columns: ['old'], disabled: false },
        { referenceId: 'ACME_LOG_GONE', line: 7, columns: ['gone'], disabled: false },
        { referenceId: 'ACME_LOG_OFF', line: 8, columns: ['gone'], disabled: true },
      ],
      constraints: [{ referenceId: 'PRIMARY', type: 'primary', line: 9, columns: ['id'], disabled: false }],
    },
    {
      name: 'sales_thing',
      file: FILE,
      line: 11,
      disabled: false,
      columns: [],
      constraints: [],
      // `flag` is core's at 2.4.8, `legacy` was core's at 2.4.6 only
      indexes: [
        { referenceId: 'SALES_THING_FLAG_X', line: 12, columns: ['flag'], disabled: false },
        { referenceId: 'SALES_THING_LEGACY', line: 13, columns: ['legacy'], disabled: false },
      ],
    },
  ]);
  const findings = await runRule(rule, { project: projectFixture({ modules: [module] }) });
  assert.deepEqual(
    findings.map((f) => [f.line, f.severity, f.messageId, f.data?.why]),
    [
      [6, 'error', 'missing', [{ messageId: 'disabledByModule' }]],
      [7, 'error', 'missing', [{ messageId: 'declaredByNone' }]],
      [13, 'error', 'missing', [{ messageId: 'declaredByNone' }]],
    ],
  );
  assert.equal(findings[0]!.messageId, 'missing');
  assert.deepEqual(
    [findings[0]!.data?.table, findings[0]!.data?.column, findings[0]!.data?.why],
    ['acme_log', 'old', [{ messageId: 'disabledByModule' }]],
  );
});

test('a column another module declares is found; an unread module makes the rest "could not verify"', async () => {
  const user = moduleWithTables([
    {
      name: 'acme_log',
      file: FILE,
      line: 3,
      disabled: false,
      columns: [],
      constraints: [],
      indexes: [
        { referenceId: 'ACME_LOG_ID', line: 4, columns: ['id'], disabled: false },
        { referenceId: 'ACME_LOG_X', line: 5, columns: ['x'], disabled: false },
      ],
    },
  ]);
  const owner = moduleFixture('Acme_Log', {
    dbSchema: [
      {
        name: 'acme_log',
        file: 'app/code/Acme/Log/etc/db_schema.xml',
        line: 3,
        disabled: false,
        columns: [{ name: 'id', type: 'int', line: 4, disabled: false }],
        indexes: [],
        constraints: [],
      },
    ],
  });
  const unread = { ...moduleFixture('Other_Thing'), customizationsScanned: false };
  const findings = await runRule(rule, { project: projectFixture({ modules: [user, owner, unread] }) });
  assert.deepEqual(
    findings.map((f) => [f.line, f.severity, f.messageId]),
    [[5, 'info', 'unverified']],
  );
  assert.equal(findings[0]!.messageId, 'unverified');
});
