import { test } from 'node:test';
import assert from 'node:assert/strict';
import { projectFixture, releaseFixture, runRule } from '../testing.js';
import { createNameClashRule } from './name-clash.js';
import { FILE, moduleWithTables, schemaIndex } from './fixtures.js';

const rule = createNameClashRule(() => schemaIndex);

test('tables, columns and index names the target adds too', async () => {
  const module = moduleWithTables([
    { name: 'sales_new', file: FILE, line: 3, disabled: false, columns: [], indexes: [], constraints: [] },
    {
      name: 'sales_thing',
      file: FILE,
      line: 5,
      disabled: false,
      constraints: [],
      columns: [
        { name: 'flag', type: 'smallint', line: 6, disabled: false },
        { name: 'note', type: 'varchar', length: '255', line: 7, disabled: false },
      ],
      indexes: [{ referenceId: 'SALES_THING_FLAG', line: 8, columns: ['flag'], disabled: false }],
    },
    { name: 'acme_own', file: FILE, line: 11, disabled: false, columns: [], indexes: [], constraints: [] },
  ]);
  const findings = await runRule(rule, {
    project: projectFixture({ modules: [module] }),
    current: { release: releaseFixture('2.4.6'), symbols: null },
    target: { release: releaseFixture('2.4.8') },
  });
  assert.deepEqual(
    findings.map((f) => [f.line, f.subject]),
    [
      [3, 'table:sales_new'],
      [6, 'column:sales_thing.flag'],
      [8, 'key:sales_thing.SALES_THING_FLAG'],
    ],
  );
  assert.equal(findings[1]!.messageId, 'column');
  assert.deepEqual(
    [findings[1]!.data?.column, findings[1]!.data?.type, findings[1]!.data?.core],
    ['sales_thing.flag', 'smallint', 'boolean NOT NULL default false'],
  );
});

test('core modules are never checked', async () => {
  const module = {
    ...moduleWithTables([
      { name: 'sales_new', file: FILE, line: 3, disabled: false, columns: [], indexes: [], constraints: [] },
    ]),
    core: true,
  };
  const findings = await runRule(rule, {
    project: projectFixture({ modules: [module] }),
    current: { release: releaseFixture('2.4.6'), symbols: null },
  });
  assert.deepEqual(findings, []);
});
