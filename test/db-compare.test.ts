import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  asSnapshot,
  bundledSchemaOf,
  compareSnapshots,
  DbError,
  renderComparisonMarkdown,
  renderComparisonText,
} from '../src/db/index.js';
import type { DbSnapshot, TableChecksum } from '../src/db/index.js';
import { loadDataPatchConfig } from '../src/knowledge/data-patches.js';
import type { ComposerPackage } from '../src/project/model.js';

function snapshot(parts: Partial<DbSnapshot>): DbSnapshot {
  return {
    kind: 'mageup-db-snapshot',
    schemaVersion: 1,
    tool: { name: 'mageup', version: '0.0.0' },
    takenAt: '2026-01-01T00:00:00.000Z',
    source: { origin: '--dsn', target: 'u@h:3306/db', database: 'db', tablePrefix: '', magentoVersion: null },
    server: { version: '10.11.0-MariaDB', flavor: 'mariadb', number: '10.11.0' },
    partial: false,
    missing: [],
    aggregates: [],
    config: null,
    setupModules: null,
    patches: null,
    checksums: [],
    tables: [],
    durationMs: 1,
    ...parts,
  };
}

const checksum = (parts: Partial<TableChecksum>): TableChecksum => ({
  table: 'url_rewrite',
  policy: 'additive',
  key: 'url_rewrite_id',
  columns: ['request_path'],
  bucketSize: 100,
  rows: 0,
  minKey: 1,
  maxKey: 1,
  buckets: [],
  ...parts,
});

describe('db compare (pure)', () => {
  it('merges key ranges of different sizes (a table that crossed 100k ids) and sees growth at the end as expected', () => {
    const before = snapshot({
      checksums: [
        checksum({
          bucketSize: 100,
          rows: 3,
          maxKey: 250,
          buckets: [
            [0, 1, '10', '1'],
            [1, 1, '20', '2'],
            [2, 1, '30', '4'],
          ],
        }),
      ],
    });
    const after = snapshot({
      checksums: [checksum({ bucketSize: 1000, rows: 4, maxKey: 260, buckets: [[0, 4, '100', '15']] })],
    });
    const c = compareSnapshots(before, after);
    const item = c.items.find((i) => i.section === 'checksum')!;
    assert.equal(item.verdict, 'expected', item.message);
    assert.match(item.message, /1 row\(s\) added after the last key 250/);

    const same = snapshot({
      checksums: [checksum({ bucketSize: 1000, rows: 3, maxKey: 250, buckets: [[0, 3, '60', '7']] })],
    });
    assert.equal(compareSnapshots(before, same).sections.find((s) => s.section === 'checksum')!.matches, 1);
  });

  it('a changed row inside the old key range is suspicious even in an additive table', () => {
    const before = snapshot({
      checksums: [
        checksum({
          rows: 2,
          maxKey: 150,
          buckets: [
            [0, 1, '10', '1'],
            [1, 1, '20', '2'],
          ],
        }),
      ],
    });
    const after = snapshot({
      checksums: [
        checksum({
          rows: 2,
          maxKey: 150,
          buckets: [
            [0, 1, '11', '3'],
            [1, 1, '20', '2'],
          ],
        }),
      ],
    });
    const item = compareSnapshots(before, after).items[0]!;
    assert.equal(item.verdict, 'suspicious');
    assert.match(item.message, /url_rewrite_id 0–99: 1 → 1 rows, content changed/);
  });

  it('setup_module going back and a patch disappearing are suspicious; quotes are for review', () => {
    const before = snapshot({
      setupModules: [{ module: 'Magento_Sales', schemaVersion: '2.0.7', dataVersion: '2.0.7' }],
      patches: ['A', 'B'],
      aggregates: [
        {
          id: 'quotes',
          title: 'Quotes',
          policy: 'informational',
          tables: ['quote'],
          dimensions: ['store_id'],
          measures: ['count'],
          rows: [['1', '5']],
        },
      ],
    });
    const after = snapshot({
      setupModules: [{ module: 'Magento_Sales', schemaVersion: '2.0.6', dataVersion: '2.0.7' }],
      patches: ['A'],
      aggregates: [
        {
          id: 'quotes',
          title: 'Quotes',
          policy: 'informational',
          tables: ['quote'],
          dimensions: ['store_id'],
          measures: ['count'],
          rows: [['1', '2']],
        },
      ],
    });
    const c = compareSnapshots(before, after);
    const verdictOf = (section: string): string | undefined => c.items.find((i) => i.section === section)?.verdict;
    assert.equal(verdictOf('setup_module'), 'suspicious');
    assert.equal(verdictOf('patch_list'), 'suspicious');
    assert.equal(verdictOf('quotes'), 'review');
    assert.equal(c.verdict, 'suspicious');
  });

  it('tables Magento creates at run time are expected, judged by name and columns (real 2.4.4 → 2.4.7-p7 upgrade)', () => {
    const table = (name: string, columns: string[]): DbSnapshot['tables'][number] => ({
      name,
      engine: 'InnoDB',
      rowsEstimate: 0,
      dataBytes: 16384,
      indexBytes: 0,
      collation: 'utf8mb4_general_ci',
      columns,
    });
    const before = snapshot({ tables: [table('store', ['store_id', 'code'])] });
    const after = snapshot({
      tables: [
        table('store', ['store_id', 'code']),
        table('stores_data_exporter', ['id', 'feed_data']),
        table('store_data_exporter_cl', ['version_id', 'entity_id']),
        table('stores_data_exporter_index_batches', ['batch_number', 'website_id']),
        table('stores_data_exporter_index_sequence', ['i']),
        table('catalog_category_product_index_store1', ['category_id', 'product_id']),
        // Same suffixes, other shapes: a module's own tables, still to review.
        table('acme_cl', ['id', 'label']),
        table('acme_orders_index_batches', ['batch_number']),
      ],
    });
    const byTable = new Map(compareSnapshots(before, after).items.map((i) => [i.subject, i]));
    for (const name of [
      'store_data_exporter_cl',
      'stores_data_exporter_index_batches',
      'stores_data_exporter_index_sequence',
      'catalog_category_product_index_store1',
    ])
      assert.equal(byTable.get(name)?.verdict, 'expected', `${name}: ${byTable.get(name)?.message}`);
    assert.match(byTable.get('store_data_exporter_cl')!.message, /changelog of the indexer view store_data_exporter/);
    assert.match(byTable.get('stores_data_exporter_index_sequence')!.message, /Magento_DataExporter/);
    assert.equal(byTable.get('acme_cl')?.verdict, 'review');
    assert.equal(byTable.get('acme_orders_index_batches')?.verdict, 'review', 'no feed table acme_orders');
    assert.equal(byTable.get('stores_data_exporter')?.verdict, 'review', 'no target release given');
  });

  it('escapes what it shows', () => {
    const before = snapshot({ patches: ['A'] });
    const after = snapshot({ patches: ['A', 'Evil\u001b[31m<script>|'] });
    const c = compareSnapshots(before, after);
    assert.ok(!renderComparisonText(c).includes('\u001b[31m'));
    const md = renderComparisonMarkdown(c);
    assert.ok(!md.includes('<script>'));
    assert.match(md, /&lt;script&gt;\\\|/);
  });

  it('refuses documents that are not snapshots of this schema version', () => {
    assert.throws(
      () => asSnapshot({ kind: 'other' }, 'x.json'),
      (e: Error) => e instanceof DbError && /x\.json is not a MageUp database snapshot/.test(e.message),
    );
    assert.throws(
      () => asSnapshot({ ...snapshot({}), schemaVersion: 2 }, 'y.json'),
      /schema version 2; this MageUp reads version 1/,
    );
    assert.throws(() => asSnapshot({ ...snapshot({}), aggregates: 'no' }, 'z.json'), /"aggregates" is missing/);
  });
});

describe('db compare: config written by the data patches the upgrade applied', () => {
  // Config and patch_list of a real 2.4.4 → 2.4.7-p7 upgrade (scripts/make-db-upgrade-fixture.ts says how).
  const dir = new URL('./fixtures/db/upgrade-2.4.4-to-2.4.7-p7/', import.meta.url);
  const read = (name: string): DbSnapshot =>
    asSnapshot(JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as unknown, name);
  const before = read('before.json');
  const after = read('after.json');
  const stateRequired = (c: ReturnType<typeof compareSnapshots>) =>
    c.items.find((i) => i.section === 'config' && i.subject.startsWith('general/region/state_required'));

  it('general/region/state_required, set by Directory data patches during setup:upgrade, is expected', () => {
    const c = compareSnapshots(before, after, { targetRelease: '2.4.7-p7', dataPatchConfig: loadDataPatchConfig() });
    const item = stateRequired(c);
    assert.ok(item, JSON.stringify(c.items.filter((i) => i.section === 'config')));
    assert.equal(item.verdict, 'expected', item.message);
    assert.match(
      item.message,
      /changed by Magento's data patch Magento_Directory AddDataForCostaRica \(and 3 more\), applied by this upgrade/,
    );
    assert.equal(c.items.filter((i) => i.verdict === 'suspicious').length, 0, JSON.stringify(c.items));
  });

  it('without the patch knowledge, or when no patch that writes the path was applied, it stays suspicious', () => {
    assert.equal(stateRequired(compareSnapshots(before, after))?.verdict, 'suspicious');
    const noNewPatches = { ...after, patches: before.patches };
    assert.equal(
      stateRequired(compareSnapshots(before, noNewPatches, { dataPatchConfig: loadDataPatchConfig() }))?.verdict,
      'suspicious',
    );
  });

  it('the shipped list names every Directory patch that sets the path, from the real patch classes', () => {
    const data = loadDataPatchConfig();
    for (const patch of ['AddDataForCostaRica', 'AddDataForUkraine', 'AddRegionsForIndia', 'InitializeDirectoryData'])
      assert.ok(
        data.patches[`Magento\\Directory\\Setup\\Patch\\Data\\${patch}`]?.paths.includes(
          'general/region/state_required',
        ),
        patch,
      );
  });
});

describe('db compare: tables and columns of the packages Magento bundles', () => {
  const table = (name: string, columns: string[]): DbSnapshot['tables'][number] => ({
    name,
    engine: 'InnoDB',
    rowsEstimate: 0,
    dataBytes: 16384,
    indexBytes: 0,
    collation: 'utf8mb4_general_ci',
    columns,
  });
  const before = snapshot({ tables: [table('sales_order', ['entity_id']), table('sales_order_grid', ['entity_id'])] });
  const after = snapshot({
    tables: [
      table('sales_order', ['entity_id', 'dispute_status']),
      table('sales_order_grid', ['entity_id', 'dispute_status']),
      table('braintree_transaction_details', ['entity_id', 'order_id']),
      table('acme_table', ['id']),
    ],
  });
  const braintree: ComposerPackage = {
    name: 'paypal/module-braintree-core',
    version: '4.6.1',
    type: 'magento2-module',
    source: 'third-party',
    license: [],
    require: {},
    ownership: 'bundled',
    path: 'vendor/paypal/module-braintree-core',
  };
  const root = fileURLToPath(new URL('./fixtures/db/bundled-vendor', import.meta.url));

  it("Braintree's dispute_status and its own tables are expected when its vendor/ code is read", () => {
    const bundledSchema = bundledSchemaOf({ root, packages: [braintree] });
    assert.deepEqual(bundledSchema.read, ['paypal/module-braintree-core 4.6.1']);
    const items = new Map(compareSnapshots(before, after, { bundledSchema }).items.map((i) => [i.subject, i]));
    for (const subject of ['sales_order.dispute_status', 'sales_order_grid.dispute_status']) {
      assert.equal(items.get(subject)?.verdict, 'expected', `${subject}: ${items.get(subject)?.message}`);
      assert.match(
        items.get(subject)!.message,
        /declared by paypal\/module-braintree-core's db_schema\.xml, a package Magento bundles/,
      );
    }
    // Braintree 4.6.1 creates its own tables with Setup/InstallSchema.php, not db_schema.xml.
    const details = items.get('braintree_transaction_details');
    assert.equal(details?.verdict, 'expected', details?.message);
    assert.match(
      details!.message,
      /created by paypal\/module-braintree-core's Setup\/InstallSchema\.php, a package Magento bundles/,
    );
    assert.equal(items.get('acme_table')?.verdict, 'review', "a module's own table stays to review");
  });

  it('without it (or for a package that is not bundled) they stay to review', () => {
    const items = new Map(compareSnapshots(before, after).items.map((i) => [i.subject, i]));
    assert.equal(items.get('sales_order.dispute_status')?.verdict, 'review');
    const notBundled = bundledSchemaOf({ root, packages: [{ ...braintree, ownership: 'third-party' }] });
    assert.equal(notBundled.tables.size, 0);
  });
});
