import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDbSchemaIndex, loadDbSchemaIndex, nearestIndex } from './index.js';
import { decodeRanges, encodeRanges } from '../ranges.js';
import { mergeDeclarations, parseSchemaXml } from './parse-core-schema.js';

test('ranges round-trip', () => {
  assert.equal(encodeRanges([5, 0, 1, 2, 9, 10]), '0-2,5,9-10');
  assert.deepEqual(decodeRanges('0-2,5,9-10'), [0, 1, 2, 5, 9, 10]);
  assert.deepEqual(decodeRanges(''), []);
});

test('nearest indexed release: exact, else newest not newer, else oldest', () => {
  const releases = ['2.4.6', '2.4.7', '2.4.8', '2.4.8-p1'];
  assert.equal(nearestIndex(releases, '2.4.7'), 1);
  assert.equal(nearestIndex(releases, '2.4.8-p3'), 3);
  assert.equal(nearestIndex(releases, '2.4.9'), 3);
  assert.equal(nearestIndex(releases, '2.3.0'), 0);
});

test('merging applies disabled elements and later additions', () => {
  const base = parseSchemaXml(
    `<schema><table name="t" resource="default"><column xsi:type="int" name="id" nullable="false" identity="true"/>
     <column xsi:type="varchar" name="old" length="32"/><constraint xsi:type="primary" referenceId="PRIMARY"><column name="id"/></constraint>
     <index referenceId="T_OLD" indexType="btree"><column name="old"/></index></table></schema>`,
    'a.xml',
  );
  const extension = parseSchemaXml(
    `<schema><table name="t"><column name="old" disabled="true"/><column xsi:type="text" name="new"/>
     <index referenceId="T_OLD" disabled="true"/></table></schema>`,
    'b.xml',
  );
  const merged = mergeDeclarations([
    { package: 'magento/a', tables: base },
    { package: 'magento/b', tables: extension },
  ]).get('t')!;
  assert.deepEqual(Object.keys(merged.columns), ['id', 'new']);
  assert.deepEqual(merged.columns.id, { type: 'int', nullable: false, identity: true });
  assert.deepEqual(merged.constraints.PRIMARY, { type: 'primary', columns: ['id'] });
  assert.deepEqual(merged.indexes, {});
  assert.deepEqual(merged.packages, ['magento/a', 'magento/b']);
  assert.throws(() => parseSchemaXml('<schema><table>', 'broken.xml'), /broken\.xml: invalid XML/);
});

test('timeline answers per release', () => {
  const index = createDbSchemaIndex({
    schema: 1,
    source: 'test',
    releases: ['2.4.6', '2.4.7', '2.4.8'],
    tables: {
      kept: [
        {
          in: '0-1',
          table: {
            packages: ['magento/a'],
            columns: { x: { type: 'varchar', length: '32', nullable: true } },
            indexes: {},
            constraints: {},
          },
        },
        {
          in: '2',
          table: {
            packages: ['magento/a'],
            columns: { x: { type: 'varchar', length: '64', nullable: true } },
            indexes: {},
            constraints: {},
          },
        },
      ],
      dropped: [{ in: '0', table: { packages: ['magento/a'], columns: {}, indexes: {}, constraints: {} } }],
    },
  });
  assert.equal(index.at('2.4.6').getTable('kept')?.columns.x?.length, '32');
  assert.equal(index.at('2.4.8').getTable('kept')?.columns.x?.length, '64');
  assert.equal(index.at('2.4.7').getTable('dropped'), undefined);
  const later = index.at('2.4.9');
  assert.equal(later.release, '2.4.8');
  assert.equal(later.exact, false);
});

test('the shipped index covers 2.3.0 … 2.4.8-p1 with core tables', () => {
  const index = loadDbSchemaIndex();
  assert.equal(index.releases[0], '2.3.0');
  assert.ok(index.releases.includes('2.4.8-p1'));
  // The full installs of scripts/install-trees.ts: 2.4.7-p7, 2.4.7-p8, 2.4.8-p2.
  for (const release of ['2.4.7-p7', '2.4.7-p8', '2.4.8-p2']) assert.ok(index.releases.includes(release), release);
  const schema = index.at('2.4.8-p1');
  assert.ok(schema.getTable('catalog_product_entity'));
  assert.equal(schema.getTable('quote')?.columns.entity_id?.type, 'int');
  assert.ok(schema.tableNames().length > 300);
});
