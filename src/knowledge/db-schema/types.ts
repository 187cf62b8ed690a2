/**
 * What core `db_schema.xml` files declare, merged per release the way Magento's declarative schema merges them
 * (every module may add to a table; `disabled="true"` removes an element).
 */

export interface CoreColumn {
  /** `xsi:type`: int, varchar, decimal, timestamp… */
  type: string;
  length?: string;
  precision?: string;
  scale?: string;
  /** Declarative schema default is nullable. */
  nullable: boolean;
  unsigned?: boolean;
  identity?: boolean;
  default?: string;
}

export interface CoreIndex {
  indexType?: string;
  columns: string[];
}

export interface CoreConstraint {
  /** primary, unique, foreign */
  type: string;
  columns: string[];
  referenceTable?: string;
  referenceColumn?: string;
  onDelete?: string;
}

export interface CoreTable {
  /** Composer packages whose db_schema.xml declares (part of) the table. */
  packages: string[];
  resource?: string;
  engine?: string;
  columns: Record<string, CoreColumn>;
  indexes: Record<string, CoreIndex>;
  constraints: Record<string, CoreConstraint>;
}

/** One shape of a table and the releases that declare exactly this shape. */
export interface TableVariant {
  /** Indexes into `releases`, as ranges: `0-12,15`. */
  in: string;
  table: CoreTable;
}

/** The committed file `data/db-schema/core-schema.json.gz` (gzipped JSON with a .sha256 beside it). */
export interface DbSchemaIndexDocument {
  schema: 1;
  /** Where the data was derived from (repository and branches, never the code itself). */
  source: string;
  /** Indexed releases, oldest first. */
  releases: string[];
  /** Table name → its variants over time. A release absent from every variant does not declare the table. */
  tables: Record<string, TableVariant[]>;
}
