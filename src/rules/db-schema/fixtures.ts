// Test fixtures for the db-schema rules: a tiny core schema timeline and a custom module declaring tables.
import { moduleFixture } from '../testing.js';
import { createDbSchemaIndex } from '../../knowledge/db-schema/index.js';
import type { CoreTable } from '../../knowledge/db-schema/index.js';
import type { DbTable, Module } from '../../project/model.js';
import { createDeclarationRulesIndex } from '../../knowledge/db-schema/declaration.js';
import type { DeclarationRules, DeclarationRulesIndex } from '../../knowledge/db-schema/declaration.js';
import type { BuilderFact, XsdElementShape } from '../../knowledge/db-schema/declaration-types.js';

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

const shape = (attributes: Record<string, string>, children: Record<string, number> = {}): XsdElementShape => ({
  attributes: Object.fromEntries(
    Object.entries(attributes).map(([name, base]) => [
      name,
      { required: name === 'name' || name === 'referenceId', type: { base } },
    ]),
  ),
  children,
});
const column = { name: 'string', comment: 'string', onCreate: 'string', disabled: 'boolean' };

/** Declaration rules of 2.4.6 (builder reads only enabled declarations) and 2.4.8 (reads every one); 2.4.9 unindexed. */
export function declarationRules(reads: { '2.4.6': BuilderFact; '2.4.8': BuilderFact }): DeclarationRulesIndex {
  const rules = (fact: BuilderFact): DeclarationRules => ({
    columnBase: shape(column),
    columnTypes: {
      int: shape({ ...column, nullable: 'boolean', identity: 'boolean', unsigned: 'boolean' }),
      varchar: {
        ...shape({ ...column, nullable: 'boolean', default: 'string' }),
        attributes: {
          ...shape({ ...column, nullable: 'boolean', default: 'string' }).attributes,
          length: { required: false, type: { base: 'integer', maxInclusive: 1024 } },
        },
      },
      boolean: shape({ ...column, nullable: 'boolean', default: 'boolean' }),
    },
    constraintTypes: {
      primary: shape({ referenceId: 'string', disabled: 'boolean' }, { column: 0 }),
      foreign: {
        ...shape({ referenceId: 'string', disabled: 'boolean', table: 'string', column: 'string' }),
        attributes: {
          ...shape({ referenceId: 'string', disabled: 'boolean', table: 'string', column: 'string' }).attributes,
          onDelete: { required: false, type: { base: 'string', enumeration: ['CASCADE', 'SET NULL', 'NO ACTION'] } },
        },
      },
    },
    complexTypes: ['abstractColumnType', 'boolean', 'foreign', 'index', 'int', 'primary', 'table', 'varchar'],
    index: shape({ referenceId: 'string', indexType: 'string', disabled: 'boolean' }, { column: 0 }),
    table: shape(
      { name: 'string', resource: 'string', engine: 'string', comment: 'string', disabled: 'boolean' },
      { column: 0, constraint: 0, index: 0 },
    ),
    factories: ['boolean', 'foreign', 'index', 'int', 'primary', 'table', 'varchar'],
    readsEveryDeclaredColumnType: fact,
  });
  return createDeclarationRulesIndex({
    schema: 1,
    source: 'test',
    releases: ['2.4.6', '2.4.8'],
    variants: [
      { in: '0', rules: rules(reads['2.4.6']) },
      { in: '1', rules: rules(reads['2.4.8']) },
    ],
  });
}
