/** One kind of orphaned row: rows whose parent (order, customer, attribute, entity) is gone. */
export interface OrphanCheck {
  id: string;
  what: string;
  /** Tables and columns the count reads. */
  needs: Record<string, string[]>;
  /** Counts the orphans; `t(name)` quotes the prefixed table name. */
  sql(t: (name: string) => string): string;
}

const childWithoutParent = (
  id: string,
  what: string,
  child: string,
  column: string,
  parent: string,
  parentKey: string,
  where = '',
): OrphanCheck => ({
  id,
  what,
  needs: { [child]: [column], [parent]: [parentKey] },
  sql: (t) =>
    `SELECT COUNT(*) AS n FROM ${t(child)} c WHERE c.${column} IS NOT NULL${where} AND NOT EXISTS ` +
    `(SELECT 1 FROM ${t(parent)} p WHERE p.${parentKey} = c.${column})`,
});

const EAV_BACKENDS = ['int', 'varchar', 'decimal', 'text', 'datetime'];

/** EAV values of attributes that no longer exist, and of entities that no longer exist. */
function eavChecks(entity: string, entityTable: string): OrphanCheck[] {
  return EAV_BACKENDS.flatMap((type) => {
    const table = `${entityTable}_${type}`;
    return [
      childWithoutParent(
        `${table}-attribute`,
        `${table} values of deleted attributes`,
        table,
        'attribute_id',
        'eav_attribute',
        'attribute_id',
      ),
      childWithoutParent(
        `${table}-entity`,
        `${table} values of deleted ${entity}s`,
        table,
        'entity_id',
        entityTable,
        'entity_id',
      ),
    ];
  });
}

const urlRewriteOf = (entityType: string, table: string, key: string): OrphanCheck =>
  childWithoutParent(
    `url_rewrite-${entityType}`,
    `URL rewrites of deleted ${entityType} entities`,
    'url_rewrite',
    'entity_id',
    table,
    key,
    ` AND c.entity_type = '${entityType}'`,
  );

/**
 * Orphans an upgrade trips over: foreign keys Magento adds or re-creates fail on them (`setup:upgrade` stops with
 * "Cannot add or update a child row"), and data patches iterate over them.
 */
export const ORPHAN_CHECKS: OrphanCheck[] = [
  childWithoutParent(
    'sales_order_item-order',
    'order items without their order',
    'sales_order_item',
    'order_id',
    'sales_order',
    'entity_id',
  ),
  childWithoutParent(
    'sales_invoice-order',
    'invoices without their order',
    'sales_invoice',
    'order_id',
    'sales_order',
    'entity_id',
  ),
  childWithoutParent(
    'sales_creditmemo-order',
    'credit memos without their order',
    'sales_creditmemo',
    'order_id',
    'sales_order',
    'entity_id',
  ),
  childWithoutParent(
    'sales_shipment-order',
    'shipments without their order',
    'sales_shipment',
    'order_id',
    'sales_order',
    'entity_id',
  ),
  childWithoutParent(
    'customer_address_entity-customer',
    'customer addresses without their customer',
    'customer_address_entity',
    'parent_id',
    'customer_entity',
    'entity_id',
  ),
  childWithoutParent(
    'cataloginventory_stock_item-product',
    'legacy stock items of deleted products',
    'cataloginventory_stock_item',
    'product_id',
    'catalog_product_entity',
    'entity_id',
  ),
  childWithoutParent(
    'catalog_product_website-product',
    'product website assignments of deleted products',
    'catalog_product_website',
    'product_id',
    'catalog_product_entity',
    'entity_id',
  ),
  childWithoutParent(
    'inventory_source_item-product',
    'MSI source items whose SKU no longer exists',
    'inventory_source_item',
    'sku',
    'catalog_product_entity',
    'sku',
  ),
  urlRewriteOf('product', 'catalog_product_entity', 'entity_id'),
  urlRewriteOf('category', 'catalog_category_entity', 'entity_id'),
  urlRewriteOf('cms-page', 'cms_page', 'page_id'),
  ...eavChecks('product', 'catalog_product_entity'),
  ...eavChecks('category', 'catalog_category_entity'),
  ...eavChecks('customer', 'customer_entity'),
];
