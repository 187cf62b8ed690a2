// Test fixtures of the graphql rules: core schemas of two releases and project schema files, written as SDL.
import type { GraphqlFacts } from '../../check/graphql/project-schemas.js';
import { graphqlIndexFrom, type GraphqlIndexFile, type GraphqlTypeDef } from '../../knowledge/graphql/index.js';
import { mergeDeclaration } from '../../knowledge/graphql/merge.js';
import { readGraphqlSchema } from '../../knowledge/graphql/read-schema.js';

function declarations(source: string) {
  const result = readGraphqlSchema(source);
  if ('error' in result) throw new Error(`fixture does not parse: ${result.error}`);
  return result.declarations;
}

/** An index of two releases, `2.4.6` (current) and `2.4.8` (target), from one core SDL text each. */
export function coreIndex(current: string, target: string) {
  const file: GraphqlIndexFile = {
    schema: 1,
    generatedAt: '',
    source: 'fixture',
    releases: ['2.4.6', '2.4.8'],
    defs: [],
    types: {},
  };
  for (const [position, sdl] of [current, target].entries()) {
    const schema = new Map<string, GraphqlTypeDef>();
    for (const d of declarations(sdl)) mergeDeclaration(schema, d, 'Magento_CatalogGraphQl', () => {});
    for (const [name, def] of schema) {
      const index = file.defs.push(def) - 1;
      (file.types[name] ??= []).push([index, String(position)]);
    }
  }
  return graphqlIndexFrom(file);
}

/** GraphqlFacts for project schemas (`{file: sdl}`, module Acme_Api) against the two fixture releases. */
export function graphqlFacts(
  schemas: Record<string, string>,
  core: { current: string; target: string },
  options: { targetCovered?: boolean; currentCovered?: boolean } = {},
): GraphqlFacts {
  const index = coreIndex(core.current, core.target);
  return {
    schemas: Object.entries(schemas).map(([file, sdl]) => ({
      file,
      module: 'Acme_Api',
      package: 'acme/module-api',
      declarations: declarations(sdl),
    })),
    current: options.currentCovered === false ? null : { schema: index.release('2.4.6')!, label: '2.4.6' },
    target: options.targetCovered === false ? null : { schema: index.release('2.4.8')!, label: '2.4.8' },
    currentVersion: '2.4.6',
    targetVersion: '2.4.8',
  };
}
