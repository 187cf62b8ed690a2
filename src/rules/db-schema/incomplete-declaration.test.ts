import { test } from 'node:test';
import assert from 'node:assert/strict';
import { moduleFixture, projectFixture, releaseFixture, runRule } from '../testing.js';
import { createIncompleteDeclarationRule } from './incomplete-declaration.js';
import { FILE, declarationRules, moduleWithTables, schemaIndex } from './fixtures.js';
import type { DbTable } from '../../project/model.js';

const reads = declarationRules({ '2.4.6': 'no', '2.4.8': 'yes' });
const rule = createIncompleteDeclarationRule(
  () => schemaIndex,
  () => reads,
);

// ElasticSuite 2.11.10 and Alma's shapes: a disabled column without xsi:type on a table core declares, and a
// disabled table no module gives a column.
const leftovers: DbTable[] = [
  {
    name: 'sales_thing',
    file: FILE,
    line: 3,
    disabled: false,
    columns: [
      { name: 'is_used_in_autocomplete', type: '', line: 4, disabled: true },
      { name: 'legacy', type: '', line: 5, disabled: true }, // core's at 2.4.6 only
      { name: 'note', type: '', line: 6, disabled: true }, // core gives it a type
      { name: 'typed_off', type: 'boolean', line: 7, disabled: true },
    ],
    constraints: [],
    indexes: [],
  },
  { name: 'acme_insurance', file: FILE, line: 9, disabled: true, columns: [], constraints: [], indexes: [] },
  // a disabled core table: core gives it columns
  { name: 'sales_new', file: FILE, line: 10, disabled: true, columns: [], constraints: [], indexes: [] },
];

test('at a target whose builder reads every declaration, typeless columns and columnless tables stop setup:upgrade', async () => {
  const findings = await runRule(rule, { project: projectFixture({ modules: [moduleWithTables(leftovers)] }) });
  assert.deepEqual(
    findings.map((f) => [f.line, f.severity, f.messageId]),
    [
      [4, 'error', 'untypedColumn'],
      [5, 'error', 'untypedColumn'],
      [9, 'error', 'columnlessTable'],
    ],
  );
  assert.equal(findings[0]!.messageId, 'untypedColumn');
  assert.deepEqual(
    [findings[0]!.data?.table, findings[0]!.data?.column, findings[0]!.data?.disabled],
    ['sales_thing', 'is_used_in_autocomplete', [{ messageId: 'disabledDeclaration' }]],
  );
  assert.match(findings[0]!.message, /has no xsi:type in any declaration \(nor core\) \(`disabled="true"`\): /);
  assert.equal(findings[2]!.messageId, 'columnlessTable');
  assert.equal(findings[2]!.data?.table, 'acme_insurance');
});

test('a type or a column from another enabled module is enough; a disabled module gives none', async () => {
  const other = moduleFixture(
    'Other_Module',
    {
      dbSchema: [
        {
          name: 'sales_thing',
          file: 'app/code/Other/Module/etc/db_schema.xml',
          line: 2,
          disabled: false,
          columns: [{ name: 'is_used_in_autocomplete', type: 'boolean', line: 3, disabled: false }],
          constraints: [],
          indexes: [],
        },
      ],
    },
    { package: 'other/module' },
  );
  const off = moduleFixture(
    'Off_Module',
    {
      dbSchema: [
        {
          name: 'acme_insurance',
          file: 'app/code/Off/Module/etc/db_schema.xml',
          line: 2,
          disabled: false,
          columns: [{ name: 'id', type: 'int', line: 3, disabled: false }],
          constraints: [],
          indexes: [],
        },
      ],
    },
    { package: 'off/module', enabled: false },
  );
  const findings = await runRule(rule, {
    project: projectFixture({ modules: [moduleWithTables(leftovers), other, off] }),
  });
  assert.deepEqual(
    findings.map((f) => [f.line, f.messageId]),
    [
      [5, 'untypedColumn'],
      [9, 'columnlessTable'],
    ],
  );
});

test('a target whose builder skips disabled declarations has nothing to say; an unindexed target could not verify', async () => {
  const project = projectFixture({ modules: [moduleWithTables(leftovers)] });
  assert.deepEqual(await runRule(rule, { project, target: { release: releaseFixture('2.4.6') } }), []);
  const unknown = await runRule(rule, { project, target: { release: releaseFixture('2.4.9') } });
  assert.deepEqual(
    unknown.map((f) => [f.line, f.severity, f.messageId]),
    [
      [4, 'info', 'unverified'],
      [5, 'info', 'unverified'], // core's at 2.4.6 only: the nearest core schema (2.4.8) lacks it too
      [9, 'info', 'unverified'],
    ],
  );
  assert.equal(unknown[0]!.messageId, 'unverified');
  assert.deepEqual(
    [unknown[0]!.data?.why, unknown[0]!.data?.known, unknown[0]!.data?.target],
    [
      [{ messageId: 'whyNotIndexed', data: { target: '2.4.9' } }],
      [{ messageId: 'knownRelease', data: { version: '2.4.8' } }],
      '2.4.9',
    ],
  );
  assert.deepEqual(unknown[2]!.data?.what, [{ messageId: 'whatColumnlessTable', data: { table: 'acme_insurance' } }]);
  assert.deepEqual(unknown[0]!.data?.what, [
    { messageId: 'whatUntypedColumn', data: { table: 'sales_thing', column: 'is_used_in_autocomplete' } },
  ]);
  assert.match(
    unknown[0]!.message,
    /^Acme_Sales: column `sales_thing\.is_used_in_autocomplete` has no xsi:type in any declaration \(nor core\) \(`disabled="true"`\): 2\.4\.9 is not indexed; /,
  );
});

test('an unread module makes every candidate "could not verify"', async () => {
  const unread = { ...moduleFixture('Unread_Module', {}, { package: 'unread/module' }), customizationsScanned: false };
  const findings = await runRule(rule, {
    project: projectFixture({ modules: [moduleWithTables(leftovers), unread] }),
  });
  assert.deepEqual(
    findings.map((f) => f.severity),
    ['info', 'info', 'info'],
  );
});

test('an extension checked without a non-Magento module it loads after could get the type from it: could not verify', async () => {
  const module = { ...moduleWithTables(leftovers), sequence: ['Magento_Catalog', 'Acme_Core'] };
  const findings = await runRule(rule, { project: projectFixture({ modules: [module] }) });
  assert.deepEqual(
    findings.map((f) => [f.line, f.severity]),
    [
      [4, 'info'],
      [5, 'info'],
      [9, 'info'],
    ],
  );
  assert.equal(findings[0]!.messageId, 'unverified');
  assert.deepEqual(findings[0]!.data?.why, [
    {
      messageId: 'whyAbsentDependency',
      data: { modules: [{ messageId: 'absentModule', data: { name: 'Acme_Core' } }], module: 'Acme_Sales' },
    },
  ]);
});
