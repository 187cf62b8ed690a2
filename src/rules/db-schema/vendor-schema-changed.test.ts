import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vendorSchemaContext } from '../../check/files/db-schema-from-vendor.js';
import { releaseFixture, runRule } from '../testing.js';
import { vendorSchemaChanged } from './vendor-schema-changed.js';
import { vendorCoreTableChanged } from './vendor-core-table-changed.js';

const schema = (tables: string) =>
  `<?xml version="1.0"?>\n<schema xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n${tables}\n</schema>\n`;

/** Two vendor trees: core sales_order gains a column; acme/module-x changes what it declares. */
function trees(): { baseline: string; target: string } {
  const root = mkdtempSync(join(tmpdir(), 'mageup-vendor-schema-'));
  const write = (path: string, text: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const order = (extra: string) =>
    `<table name="sales_order" resource="sales"><column xsi:type="int" name="entity_id" nullable="false"/>${extra}</table>` +
    `<table name="wishlist" resource="default"><column xsi:type="int" name="wishlist_id" nullable="false"/></table>` +
    `<table name="customer_entity" resource="default"><column xsi:type="int" name="entity_id" nullable="false"/></table>`;
  write('baseline/magento/module-sales/etc/db_schema.xml', schema(order('')));
  write('target/magento/module-sales/etc/db_schema.xml', schema(order('<column xsi:type="text" name="note"/>')));
  write(
    'baseline/acme/module-x/etc/db_schema.xml',
    schema(
      '<table name="wishlist"><column xsi:type="int" name="acme_flag" nullable="true"/></table>' +
        '<table name="customer_entity"><column xsi:type="int" name="acme" comment="One"/></table>' +
        '<table name="acme_own"><column xsi:type="int" name="id"/></table>',
    ),
  );
  write(
    'target/acme/module-x/etc/db_schema.xml',
    schema(
      '<!-- <table name="wishlist"></table> -->' +
        '<table name="customer_entity"><column xsi:type="int" name="acme" comment="Two"/></table>' +
        '<table name="sales_order"><column xsi:type="int" name="acme_id"/></table>' +
        '<table name="acme_own"><column xsi:type="int" name="id"/><column xsi:type="int" name="more"/></table>',
    ),
  );
  return { baseline: join(root, 'baseline'), target: join(root, 'target') };
}

async function run(rule: typeof vendorSchemaChanged) {
  const { baseline, target } = trees();
  const problems: never[] = [];
  const dbSchema = vendorSchemaContext(
    { dir: baseline, version: '2.4.7' },
    { dir: target, version: '2.4.8' },
    problems,
  );
  assert.deepEqual(problems, []);
  return runRule(rule, {
    current: { release: releaseFixture('2.4.7'), symbols: null },
    target: { release: releaseFixture('2.4.8') },
    ...(dbSchema ? { dbSchema } : {}),
  });
}

test("a third-party package's declarations of core tables added, changed (a column comment counts) and removed", async () => {
  const findings = await run(vendorSchemaChanged);
  assert.deepEqual(
    findings
      .map((f) => [f.file, f.package, f.message.split(':')[0], f.subject?.split(' ')[1]])
      .sort((a, b) => a[3]!.localeCompare(b[3]!)),
    [
      ['vendor/acme/module-x/etc/db_schema.xml', 'acme/module-x', 'DB schema changed', 'customer_entity'],
      ['vendor/acme/module-x/etc/db_schema.xml', 'acme/module-x', 'DB schema added', 'sales_order'],
      ['vendor/acme/module-x/etc/db_schema.xml', 'acme/module-x', 'DB schema removed', 'wishlist'],
    ],
    "the package's own table acme_own is left out",
  );
});

test('a core table the target changed, declared by a third-party package of the target tree', async () => {
  const findings = await run(vendorCoreTableChanged);
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.messageId, 'targetChanges');
  assert.deepEqual(findings[0]!.data, {
    file: 'vendor/acme/module-x/etc/db_schema.xml',
    package: 'acme/module-x',
    table: 'sales_order',
    target: '2.4.8',
    coreFiles: 'magento/module-sales',
  });
});

test('silent without the vendor trees', async () => {
  assert.deepEqual(await runRule(vendorSchemaChanged), []);
  assert.deepEqual(await runRule(vendorCoreTableChanged), []);
});
