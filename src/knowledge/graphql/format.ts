// On-disk format of the shipped GraphQL schema index (`data/graphql-schema.json.gz`): per release, the schema that
// Magento stitches from every core module's etc/schema.graphqls (vendor/magento/module-*), merged by type name as
// Magento's GraphQlReader merges them. Unchanged type definitions are stored once and shared between releases.

export const GRAPHQL_SCHEMA_VERSION = 1;
export const GRAPHQL_SCHEMA_FILE = 'graphql-schema.json.gz';

export type GraphqlTypeKind = 'type' | 'interface' | 'input' | 'enum' | 'union' | 'scalar';

/** One field (or input field) of a type: its type as written (`[ProductInterface]!`), arguments, directives. */
export interface GraphqlFieldDef {
  /** The field's type, printed (`String!`, `[CartItemInterface]`). */
  t: string;
  /** Argument name → type, printed. */
  a?: Record<string, string>;
  /** `@resolver(class:)`, without a leading backslash. */
  r?: string;
  /** `@deprecated(reason:)` (empty string when no reason is given). */
  d?: string;
}

export interface GraphqlTypeDef {
  k: GraphqlTypeKind;
  /** The core modules whose schema.graphqls declare the type (`Magento_CatalogGraphQl`), sorted. */
  m: string[];
  /** Interfaces it implements (sorted). */
  i?: string[];
  /** Fields (types, interfaces, inputs) by name. */
  f?: Record<string, GraphqlFieldDef>;
  /** Enum values; a deprecated one maps to its reason, the others to null. */
  v?: Record<string, string | null>;
  /** Union members (sorted). */
  u?: string[];
  /** `@typeResolver(class:)` of an interface or union. */
  r?: string;
  /** `@deprecated` on the type itself (Magento puts it on some). */
  d?: string;
}

export interface GraphqlIndexFile {
  schema: number;
  /** Newest source commit date: the same snapshots give the same bytes. */
  generatedAt: string;
  source: string;
  /** Releases covered; the ranges below index this list. */
  releases: string[];
  /** Distinct type definitions; `types` points into this list. */
  defs: GraphqlTypeDef[];
  /** Type name → [index in `defs`, release ranges][]: a type absent from a release is not in its ranges. */
  types: Record<string, [number, string][]>;
}
