/**
 * What the target release accepts in a db_schema.xml, read from its own code: the declarative schema XSD
 * (Magento/Framework/Setup/Declaration/Schema/etc/**.xsd, flattened per element type) and facts about its schema
 * builders. Built by scripts/build-db-schema-declaration.ts into data/db-schema/declaration.json.gz.
 */

/** An XSD simple type, flattened to the facets Magento's schema files use. */
export interface XsdSimpleType {
  /** Built-in base type (local name): string, integer, boolean, decimal, float. */
  base: string;
  enumeration?: string[];
  /** Alternatives (XSD patterns of one restriction step are or-ed), anchored, XSD regex syntax. */
  pattern?: string[];
  minInclusive?: number;
  maxInclusive?: number;
  maxLength?: number;
  /** A union: valid when any member is. */
  union?: XsdSimpleType[];
}

export interface XsdAttribute {
  required: boolean;
  type: XsdSimpleType;
}

/** One element type: its attributes and the child elements it may hold. */
export interface XsdElementShape {
  attributes: Record<string, XsdAttribute>;
  /** Child element name → minimum occurrences; absent names are not allowed. */
  children: Record<string, number>;
}

/** Schema-builder behaviour read from Db/SchemaBuilder.php: 'yes', 'no', or 'unknown' (code of another shape). */
export type BuilderFact = 'yes' | 'no' | 'unknown';

export interface DeclarationRules {
  /** abstractColumnType: what a column without xsi:type is validated against. */
  columnBase: XsdElementShape;
  /** Column `xsi:type` → shape (complex types derived from abstractColumnType). */
  columnTypes: Record<string, XsdElementShape>;
  /** Constraint `xsi:type` → shape (complex types using the baseConstraint attribute group). */
  constraintTypes: Record<string, XsdElementShape>;
  /** Every global complex type name of the XSD (what an xsi:type may name at all). */
  complexTypes: string[];
  index: XsdElementShape;
  table: XsdElementShape;
  /** Types Dto\ElementFactory has a factory for (app/etc/di.xml `typeFactories`); empty when not found. */
  factories: string[];
  /**
   * Db\SchemaBuilder::build() reads every merged declaration of every module before comparing with the database
   * (since 2.4.7-p5: `foreach ($tableColumns['column'] …)` and `$columnData['type'] == 'json'`, unguarded).
   */
  readsEveryDeclaredColumnType: BuilderFact;
}

export interface DeclarationRulesVariant {
  /** Indexes into `releases`, as ranges: `0-12,15`. */
  in: string;
  rules: DeclarationRules;
}

/** The committed file data/db-schema/declaration.json.gz. */
export interface DeclarationRulesDocument {
  schema: 1;
  source: string;
  releases: string[];
  variants: DeclarationRulesVariant[];
}
