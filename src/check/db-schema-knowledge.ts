import { loadDeclarationRules, type DeclarationRulesIndex } from '../knowledge/db-schema/declaration.js';
import { loadDbSchemaIndex, type DbSchemaIndex } from '../knowledge/db-schema/index.js';
import type { ProjectModel } from '../project/model.js';
import type { ShippedDbSchema } from '../rules/rule.js';

/**
 * RuleContext.shippedDbSchema: the shipped core schema and declaration rules, read when a module under check declares
 * tables (the only case a db-schema rule compares anything). A file that cannot be read is kept as its error: each
 * rule then reports it as one info note instead of crashing.
 */
export function shippedDbSchema(model: ProjectModel): ShippedDbSchema | undefined {
  if (!model.modules.some((m) => !m.core && m.customizations.dbSchema.length > 0)) return undefined;
  return {
    core: attempt<DbSchemaIndex>(loadDbSchemaIndex),
    declaration: attempt<DeclarationRulesIndex>(loadDeclarationRules),
  };
}

function attempt<T>(load: () => T): { data: T } | { error: string } {
  try {
    return { data: load() };
  } catch (error) {
    return { error: (error as Error).message };
  }
}
