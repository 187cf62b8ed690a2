// Shared by the graphql rules: which core GraphQL types and fields the project's schemas touch, and how.
import type { CoreGraphqlSchema, GraphqlFacts, ProjectGraphqlSchema } from '../../check/graphql/project-schemas.js';
import type { GraphqlTypeDef } from '../../knowledge/graphql/index.js';
import { BUILT_IN_TYPES, type SchemaDeclaration } from '../../knowledge/graphql/read-schema.js';

/** How a project schema touches a type by name. */
export type Touch =
  /** `type X { … }` / `extend type X`: Magento merges the declaration into X. */
  | { how: 'declares'; schema: ProjectGraphqlSchema; declaration: SchemaDeclaration; type: string; line: number }
  /** `type Mine implements X`. */
  | { how: 'implements'; schema: ProjectGraphqlSchema; declaration: SchemaDeclaration; type: string; line: number }
  /** `field: X`, `field(arg: X)`, `union U = X`. */
  | {
      how: 'uses';
      schema: ProjectGraphqlSchema;
      declaration: SchemaDeclaration;
      field: string;
      type: string;
      line: number;
    };

/**
 * Each project schema with the core schema of the current and the target release it is compared against: none when
 * either release is not covered (graphql/core-type-removed then says "could not verify").
 */
export function* schemasAgainstCore(
  facts: GraphqlFacts | undefined,
): Generator<{ schema: ProjectGraphqlSchema; current: CoreGraphqlSchema; target: CoreGraphqlSchema }> {
  if (!facts?.current || !facts.target) return;
  for (const schema of facts.schemas) yield { schema, current: facts.current, target: facts.target };
}

/** Every type name the project's schemas declare (a type they declare themselves is never "missing"). */
export function projectTypes(facts: GraphqlFacts): Set<string> {
  return new Set(facts.schemas.flatMap((s) => s.declarations.map((d) => d.name)));
}

/** Every touch of a named type by one schema file, built-in scalars aside. */
export function touchesOf(schema: ProjectGraphqlSchema): Touch[] {
  const out: Touch[] = [];
  for (const declaration of schema.declarations) {
    out.push({ how: 'declares', schema, declaration, type: declaration.name, line: declaration.line });
    for (const i of declaration.implements)
      out.push({ how: 'implements', schema, declaration, type: i.name, line: i.line });
    for (const m of declaration.members)
      out.push({ how: 'uses', schema, declaration, field: '', type: m.name, line: m.line });
    for (const f of declaration.fields)
      for (const u of f.uses)
        if (!BUILT_IN_TYPES.has(u.name))
          out.push({ how: 'uses', schema, declaration, field: f.name, type: u.name, line: u.line });
  }
  return out;
}

/** `Magento_CatalogGraphQl, Magento_QuoteGraphQl`. */
export function modulesOf(def: GraphqlTypeDef): string {
  return def.m.join(', ');
}

/** Finding location and ownership of a schema file. */
export function where(schema: ProjectGraphqlSchema): { file: string; module: string; package?: string } {
  return { file: schema.file, module: schema.module, ...(schema.package ? { package: schema.package } : {}) };
}
