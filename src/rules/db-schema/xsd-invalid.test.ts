import { test } from 'node:test';
import assert from 'node:assert/strict';
import { projectFixture, releaseFixture, runRule } from '../testing.js';
import { createXsdInvalidRule } from './xsd-invalid.js';
import { FILE, declarationRules, moduleWithTables } from './fixtures.js';
import type { DbTable } from '../../project/model.js';

const rule = createXsdInvalidRule(() => declarationRules({ '2.4.6': 'no', '2.4.8': 'yes' }));

const table: DbTable = {
  name: 'acme_log',
  file: FILE,
  line: 3,
  disabled: false,
  attributes: { name: 'acme_log', resource: 'default', engine: 'innodb', comment: 'Log' },
  columns: [
    {
      name: 'id',
      type: 'int',
      line: 4,
      disabled: false,
      attributes: { 'xsi:type': 'int', name: 'id', identity: 'true' },
    },
    {
      name: 'code',
      type: 'varchar',
      line: 5,
      disabled: false,
      attributes: { 'xsi:type': 'varchar', name: 'code', length: '2048', padding: '10' },
    },
    { name: 'blob', type: 'blobby', line: 6, disabled: false, attributes: { 'xsi:type': 'blobby', name: 'blob' } },
    {
      name: 'old',
      type: 'blobby',
      line: 7,
      disabled: true,
      attributes: { 'xsi:type': 'blobby', name: 'old', disabled: 'true' },
    },
    {
      name: 'gone',
      type: '',
      line: 8,
      disabled: true,
      attributes: { name: 'gone', disabled: 'true', nullable: 'true' },
    },
    { name: 'fine', type: '', line: 9, disabled: true, attributes: { name: 'fine', disabled: '1' } },
  ],
  constraints: [
    {
      referenceId: 'ACME_LOG_FK',
      type: 'foreign',
      line: 10,
      columns: ['id'],
      disabled: false,
      attributes: { 'xsi:type': 'foreign', referenceId: 'ACME_LOG_FK', column: 'id', onDelete: 'RESTRICT' },
      children: [{ name: 'column', line: 11, attributes: { name: 'id' } }],
    },
    // no xsi:type: anyType to the XSD, nothing is judged
    {
      referenceId: 'X',
      type: '',
      line: 12,
      columns: [],
      disabled: false,
      attributes: { referenceId: 'X', foo: 'bar' },
    },
  ],
  indexes: [
    {
      referenceId: 'ACME_LOG_CODE',
      line: 13,
      columns: ['code'],
      disabled: false,
      attributes: { referenceId: 'ACME_LOG_CODE', indexType: 'btree' },
      children: [{ name: 'column', line: 14, attributes: { name: 'code' } }],
    },
  ],
};

test("declarations the target's XSD rejects are reported at their line; an undeclared type fails in every mode", async () => {
  const findings = await runRule(rule, { project: projectFixture({ modules: [moduleWithTables([table])] }) });
  assert.deepEqual(
    findings.map((f) => [f.line, f.severity, f.messageId, f.data?.what ?? f.data?.type]),
    [
      [
        5,
        'warning',
        'violation',
        [{ messageId: 'attributeNotAllowed', data: { attribute: 'padding', type: 'varchar' } }],
      ],
      [
        5,
        'warning',
        'violation',
        [{ messageId: 'attributeValue', data: { attribute: 'length', value: '2048', expected: 'integer ≤ 1024' } }],
      ],
      [6, 'error', 'unknownType', 'blobby'],
      [7, 'warning', 'unknownTypeXsd', 'blobby'],
      [8, 'warning', 'violation', [{ messageId: 'attributeNotAllowedUntyped', data: { attribute: 'nullable' } }]],
      [
        10,
        'warning',
        'violation',
        [
          {
            messageId: 'attributeValue',
            data: { attribute: 'onDelete', value: 'RESTRICT', expected: 'one of CASCADE, SET NULL, NO ACTION' },
          },
        ],
      ],
      [11, 'warning', 'violation', [{ messageId: 'childNotAllowed', data: { child: 'column' } }]],
    ],
  );
  assert.equal(findings[2]!.messageId, 'unknownType');
  assert.equal(findings[2]!.data?.type, 'blobby');
  assert.equal(findings[1]!.messageId, 'violation');
});

test('a target without declaration data gets one "could not verify" note', async () => {
  const findings = await runRule(rule, {
    project: projectFixture({ modules: [moduleWithTables([table])] }),
    target: { release: releaseFixture('2.4.9') },
  });
  assert.deepEqual(
    findings.map((f) => [f.severity, f.messageId]),
    [['info', 'notIndexed']],
  );
});
