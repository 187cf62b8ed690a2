import type { ChangePolicy } from './snapshot-types.js';

/** Quotes a (prefixed) table name for SQL. */
export type TableRef = (name: string) => string;

export interface AggregateSpec {
  id: string;
  title: string;
  policy: ChangePolicy;
  /** Table → columns the query reads (checked against information_schema before running). */
  needs: Record<string, string[]>;
  dimensions: string[];
  measures: string[];
  /** The GROUP BY query; its columns are the dimensions then the measures, in order. */
  sql(t: TableRef): string;
}

const day = (column: string): string => `DATE_FORMAT(${column}, '%Y-%m-%d')`;

/**
 * The business figures of a Magento store, each one GROUP BY query so the server does the work and memory stays
 * bounded by the number of groups (stores × statuses × days), not by the number of rows.
 */
export const AGGREGATE_SPECS: AggregateSpec[] = [
  {
    id: 'stores',
    title: 'Store views per website and group',
    policy: 'strict',
    needs: { store: ['store_id', 'code', 'website_id', 'group_id', 'is_active'] },
    dimensions: ['store_id', 'code', 'website_id', 'group_id', 'is_active'],
    measures: [],
    sql: (t) => `SELECT store_id, code, website_id, group_id, is_active FROM ${t('store')} ORDER BY store_id`,
  },
  {
    id: 'websites',
    title: 'Websites',
    policy: 'strict',
    needs: { store_website: ['website_id', 'code', 'default_group_id'] },
    dimensions: ['website_id', 'code', 'default_group_id'],
    measures: [],
    sql: (t) => `SELECT website_id, code, default_group_id FROM ${t('store_website')} ORDER BY website_id`,
  },
  {
    id: 'orders',
    title: 'Orders per store, status and day',
    policy: 'strict',
    needs: { sales_order: ['store_id', 'status', 'created_at', 'grand_total', 'base_grand_total'] },
    dimensions: ['store_id', 'status', 'day'],
    measures: ['count', 'grand_total', 'base_grand_total'],
    sql: (t) =>
      `SELECT store_id, status, ${day('created_at')} AS day, COUNT(*) AS count, SUM(grand_total) AS grand_total, ` +
      `SUM(base_grand_total) AS base_grand_total FROM ${t('sales_order')} GROUP BY store_id, status, day ORDER BY store_id, status, day`,
  },
  {
    id: 'order-payments',
    title: 'Order totals paid and refunded per store and state',
    policy: 'strict',
    needs: {
      sales_order: ['store_id', 'state', 'total_paid', 'base_total_paid', 'total_refunded', 'base_total_refunded'],
    },
    dimensions: ['store_id', 'state'],
    measures: ['count', 'total_paid', 'base_total_paid', 'total_refunded', 'base_total_refunded'],
    sql: (t) =>
      `SELECT store_id, state, COUNT(*) AS count, SUM(total_paid), SUM(base_total_paid), SUM(total_refunded), ` +
      `SUM(base_total_refunded) FROM ${t('sales_order')} GROUP BY store_id, state ORDER BY store_id, state`,
  },
  {
    id: 'order-items',
    title: 'Order items per store and product type',
    policy: 'strict',
    needs: { sales_order_item: ['store_id', 'product_type', 'qty_ordered', 'row_total', 'base_row_total'] },
    dimensions: ['store_id', 'product_type'],
    measures: ['count', 'qty_ordered', 'row_total', 'base_row_total'],
    sql: (t) =>
      `SELECT store_id, product_type, COUNT(*), SUM(qty_ordered), SUM(row_total), SUM(base_row_total) ` +
      `FROM ${t('sales_order_item')} GROUP BY store_id, product_type ORDER BY store_id, product_type`,
  },
  {
    id: 'invoices',
    title: 'Invoices per store, state and day',
    policy: 'strict',
    needs: { sales_invoice: ['store_id', 'state', 'created_at', 'grand_total', 'base_grand_total'] },
    dimensions: ['store_id', 'state', 'day'],
    measures: ['count', 'grand_total', 'base_grand_total'],
    sql: (t) =>
      `SELECT store_id, state, ${day('created_at')} AS day, COUNT(*), SUM(grand_total), SUM(base_grand_total) ` +
      `FROM ${t('sales_invoice')} GROUP BY store_id, state, day ORDER BY store_id, state, day`,
  },
  {
    id: 'credit-memos',
    title: 'Credit memos per store, state and day',
    policy: 'strict',
    needs: { sales_creditmemo: ['store_id', 'state', 'created_at', 'grand_total', 'base_grand_total'] },
    dimensions: ['store_id', 'state', 'day'],
    measures: ['count', 'grand_total', 'base_grand_total'],
    sql: (t) =>
      `SELECT store_id, state, ${day('created_at')} AS day, COUNT(*), SUM(grand_total), SUM(base_grand_total) ` +
      `FROM ${t('sales_creditmemo')} GROUP BY store_id, state, day ORDER BY store_id, state, day`,
  },
  {
    id: 'shipments',
    title: 'Shipments per store, status and day',
    policy: 'strict',
    needs: { sales_shipment: ['store_id', 'shipment_status', 'created_at', 'total_qty'] },
    dimensions: ['store_id', 'shipment_status', 'day'],
    measures: ['count', 'total_qty'],
    sql: (t) =>
      `SELECT store_id, shipment_status, ${day('created_at')} AS day, COUNT(*), SUM(total_qty) ` +
      `FROM ${t('sales_shipment')} GROUP BY store_id, shipment_status, day ORDER BY store_id, shipment_status, day`,
  },
  {
    id: 'quotes',
    title: 'Quotes (carts) per store and active flag',
    policy: 'informational',
    needs: { quote: ['store_id', 'is_active', 'items_qty', 'base_grand_total'] },
    dimensions: ['store_id', 'is_active'],
    measures: ['count', 'items_qty', 'base_grand_total'],
    sql: (t) =>
      `SELECT store_id, is_active, COUNT(*), SUM(items_qty), SUM(base_grand_total) FROM ${t('quote')} ` +
      `GROUP BY store_id, is_active ORDER BY store_id, is_active`,
  },
  {
    id: 'customers',
    title: 'Customers per website and group',
    policy: 'strict',
    needs: { customer_entity: ['website_id', 'group_id', 'is_active'] },
    dimensions: ['website_id', 'group_id', 'is_active'],
    measures: ['count'],
    sql: (t) =>
      `SELECT website_id, group_id, is_active, COUNT(*) FROM ${t('customer_entity')} ` +
      `GROUP BY website_id, group_id, is_active ORDER BY website_id, group_id, is_active`,
  },
  {
    id: 'customer-addresses',
    title: 'Customer addresses per country',
    policy: 'strict',
    needs: { customer_address_entity: ['country_id'] },
    dimensions: ['country_id'],
    measures: ['count'],
    sql: (t) =>
      `SELECT country_id, COUNT(*) FROM ${t('customer_address_entity')} GROUP BY country_id ORDER BY country_id`,
  },
  {
    id: 'products',
    title: 'Products per type and attribute set',
    policy: 'strict',
    needs: { catalog_product_entity: ['type_id', 'attribute_set_id'] },
    dimensions: ['type_id', 'attribute_set_id'],
    measures: ['count'],
    sql: (t) =>
      `SELECT type_id, attribute_set_id, COUNT(*) FROM ${t('catalog_product_entity')} ` +
      `GROUP BY type_id, attribute_set_id ORDER BY type_id, attribute_set_id`,
  },
  {
    id: 'product-status',
    title: 'Products per status (default scope)',
    policy: 'strict',
    needs: {
      catalog_product_entity_int: ['attribute_id', 'store_id', 'value'],
      eav_attribute: ['attribute_id', 'attribute_code', 'entity_type_id'],
      eav_entity_type: ['entity_type_id', 'entity_type_code'],
    },
    dimensions: ['status'],
    measures: ['count'],
    sql: (t) =>
      `SELECT v.value AS status, COUNT(*) FROM ${t('catalog_product_entity_int')} v ` +
      `JOIN ${t('eav_attribute')} a ON a.attribute_id = v.attribute_id AND a.attribute_code = 'status' ` +
      `JOIN ${t('eav_entity_type')} e ON e.entity_type_id = a.entity_type_id AND e.entity_type_code = 'catalog_product' ` +
      `WHERE v.store_id = 0 GROUP BY v.value ORDER BY v.value`,
  },
  {
    id: 'product-websites',
    title: 'Products per website',
    policy: 'strict',
    needs: { catalog_product_website: ['product_id', 'website_id'] },
    dimensions: ['website_id'],
    measures: ['count'],
    sql: (t) =>
      `SELECT website_id, COUNT(*) FROM ${t('catalog_product_website')} GROUP BY website_id ORDER BY website_id`,
  },
  {
    id: 'categories',
    title: 'Categories per tree level',
    policy: 'strict',
    needs: { catalog_category_entity: ['level'] },
    dimensions: ['level'],
    measures: ['count'],
    sql: (t) => `SELECT level, COUNT(*) FROM ${t('catalog_category_entity')} GROUP BY level ORDER BY level`,
  },
  {
    id: 'eav-attributes',
    title: 'EAV attributes per entity type',
    policy: 'additive',
    needs: { eav_attribute: ['entity_type_id'] },
    dimensions: ['entity_type_id'],
    measures: ['count'],
    sql: (t) =>
      `SELECT entity_type_id, COUNT(*) FROM ${t('eav_attribute')} GROUP BY entity_type_id ORDER BY entity_type_id`,
  },
  {
    id: 'legacy-stock',
    title: 'Legacy stock (cataloginventory_stock_item) per stock, website and stock status',
    policy: 'strict',
    needs: { cataloginventory_stock_item: ['stock_id', 'website_id', 'is_in_stock', 'qty'] },
    dimensions: ['stock_id', 'website_id', 'is_in_stock'],
    measures: ['count', 'qty'],
    sql: (t) =>
      `SELECT stock_id, website_id, is_in_stock, COUNT(*), SUM(qty) FROM ${t('cataloginventory_stock_item')} ` +
      `GROUP BY stock_id, website_id, is_in_stock ORDER BY stock_id, website_id, is_in_stock`,
  },
  {
    id: 'msi-source-items',
    title: 'MSI quantity per source and status',
    policy: 'strict',
    needs: { inventory_source_item: ['source_code', 'status', 'quantity'] },
    dimensions: ['source_code', 'status'],
    measures: ['count', 'quantity'],
    sql: (t) =>
      `SELECT source_code, status, COUNT(*), SUM(quantity) FROM ${t('inventory_source_item')} ` +
      `GROUP BY source_code, status ORDER BY source_code, status`,
  },
  {
    id: 'msi-stocks',
    title: 'MSI quantity per stock (sources linked to each stock)',
    policy: 'strict',
    needs: {
      inventory_source_item: ['source_code', 'quantity'],
      inventory_source_stock_link: ['stock_id', 'source_code'],
    },
    dimensions: ['stock_id'],
    measures: ['count', 'quantity'],
    sql: (t) =>
      `SELECT l.stock_id, COUNT(*), SUM(i.quantity) FROM ${t('inventory_source_item')} i ` +
      `JOIN ${t('inventory_source_stock_link')} l ON l.source_code = i.source_code GROUP BY l.stock_id ORDER BY l.stock_id`,
  },
  {
    id: 'msi-reservations',
    title: 'MSI salable-quantity reservations per stock',
    policy: 'strict',
    needs: { inventory_reservation: ['stock_id', 'quantity'] },
    dimensions: ['stock_id'],
    measures: ['count', 'quantity'],
    sql: (t) =>
      `SELECT stock_id, COUNT(*), SUM(quantity) FROM ${t('inventory_reservation')} GROUP BY stock_id ORDER BY stock_id`,
  },
  {
    id: 'url-rewrites',
    title: 'URL rewrites per store and entity type',
    policy: 'additive',
    needs: { url_rewrite: ['store_id', 'entity_type'] },
    dimensions: ['store_id', 'entity_type'],
    measures: ['count'],
    sql: (t) =>
      `SELECT store_id, entity_type, COUNT(*) FROM ${t('url_rewrite')} GROUP BY store_id, entity_type ORDER BY store_id, entity_type`,
  },
  {
    id: 'cms-pages',
    title: 'CMS pages per active flag',
    policy: 'additive',
    needs: { cms_page: ['is_active'] },
    dimensions: ['is_active'],
    measures: ['count'],
    sql: (t) => `SELECT is_active, COUNT(*) FROM ${t('cms_page')} GROUP BY is_active ORDER BY is_active`,
  },
  {
    id: 'cms-blocks',
    title: 'CMS blocks per active flag',
    policy: 'additive',
    needs: { cms_block: ['is_active'] },
    dimensions: ['is_active'],
    measures: ['count'],
    sql: (t) => `SELECT is_active, COUNT(*) FROM ${t('cms_block')} GROUP BY is_active ORDER BY is_active`,
  },
];

export interface ChecksumSpec {
  table: string;
  key: string;
  columns: string[];
  policy: 'strict' | 'additive';
}

/**
 * Tables whose rows must survive an upgrade unchanged, with the columns that carry their meaning. Only these columns
 * are hashed: an upgrade that adds a column (or touches `updated_at`) leaves the checksum alone.
 */
export const CHECKSUM_SPECS: ChecksumSpec[] = [
  {
    table: 'sales_order',
    key: 'entity_id',
    columns: [
      'increment_id',
      'state',
      'status',
      'store_id',
      'customer_id',
      'grand_total',
      'base_grand_total',
      'subtotal',
      'total_paid',
      'total_refunded',
      'order_currency_code',
      'created_at',
    ],
    policy: 'strict',
  },
  {
    table: 'sales_order_item',
    key: 'item_id',
    columns: ['order_id', 'product_id', 'sku', 'qty_ordered', 'row_total', 'base_row_total'],
    policy: 'strict',
  },
  {
    table: 'sales_invoice',
    key: 'entity_id',
    columns: ['order_id', 'state', 'increment_id', 'grand_total', 'base_grand_total'],
    policy: 'strict',
  },
  {
    table: 'sales_creditmemo',
    key: 'entity_id',
    columns: ['order_id', 'state', 'increment_id', 'grand_total', 'base_grand_total'],
    policy: 'strict',
  },
  { table: 'sales_shipment', key: 'entity_id', columns: ['order_id', 'increment_id', 'total_qty'], policy: 'strict' },
  {
    table: 'customer_entity',
    key: 'entity_id',
    columns: ['email', 'website_id', 'group_id', 'store_id', 'is_active'],
    policy: 'strict',
  },
  {
    table: 'customer_address_entity',
    key: 'entity_id',
    columns: ['parent_id', 'country_id', 'postcode', 'city', 'street'],
    policy: 'strict',
  },
  {
    table: 'catalog_product_entity',
    key: 'entity_id',
    columns: ['sku', 'type_id', 'attribute_set_id'],
    policy: 'strict',
  },
  {
    table: 'cataloginventory_stock_item',
    key: 'item_id',
    columns: ['product_id', 'stock_id', 'website_id', 'qty', 'is_in_stock'],
    policy: 'strict',
  },
  {
    table: 'inventory_source_item',
    key: 'source_item_id',
    columns: ['source_code', 'sku', 'quantity', 'status'],
    policy: 'strict',
  },
  { table: 'inventory_reservation', key: 'reservation_id', columns: ['stock_id', 'sku', 'quantity'], policy: 'strict' },
  {
    table: 'url_rewrite',
    key: 'url_rewrite_id',
    columns: ['entity_type', 'entity_id', 'request_path', 'target_path', 'redirect_type', 'store_id'],
    policy: 'additive',
  },
  { table: 'cms_page', key: 'page_id', columns: ['identifier', 'title', 'is_active', 'content'], policy: 'additive' },
  { table: 'cms_block', key: 'block_id', columns: ['identifier', 'title', 'is_active', 'content'], policy: 'additive' },
];
