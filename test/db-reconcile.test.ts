import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Ajv from 'ajv';
import { main } from '../src/cli/main.js';
import { compareSnapshots, parseDsn, ReadOnlySession, snapshotToJson, takeSnapshot } from '../src/db/index.js';
import type { DbComparison, DbSnapshot } from '../src/db/index.js';
import { loadDbSchemaIndex } from '../src/knowledge/db-schema/index.js';
import { captureStdio } from './helpers/cli.js';
import { createTestDatabase } from './fixtures/db/test-database.js';
import type { TestDatabase } from './fixtures/db/test-database.js';

const SCHEMA = JSON.parse(
  readFileSync(new URL('../schemas/db-snapshot.schema.json', import.meta.url), 'utf8'),
) as object;

/** What `bin/magento setup:upgrade` to 2.4.8 does to a database: schema additions and data-patch rows. */
const UPGRADE = `
ALTER TABLE {{p}}sales_order ADD COLUMN coupon_code varchar(255) NULL;
CREATE TABLE {{p}}sales_order_confirm_cancel (entity_id int unsigned NOT NULL AUTO_INCREMENT, order_id int unsigned NOT NULL, confirmation_key varchar(255), PRIMARY KEY (entity_id)) ENGINE=InnoDB;
UPDATE {{p}}setup_module SET schema_version = '2.1.2', data_version = '2.1.2' WHERE module = 'Magento_Store';
INSERT INTO {{p}}setup_module VALUES ('Magento_OrderCancellation', NULL, NULL);
INSERT INTO {{p}}patch_list (patch_name) VALUES ('Magento\\\\Catalog\\\\Setup\\\\Patch\\\\Data\\\\UpdateMultiselectAttributesBackendTypes');
INSERT INTO {{p}}core_config_data (scope, scope_id, path, value) VALUES ('default', 0, 'sales/cancellation/enabled', '0');
INSERT INTO {{p}}eav_attribute VALUES (180, 4, 'msrp_display_actual_price_type', 'varchar');
INSERT INTO {{p}}cms_block (title, identifier, content, is_active) VALUES ('New in 2.4.8', 'new-block', '<p/>', 1);
UPDATE {{p}}sales_order SET updated_at = '2026-01-01 00:00:00';
`;

/** What an upgrade must never do: an order lost with its item, a total changed, a configuration value reset. */
const DAMAGE = `
DELETE FROM {{p}}sales_order_item WHERE order_id = 17;
DELETE FROM {{p}}sales_order WHERE entity_id = 17;
UPDATE {{p}}sales_order SET grand_total = grand_total + 10 WHERE entity_id = 42;
UPDATE {{p}}core_config_data SET value = 'http://localhost/' WHERE path = 'web/secure/base_url' AND scope = 'default';
UPDATE {{p}}inventory_source_item SET quantity = 0 WHERE sku = 'SKU-3' AND source_code = 'default';
`;

describe('mageup db snapshot and compare (real MariaDB, table prefix m2_)', () => {
  let db: TestDatabase;
  let work: string;
  const snap = async (): Promise<DbSnapshot> => {
    const session = await ReadOnlySession.open(parseDsn(db.dsn()), { timeoutSeconds: 30 });
    try {
      return await takeSnapshot(session, { magentoVersion: '2.4.6-p3' });
    } finally {
      await session.close();
    }
  };
  let beforeSnap: DbSnapshot;
  let upgraded: DbSnapshot;
  let damaged: DbSnapshot;
  let clean: DbComparison;
  let bad: DbComparison;

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'mageup-db-'));
    db = await createTestDatabase({ prefix: 'm2_' });
    beforeSnap = await snap();
    await db.exec(UPGRADE);
    upgraded = await snap();
    await db.exec(DAMAGE);
    damaged = await snap();
    const schemaIndex = loadDbSchemaIndex();
    clean = compareSnapshots(beforeSnap, upgraded, { targetRelease: '2.4.8', schemaIndex });
    bad = compareSnapshots(beforeSnap, damaged, { targetRelease: '2.4.8', schemaIndex });
  });
  after(async () => {
    await db?.drop();
    rmSync(work, { recursive: true, force: true });
  });

  it('snapshots every aggregate through the prefix, valid against the committed schema', () => {
    assert.equal(beforeSnap.partial, false, JSON.stringify(beforeSnap.missing));
    assert.equal(beforeSnap.source.tablePrefix, 'm2_');
    const ids = beforeSnap.aggregates.map((a) => a.id);
    for (const id of [
      'orders',
      'invoices',
      'credit-memos',
      'shipments',
      'order-items',
      'quotes',
      'customers',
      'customer-addresses',
      'products',
      'product-status',
      'product-websites',
      'categories',
      'legacy-stock',
      'msi-source-items',
      'msi-stocks',
      'msi-reservations',
      'url-rewrites',
      'cms-pages',
      'cms-blocks',
    ]) {
      assert.ok(ids.includes(id), `aggregate ${id}`);
    }
    const orders = beforeSnap.aggregates.find((a) => a.id === 'orders')!;
    const count = orders.rows.reduce((n, r) => n + Number(r[3]), 0);
    const total = orders.rows.reduce((n, r) => n + Number(r[4]), 0);
    assert.equal(count, 200);
    assert.equal(total, 200 * 10 + 1.25 * ((200 * 201) / 2));
    assert.equal(beforeSnap.checksums.find((c) => c.table === 'sales_order')!.rows, 200);
    assert.ok(beforeSnap.tables.some((t) => t.name === 'sales_order' && t.columns.includes('grand_total')));
    const ajv = new Ajv.default({ allErrors: true, strict: true, allowUnionTypes: true });
    const validate = ajv.compile(SCHEMA);
    assert.ok(validate(JSON.parse(snapshotToJson(beforeSnap))), JSON.stringify(validate.errors));
  });

  it('never carries configuration values, only their hashes', () => {
    const text = snapshotToJson(beforeSnap);
    assert.ok(!text.includes('SECRETCIPHERTEXT'));
    assert.ok(!text.includes('shop.example.com'));
    assert.ok(
      beforeSnap.config!.entries.some((e) => e.path === 'payment/acme/api_key' && /^[0-9a-f]{16}$/.test(e.valueHash!)),
    );
  });

  it('finds an upgrade-only change clean, and says why each change is expected', () => {
    assert.equal(
      clean.verdict,
      'clean',
      JSON.stringify(
        clean.items.filter((i) => i.verdict === 'suspicious'),
        null,
        1,
      ),
    );
    const expected = (section: string, subject: string): void =>
      assert.ok(
        clean.items.some((i) => i.section === section && i.subject.includes(subject) && i.verdict === 'expected'),
        `${section} ${subject} expected: ${JSON.stringify(clean.items.filter((i) => i.section === section))}`,
      );
    expected('schema', 'sales_order.coupon_code');
    expected('schema', 'sales_order_confirm_cancel');
    expected('setup_module', 'Magento_Store');
    expected('setup_module', 'Magento_OrderCancellation');
    expected('patch_list', 'UpdateMultiselectAttributesBackendTypes');
    expected('config', 'sales/cancellation/enabled');
    expected('eav-attributes', 'entity_type_id=4');
    expected('cms-blocks', 'is_active=1');
    expected('checksum', 'cms_block');
    // updated_at is not hashed: touching it is not a change of the order.
    assert.ok(!clean.items.some((i) => i.subject === 'sales_order'));
    assert.ok(clean.sections.find((s) => s.section === 'orders')!.matches > 0);
  });

  it('tells the damaging changes apart as suspicious', () => {
    assert.equal(bad.verdict, 'suspicious');
    const suspicious = (section: string, subject: string): void =>
      assert.ok(
        bad.items.some((i) => i.section === section && i.subject.includes(subject) && i.verdict === 'suspicious'),
        `${section} ${subject} suspicious: ${JSON.stringify(bad.items.filter((i) => i.section === section))}`,
      );
    suspicious('orders', 'store_id=3 status=processing'); // order 17: store 3, processing → one fewer
    suspicious('orders', 'store_id=1 status=complete'); // order 42: store 1, complete, total +10
    suspicious('order-items', 'store_id=3');
    suspicious('config', 'web/secure/base_url (default 0)');
    suspicious('msi-source-items', 'source_code=default');
    suspicious('checksum', 'sales_order');
    suspicious('checksum', 'sales_order_item');
    suspicious('checksum', 'inventory_source_item');
    const lost = bad.items.find((i) => i.section === 'checksum' && i.subject === 'sales_order')!;
    assert.match(lost.message, /200 → 199 rows/);
    assert.match(lost.message, /entity_id 0–99/);
    // Upgrade changes keep their verdict next to the damage.
    assert.ok(bad.items.some((i) => i.subject.includes('sales_order.coupon_code') && i.verdict === 'expected'));
    // The value itself never appears, not even the new one.
    assert.ok(!JSON.stringify(bad).includes('localhost'));
  });

  it('CLI: exit 0 when clean, 1 when suspicious, 2 on bad input; text, md and json', async () => {
    const files = {
      before: join(work, 'before.json'),
      upgraded: join(work, 'upgraded.json'),
      damaged: join(work, 'damaged.json'),
    };
    writeFileSync(files.before, snapshotToJson(beforeSnap));
    writeFileSync(files.upgraded, snapshotToJson(upgraded));
    writeFileSync(files.damaged, snapshotToJson(damaged));
    const out = join(work, 'report');
    assert.equal(await main(['db', 'compare', files.before, files.upgraded, '--to', '2.4.8', '--output', out]), 0);
    assert.match(readFileSync(out, 'utf8'), /CLEAN: 0 suspicious/);
    assert.equal(
      await main(['db', 'compare', files.before, files.damaged, '--to', '2.4.8', '--format', 'md', '--output', out]),
      1,
    );
    const md = readFileSync(out, 'utf8');
    assert.match(md, /## Suspicious/);
    assert.match(md, /web\/secure\/base\\_url/);
    assert.equal(await main(['db', 'compare', files.before, files.damaged, '--format', 'json', '--output', out]), 1);
    assert.equal((JSON.parse(readFileSync(out, 'utf8')) as DbComparison).verdict, 'suspicious');
    const notJson = join(work, 'not.json');
    writeFileSync(notJson, '{"kind": "something-else"}');
    const { stderr } = await captureStdio(async () => {
      assert.equal(await main(['db', 'compare', files.before, notJson]), 2);
      assert.equal(await main(['db', 'compare', files.before, join(work, 'absent.json')]), 2);
    });
    assert.match(stderr, /not a MageUp database snapshot/);
    assert.match(stderr, /absent\.json could not be read/);
  });

  it('CLI: snapshot through --dsn with the prefix writes the versioned JSON', async () => {
    const out = join(work, 'cli-snapshot.json');
    assert.equal(await main(['db', 'snapshot', work, '--dsn', db.dsn(), '--output', out]), 0);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as DbSnapshot;
    assert.equal(doc.kind, 'mageup-db-snapshot');
    assert.equal(doc.schemaVersion, 1);
    assert.equal(doc.tool.name, 'mageup');
    assert.equal(doc.checksums.find((c) => c.table === 'sales_order')!.rows, 199);
  });
});
