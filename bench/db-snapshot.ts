/**
 * Bench: `mageup db snapshot` of a store with 1 million orders, budget < 60 s and < 300 MB peak RSS.
 * Generates the database first (its own `mageup_bench_db_snapshot`, on the local test server 127.0.0.1:3306 as root)
 * with bulk INSERT … SELECT from a number sequence — MariaDB's seq_1_to_N, or a recursive CTE on MySQL — never row
 * by row: 1M orders over two years in 3 store views, 1M order items, invoices, shipments, credit memos, 50k
 * customers with addresses, 5k products with legacy and MSI stock, URL rewrites. Then snapshots it through the same
 * read-only session the CLI uses and prints the time, peak memory and snapshot size.
 * Usage: node --import tsx bench/db-snapshot.ts [--orders N] [--keep] [--reuse]
 *   --keep: leave the database for another run; --reuse: snapshot an existing bench database without regenerating.
 */
import { readFileSync } from 'node:fs';
import mysql from 'mysql2/promise';
import { parseDsn, ReadOnlySession, snapshotToJson, takeSnapshot } from '../src/db/index.js';

const BUDGET_MS = 60_000;
const BUDGET_MB = 300;
const DATABASE = 'mageup_bench_db_snapshot';
const SERVER = { host: '127.0.0.1', port: 3306, user: 'root', password: '' };

const args = process.argv.slice(2);
const orders =
  Number(args[args.indexOf('--orders') + 1] ?? 0) > 0 && args.includes('--orders')
    ? Number(args[args.indexOf('--orders') + 1])
    : 1_000_000;
const keep = args.includes('--keep');
const reuse = args.includes('--reuse');

async function generate(admin: mysql.Connection, mariadb: boolean): Promise<void> {
  const seq = (n: number): string =>
    mariadb
      ? `(SELECT seq AS n FROM seq_1_to_${n})`
      : `(WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < ${n}) SELECT n FROM s)`;
  if (!mariadb) await admin.query('SET SESSION cte_max_recursion_depth = 100000000');
  const schema = readFileSync(new URL('../test/fixtures/db/magento-schema.sql', import.meta.url), 'utf8').replace(
    /\{\{p\}\}/g,
    '',
  );
  await admin.query(schema);
  const step = async (label: string, sql: string): Promise<void> => {
    const t = performance.now();
    await admin.query(sql);
    console.log(`  ${label}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };
  console.log(`generating ${orders.toLocaleString('en')} orders in ${DATABASE} …`);
  await admin.query(
    `SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_AUTO_VALUE_ON_ZERO'), unique_checks = 0, foreign_key_checks = 0`,
  );
  await step(
    'stores, config, modules',
    `INSERT INTO store_website VALUES (0,'admin','Admin',0,0,0),(1,'base','Main Website',0,1,1),(2,'outlet','Outlet',1,2,0);
     INSERT INTO store_group VALUES (0,0,'Default',0,0,'default'),(1,1,'Main Store',2,1,'main_store'),(2,2,'Outlet Store',2,3,'outlet_store');
     INSERT INTO store VALUES (0,'admin',0,0,'Admin',0,1),(1,'default',1,1,'English',0,1),(2,'fr',1,1,'French',1,1),(3,'outlet',2,2,'Outlet',0,1);
     INSERT INTO eav_entity_type VALUES (1,'customer'),(2,'customer_address'),(3,'catalog_category'),(4,'catalog_product');
     INSERT INTO eav_attribute VALUES (73,4,'name','varchar'),(97,4,'status','int');
     INSERT INTO setup_module SELECT CONCAT('Magento_Module', n), '2.0.0', '2.0.0' FROM ${seq(400)} m;
     INSERT INTO patch_list (patch_name) SELECT CONCAT('Magento\\\\Module\\\\Setup\\\\Patch\\\\Data\\\\Patch', n) FROM ${seq(1500)} m;
     INSERT INTO core_config_data (scope, scope_id, path, value) SELECT ELT(1 + n % 3, 'default', 'websites', 'stores'), n % 3, CONCAT('section/group/field', n), MD5(n) FROM ${seq(3000)} m;`,
  );
  await step(
    'customers and addresses (50k)',
    `INSERT INTO customer_entity (entity_id, website_id, email, group_id, store_id, firstname, lastname) SELECT n, 1 + n % 2, CONCAT('c', n, '@example.com'), 1 + n % 3, 1 + n % 3, 'Ann', 'Doe' FROM ${seq(50000)} m;
     INSERT INTO customer_address_entity (parent_id, city, country_id, postcode, street, telephone, firstname, lastname) SELECT entity_id, 'Lyon', ELT(1 + entity_id % 4, 'FR', 'US', 'DE', 'GB'), '69001', '1 rue X', '555', 'Ann', 'Doe' FROM customer_entity;`,
  );
  await step(
    'catalog and stock (5k products)',
    `INSERT INTO catalog_product_entity (entity_id, attribute_set_id, type_id, sku) SELECT n, 4 + n % 3, IF(n % 10 = 0, 'configurable', 'simple'), CONCAT('SKU-', n) FROM ${seq(5000)} m;
     INSERT INTO catalog_product_entity_int (attribute_id, store_id, entity_id, value) SELECT 97, 0, entity_id, 1 + (entity_id % 7 = 0) FROM catalog_product_entity;
     INSERT INTO catalog_product_website SELECT entity_id, 1 FROM catalog_product_entity;
     INSERT INTO cataloginventory_stock_item (product_id, stock_id, qty, is_in_stock, website_id) SELECT entity_id, 1, entity_id % 100, entity_id % 9 > 0, 0 FROM catalog_product_entity;
     INSERT INTO inventory_source VALUES ('default','Default Source',1);
     INSERT INTO inventory_stock VALUES (1,'Default Stock');
     INSERT INTO inventory_source_stock_link (stock_id, source_code, priority) VALUES (1,'default',1);
     INSERT INTO inventory_source_item (source_code, sku, quantity, status) SELECT 'default', sku, entity_id % 100, 1 FROM catalog_product_entity;
     INSERT INTO url_rewrite (entity_type, entity_id, request_path, target_path, store_id) SELECT 'product', entity_id, CONCAT('p', entity_id, '.html'), CONCAT('catalog/product/view/id/', entity_id), 1 FROM catalog_product_entity;`,
  );
  await step(
    `orders (${orders.toLocaleString('en')})`,
    `INSERT INTO sales_order (entity_id, state, status, store_id, customer_id, base_grand_total, base_subtotal, base_total_paid, base_total_refunded, grand_total, subtotal, total_paid, total_refunded, total_qty_ordered, increment_id, order_currency_code, base_currency_code, customer_email, created_at)
     SELECT n, ELT(1 + n % 4, 'new', 'processing', 'complete', 'canceled'), ELT(1 + n % 4, 'pending', 'processing', 'complete', 'canceled'), 1 + n % 3, 1 + n % 50000,
       10 + (n % 1000) * 1.25, 8 + n % 1000, IF(n % 4 = 2, 10 + (n % 1000) * 1.25, 0), 0, 10 + (n % 1000) * 1.25, 8 + n % 1000, IF(n % 4 = 2, 10 + (n % 1000) * 1.25, 0), 0, 1 + n % 3,
       LPAD(n, 9, '0'), 'USD', 'USD', CONCAT('c', 1 + n % 50000, '@example.com'), TIMESTAMP('2023-01-01') + INTERVAL (n % 730) DAY + INTERVAL (n % 86400) SECOND FROM ${seq(orders)} m`,
  );
  await step(
    'order items',
    `INSERT INTO sales_order_item (order_id, store_id, created_at, product_id, product_type, sku, name, qty_ordered, price, base_price, row_total, base_row_total)
     SELECT entity_id, store_id, created_at, 1 + entity_id % 5000, 'simple', CONCAT('SKU-', 1 + entity_id % 5000), 'Item', total_qty_ordered, 8, 8, subtotal, base_subtotal FROM sales_order`,
  );
  await step(
    'invoices, shipments, credit memos, quotes, reservations',
    `INSERT INTO sales_invoice (store_id, base_grand_total, grand_total, order_id, state, increment_id, created_at) SELECT store_id, base_grand_total, grand_total, entity_id, 2, increment_id, created_at FROM sales_order WHERE state = 'complete';
     INSERT INTO sales_shipment (store_id, total_qty, order_id, increment_id, created_at) SELECT store_id, total_qty_ordered, entity_id, increment_id, created_at FROM sales_order WHERE state = 'complete';
     INSERT INTO sales_creditmemo (store_id, base_grand_total, grand_total, order_id, state, increment_id, created_at) SELECT store_id, 5, 5, entity_id, 2, increment_id, created_at FROM sales_order WHERE state = 'complete' AND entity_id % 20 = 2;
     INSERT INTO quote (store_id, is_active, items_count, items_qty, grand_total, base_grand_total, customer_id) SELECT store_id, entity_id % 2, 1, 2, grand_total, base_grand_total, customer_id FROM sales_order WHERE entity_id % 10 = 0;
     INSERT INTO inventory_reservation (stock_id, sku, quantity) SELECT 1, CONCAT('SKU-', 1 + entity_id % 5000), -1 FROM sales_order WHERE state = 'new' AND entity_id % 10 = 1;
     ANALYZE TABLE sales_order, sales_order_item;`,
  );
}

async function main(): Promise<void> {
  const admin = await mysql.createConnection({ ...SERVER, multipleStatements: true });
  const [[{ v }]] = (await admin.query('SELECT VERSION() AS v')) as unknown as [[{ v: string }]];
  const mariadb = /mariadb/i.test(v);
  try {
    if (!reuse) {
      await admin.query(`DROP DATABASE IF EXISTS \`${DATABASE}\``);
      await admin.query(`CREATE DATABASE \`${DATABASE}\` CHARACTER SET utf8mb4`);
      await admin.query(`USE \`${DATABASE}\``);
      const t = performance.now();
      await generate(admin, mariadb);
      console.log(`generated in ${((performance.now() - t) / 1000).toFixed(1)} s (not part of the budget)`);
    }

    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const started = performance.now();
    const session = await ReadOnlySession.open(parseDsn(`mysql://root@127.0.0.1:3306/${DATABASE}`), {
      timeoutSeconds: 120,
    });
    let json: string;
    let summary: string;
    try {
      const snapshot = await takeSnapshot(session);
      json = snapshotToJson(snapshot);
      const orderGroups = snapshot.aggregates.find((a) => a.id === 'orders')?.rows.length ?? 0;
      const orderRows = snapshot.checksums.find((c) => c.table === 'sales_order')?.rows ?? 0;
      summary = `${orderRows.toLocaleString('en')} orders in ${orderGroups.toLocaleString('en')} store/status/day groups, ${snapshot.aggregates.length} aggregates, ${snapshot.checksums.length} table checksums, ${snapshot.tables.length} tables`;
    } finally {
      await session.close();
    }
    const ms = performance.now() - started;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
    const mb = peak / 1024 / 1024;
    console.log(`snapshot: ${summary}`);
    console.log(`snapshot JSON: ${(Buffer.byteLength(json) / 1024).toFixed(0)} KB`);
    console.log(
      `time: ${(ms / 1000).toFixed(1)} s (budget ${BUDGET_MS / 1000} s) — ${ms < BUDGET_MS ? 'OK' : 'OVER BUDGET'}`,
    );
    console.log(
      `peak RSS: ${mb.toFixed(0)} MB (budget ${BUDGET_MB} MB; ${(rssBefore / 1024 / 1024).toFixed(0)} MB before the snapshot) — ${mb < BUDGET_MB ? 'OK' : 'OVER BUDGET'}`,
    );
    console.log(`server: ${v}`);
    if (ms >= BUDGET_MS || mb >= BUDGET_MB) process.exitCode = 1;
  } finally {
    if (!keep) await admin.query(`DROP DATABASE IF EXISTS \`${DATABASE}\``);
    await admin.end();
  }
}

await main();
