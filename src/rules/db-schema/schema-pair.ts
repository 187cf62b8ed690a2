import type { CoreSchema, DbSchemaIndex } from '../../knowledge/db-schema/index.js';
import type { DeclarationRulesIndex } from '../../knowledge/db-schema/declaration.js';
import type { DbTable, Module } from '../../project/model.js';
import type { VendorSchemaFile } from '../../check/files/vendor-schemas.js';
import type { MessagePart, RuleContext, ShippedDbSchema } from '../rule.js';

/** Where a db-schema rule takes the core schema index from: the shipped one by default, a fixture in tests. */
export type SchemaSource = (context: RuleContext) => DbSchemaIndex;
/** Where a db-schema rule takes the declaration rules from: the shipped ones by default, a fixture in tests. */
export type RulesSource = (context: RuleContext) => DeclarationRulesIndex;

/** The shipped core schema index check/ read into the context; throws the reason it could not be read. */
export const shippedCoreSchema: SchemaSource = (context) => shipped(context, 'core');

/** The shipped declaration rules check/ read into the context; throws the reason they could not be read. */
export const shippedDeclarationRules: RulesSource = (context) => shipped(context, 'declaration');

function shipped<K extends keyof ShippedDbSchema>(
  context: RuleContext,
  key: K,
): Extract<ShippedDbSchema[K], { data: unknown }>['data'] {
  const entry = context.shippedDbSchema?.[key];
  if (!entry) throw new Error('the shipped db-schema data was not read for this check');
  if ('error' in entry) throw new Error(entry.error);
  return entry.data;
}

/**
 * The `{{note}}` of a db-schema message when the nearest indexed release stands in for a release compared (one part,
 * naming one or both), declared by every rule whose messages carry it.
 */
export const NEAREST_SCHEMA_MESSAGES = {
  nearestSchema: ' (core schema of {{release}} used for {{requested}}: nearest indexed release)',
  nearestSchemas:
    ' (core schema of {{release}} used for {{requested}}: nearest indexed release; core schema of {{release2}} used ' +
    'for {{requested2}}: nearest indexed release)',
};

/** The `{{note}}` for the core schemas compared: empty when each is the release's own. */
export function nearestSchemaNote(schemas: readonly CoreSchema[]): MessagePart[] {
  const [first, second] = schemas.filter((s) => !s.exact);
  if (!first) return [];
  if (!second) return [{ messageId: 'nearestSchema', data: { release: first.release, requested: first.requested } }];
  return [
    {
      messageId: 'nearestSchemas',
      data: {
        release: first.release,
        requested: first.requested,
        release2: second.release,
        requested2: second.requested,
      },
    },
  ];
}

/** The messages schemaPair() reports with, declared by every rule that calls it (spread into its meta). */
export const SCHEMA_PAIR_MESSAGES = {
  ...NEAREST_SCHEMA_MESSAGES,
  noCurrentVersion:
    '{{rule}}: the current Magento version is unknown, so core tables cannot be compared between releases',
  noSchemaData: '{{rule}}: core schema data unavailable: {{error}}',
};

/** Both are notes (the rule could not run), whatever the rule's own severity. */
/**
 * The recommendations of schemaPair, coreSchemaIndex and declarationRules when they cannot run (spread into the meta
 * of the rules that call them).
 */
export const SCHEMA_DATA_RECOMMENDATIONS = {
  passCurrentVersion: 'Run the check on a project with a composer.lock, or pass --from <version> for an extension.',
  reinstallSchemaData: 'Reinstall mageup, or regenerate data/db-schema with scripts/build-db-schema-index.ts.',
  reinstallDeclarationData:
    'Reinstall mageup, or regenerate data/db-schema with scripts/build-db-schema-declaration.ts.',
};

export const SCHEMA_PAIR_SEVERITIES = { noCurrentVersion: 'info', noSchemaData: 'info' } as const;

/** The core schemas of the current and target releases, and a note when a nearest release stands in for one. */
export interface SchemaPair {
  current: CoreSchema;
  target: CoreSchema;
  /** The `{{note}}` naming a nearest release that stands in for one (nearestSchemaNote). */
  note: MessagePart[];
}

/**
 * Resolves both schemas, or reports (once, as info) why the db-schema rules cannot run, and returns undefined.
 * Loading problems of the shipped data become an info finding, never a crash.
 */
export function schemaPair(context: RuleContext, load: SchemaSource, ruleLabel: string): SchemaPair | undefined {
  if (!customTables(context).length) return undefined;
  const currentVersion = context.current.release?.version ?? context.project.magento.version;
  if (!currentVersion) {
    context.report({
      messageId: 'noCurrentVersion',
      data: { rule: ruleLabel },
      recommendationId: 'passCurrentVersion',
      subject: 'no-current-version',
    });
    return undefined;
  }
  const index = coreSchemaIndex(context, load, ruleLabel);
  if (!index) return undefined;
  const current = index.at(currentVersion);
  const target = index.at(context.target.release.version);
  return { current, target, note: nearestSchemaNote([current, target]) };
}

/**
 * With --baseline-vendor and --target-vendor: the third-party db_schema.xml files of the two trees and the trees' own
 * core schema at the current and target releases; undefined without the trees or a known current version.
 */
export function vendorTreeSchemas(
  context: RuleContext,
): { vendorFiles: VendorSchemaFile[]; current: CoreSchema; target: CoreSchema } | undefined {
  const schema = context.dbSchema;
  const currentVersion = context.current.release?.version ?? context.project.magento.version;
  if (!schema || !currentVersion) return undefined;
  return {
    vendorFiles: schema.vendorFiles,
    current: schema.core.at(currentVersion),
    target: schema.core.at(context.target.release.version),
  };
}

/** Tables declared by the db_schema.xml of modules under check (never core modules). */
export function customTables(context: RuleContext): { module: Module; table: DbTable }[] {
  return context.project.modules
    .filter((m) => !m.core)
    .flatMap((module) => module.customizations.dbSchema.map((table) => ({ module, table })));
}

export function moduleFields(module: Module): { package?: string; module: string } {
  return { ...(module.package ? { package: module.package } : {}), module: module.name };
}

/**
 * The core schema index the db-schema rules compare with: the vendor trees' own when given (exact for both releases,
 * and what the store really installs), else the shipped data. A loading problem becomes one info finding
 * (`noSchemaData`, which the calling rule declares), never a crash.
 */
export function coreSchemaIndex(
  context: RuleContext,
  load: SchemaSource,
  ruleLabel: string,
): DbSchemaIndex | undefined {
  try {
    return context.dbSchema?.core ?? load(context);
  } catch (error) {
    context.report({
      messageId: 'noSchemaData',
      data: { rule: ruleLabel, error: (error as Error).message },
      severity: 'info',
      recommendationId: 'reinstallSchemaData',
      subject: 'no-schema-data',
    });
    return undefined;
  }
}

/** The declaration rules per release (XSD and schema builder), or undefined after one info finding saying why not. */
export function declarationRules(
  context: RuleContext,
  load: RulesSource,
  ruleLabel: string,
): DeclarationRulesIndex | undefined {
  try {
    return load(context);
  } catch (error) {
    context.report({
      messageId: 'noRulesData',
      data: { rule: ruleLabel, error: (error as Error).message },
      recommendationId: 'reinstallDeclarationData',
      subject: 'no-declaration-data',
    });
    return undefined;
  }
}
