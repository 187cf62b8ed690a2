// Test fixtures for the db-schema rules: a tiny core schema timeline and a custom module declaring tables.
import { moduleFixture } from '../testing.js';
import { createDbSchemaIndex } from '../../knowledge/db-schema/index.js';
import type { CoreTable } from '../../knowledge/db-schema/index.js';
import type { DbTable, Module } from '../../project/model.js';

const table = (columns: CoreTable['columns'], extra: Partial<CoreTable> = {}): CoreTable => ({
  packages: ['magento/module-sales'],
  columns,
  indexes: {},
  constraints: {},
  ...extra,
});

/** Releases 2.4.6 and 2.4.8: `sales_thing.note` widened, `sales_thing.legacy` removed, `sales_new` and `sales_thing.flag` added. */
export const schemaIndex = createDbSchemaIndex({
  schema: 1,
  source: 'test',
  releases: ['2.4.6', '2.4.8'],
  tables: {
    sales_thing: [
      {
        in: '0',
        table: table({
          entity_id: { type: 'int', nullable: false, identity: true, unsigned: true },
          note: { type: 'varchar', length: '255', nullable: true },
          legacy: { type: 'smallint', nullable: true },
        }),
      },
      {
        in: '1',
        table: table(
          {
            entity_id: { type: 'int', nullable: false, identity: true, unsigned: true },
            note: { type: 'text', nullable: true },
            flag: { type: 'boolean', nullable: false, default: 'false' },
          },
          { indexes: { SALES_THING_FLAG: { indexType: 'btree', columns: ['flag'] } } },
        ),
      },
    ],
    sales_gone: [{ in: '0', table: table({ id: { type: 'int', nullable: false } }) }],
    sales_new: [{ in: '1', table: table({ id: { type: 'int', nullable: false } }) }],
  },
});

export function moduleWithTables(dbSchema: DbTable[]): Module {
  return moduleFixture('Acme_Sales', { dbSchema }, { package: 'acme/module-sales' });
}

export const FILE = 'app/code/Acme/Sales/etc/db_schema.xml';
