// The core GraphQL schema of a release, from the shipped index. A release the index does not hold is answered by
// `undefined`: callers say "could not verify", never "removed".
import { fileURLToPath } from 'node:url';
import { readChecksummedJson } from '../integrity.js';
import { timelineValueAt } from '../ranges.js';
import {
  GRAPHQL_SCHEMA_FILE,
  GRAPHQL_SCHEMA_VERSION,
  type GraphqlFieldDef,
  type GraphqlIndexFile,
  type GraphqlTypeDef,
} from './format.js';

export * from './format.js';

export const SHIPPED_GRAPHQL_SCHEMA_FILE = fileURLToPath(
  new URL(`../../../data/${GRAPHQL_SCHEMA_FILE}`, import.meta.url),
);

/** The core schema of one release. */
export interface GraphqlRelease {
  /** The indexed release the facts come from. */
  release: string;
  type(name: string): GraphqlTypeDef | undefined;
  /**
   * A field of a type as Magento serves it: declared on the type, else copied from an interface it implements (the
   * GraphQlReader copies interface fields into implementing types). `from` names the interface it came from.
   */
  field(type: string, name: string): { def: GraphqlFieldDef; from?: string } | undefined;
  /**
   * Where the core schema uses a type: `Query.products(filter)` for an argument, `Products.items` for a field type,
   * `union SearchResult` for a member (sorted). Empty when nothing core refers to it.
   */
  usersOf(name: string): string[];
}

export interface GraphqlIndex {
  releases(): string[];
  release(version: string): GraphqlRelease | undefined;
}

export function loadGraphqlIndex(file: string = SHIPPED_GRAPHQL_SCHEMA_FILE): GraphqlIndex {
  return graphqlIndexFrom(readChecksummedJson(file, GRAPHQL_SCHEMA_VERSION) as GraphqlIndexFile);
}

export function graphqlIndexFrom(data: GraphqlIndexFile): GraphqlIndex {
  return {
    releases: () => [...data.releases],
    release(version) {
      const position = data.releases.indexOf(version);
      if (position < 0) return undefined;
      const type = (name: string): GraphqlTypeDef | undefined => {
        if (!Object.hasOwn(data.types, name)) return undefined;
        const at = timelineValueAt(data.types[name], position);
        return at !== undefined ? data.defs[at] : undefined;
      };
      let users: Map<string, string[]> | undefined;
      const usersOf = (name: string): string[] => {
        if (!users) {
          users = new Map();
          const add = (used: string, by: string): void => {
            // A type that refers to itself (`or: ProductFilterInput`) is not used by that.
            if (!by.startsWith(`${used}.`)) users!.set(used, [...(users!.get(used) ?? []), by]);
          };
          for (const typeName of Object.keys(data.types).sort()) {
            const def = type(typeName);
            if (!def) continue;
            for (const member of def.u ?? []) add(member, `union ${typeName}`);
            for (const [fieldName, field] of Object.entries(def.f ?? {})) {
              add(namedType(field.t), `${typeName}.${fieldName}`);
              for (const [arg, argType] of Object.entries(field.a ?? {}))
                add(namedType(argType), `${typeName}.${fieldName}(${arg})`);
            }
          }
        }
        return users.get(name) ?? [];
      };
      return {
        release: version,
        type,
        usersOf,
        field(typeName, name) {
          const def = type(typeName);
          if (!def) return undefined;
          if (def.f && Object.hasOwn(def.f, name)) return { def: def.f[name]! };
          for (const iface of def.i ?? []) {
            const inherited = type(iface)?.f;
            if (inherited && Object.hasOwn(inherited, name)) return { def: inherited[name]!, from: iface };
          }
          return undefined;
        },
      };
    },
  };
}

/** `[ProductInterface!]!` → `ProductInterface`. */
function namedType(printed: string): string {
  return printed.replace(/[[\]!\s]/g, '');
}
