// One reader of schema.graphqls files, for the core index build (scripts/build-graphql-index.ts) and for the project's
// own schemas (src/check/graphql/project-schemas.ts): the reference parser (graphql-js) makes the syntax tree,
// nothing is executed.
import { Kind, parse, print, type ConstDirectiveNode, type TypeNode } from 'graphql';

export type DeclarationKind = 'type' | 'interface' | 'input' | 'enum' | 'union' | 'scalar';

export interface SchemaField {
  name: string;
  line: number;
  /** Printed type: `[ProductInterface]!`. */
  type: string;
  /** Argument name → printed type. */
  args: Record<string, string>;
  /** `@resolver(class:)` without a leading backslash. */
  resolver?: string;
  /** `@deprecated(reason:)`, '' without a reason. */
  deprecated?: string;
  /** Named types the field's type and its arguments' types use (`ProductInterface`, `FilterTypeInput`). */
  uses: { name: string; line: number }[];
}

/** One `type`/`interface`/`input`/`enum`/`union`/`scalar` definition or `extend …` of a file. */
export interface SchemaDeclaration {
  kind: DeclarationKind;
  name: string;
  /** Written `extend type X`: Magento merges it into X exactly like a second `type X`. */
  extend: boolean;
  line: number;
  implements: { name: string; line: number }[];
  fields: SchemaField[];
  /** Enum values: name → deprecation reason (or null). */
  values: Record<string, string | null>;
  members: { name: string; line: number }[];
  /** `@typeResolver(class:)` of an interface or union. */
  typeResolver?: string;
  deprecated?: string;
}

export type ReadSchemaResult = { declarations: SchemaDeclaration[] } | { error: string; line?: number };

const KINDS: Partial<Record<string, [DeclarationKind, boolean]>> = {
  [Kind.OBJECT_TYPE_DEFINITION]: ['type', false],
  [Kind.OBJECT_TYPE_EXTENSION]: ['type', true],
  [Kind.INTERFACE_TYPE_DEFINITION]: ['interface', false],
  [Kind.INTERFACE_TYPE_EXTENSION]: ['interface', true],
  [Kind.INPUT_OBJECT_TYPE_DEFINITION]: ['input', false],
  [Kind.INPUT_OBJECT_TYPE_EXTENSION]: ['input', true],
  [Kind.ENUM_TYPE_DEFINITION]: ['enum', false],
  [Kind.ENUM_TYPE_EXTENSION]: ['enum', true],
  [Kind.UNION_TYPE_DEFINITION]: ['union', false],
  [Kind.UNION_TYPE_EXTENSION]: ['union', true],
  [Kind.SCALAR_TYPE_DEFINITION]: ['scalar', false],
  [Kind.SCALAR_TYPE_EXTENSION]: ['scalar', true],
};

/** The declarations of one schema file; a file that does not parse gives the parser's message and line. */
export function readGraphqlSchema(source: string): ReadSchemaResult {
  let document;
  try {
    document = parse(magentoDialect(source), { noLocation: false });
  } catch (error) {
    const e = error as { message?: string; locations?: { line: number }[] };
    const line = e.locations?.[0]?.line;
    return { error: (e.message ?? String(error)).split('\n')[0]!, ...(line ? { line } : {}) };
  }
  const declarations: SchemaDeclaration[] = [];
  for (const node of document.definitions) {
    const kind = KINDS[node.kind];
    if (!kind) continue;
    const n = node as unknown as {
      name: { value: string };
      loc?: { startToken: { line: number } };
      interfaces?: readonly { name: { value: string }; loc?: { startToken: { line: number } } }[];
      fields?: readonly {
        name: { value: string };
        loc?: { startToken: { line: number } };
        type: TypeNode;
        arguments?: readonly { name: { value: string }; type: TypeNode; loc?: { startToken: { line: number } } }[];
        directives?: readonly ConstDirectiveNode[];
      }[];
      values?: readonly { name: { value: string }; directives?: readonly ConstDirectiveNode[] }[];
      types?: readonly { name: { value: string }; loc?: { startToken: { line: number } } }[];
      directives?: readonly ConstDirectiveNode[];
    };
    const lineOf = (x: { loc?: { startToken: { line: number } } }): number => x.loc?.startToken.line ?? 1;
    const typeResolver = directiveClass(n.directives, 'typeResolver');
    const deprecated = deprecation(n.directives);
    declarations.push({
      kind: kind[0],
      name: n.name.value,
      extend: kind[1],
      line: lineOf(n),
      implements: (n.interfaces ?? []).map((i) => ({ name: i.name.value, line: lineOf(i) })),
      fields: (n.fields ?? []).map((f) => {
        const resolver = directiveClass(f.directives, 'resolver');
        const fieldDeprecated = deprecation(f.directives);
        const uses = [{ name: namedType(f.type), line: lineOf(f) }];
        for (const a of f.arguments ?? []) uses.push({ name: namedType(a.type), line: lineOf(a) });
        return {
          name: f.name.value,
          line: lineOf(f),
          type: print(f.type),
          args: Object.fromEntries((f.arguments ?? []).map((a) => [a.name.value, print(a.type)])),
          ...(resolver ? { resolver } : {}),
          ...(fieldDeprecated !== undefined ? { deprecated: fieldDeprecated } : {}),
          uses,
        };
      }),
      values: Object.fromEntries((n.values ?? []).map((v) => [v.name.value, deprecation(v.directives) ?? null])),
      members: (n.types ?? []).map((t) => ({ name: t.name.value, line: lineOf(t) })),
      ...(typeResolver ? { typeResolver } : {}),
      ...(deprecated !== undefined ? { deprecated } : {}),
    });
  }
  return { declarations };
}

/** `type ProductVideo @doc(description: "…") implements MediaGalleryInterface` (2.3.x): directives first. */
const DIRECTIVES_BEFORE_IMPLEMENTS =
  /\b((?:type|interface)\s+[_A-Za-z]\w*)((?:\s*@\w+(?:\s*\((?:[^)"]|"(?:[^"\\]|\\.)*")*\))?)+)(\s*implements\s+[_A-Za-z]\w*(?:\s*[,&]\s*[_A-Za-z]\w*)*)/g;

/**
 * What Magento's reader (webonyx/graphql-php, after GraphQlReader's own rewriting) accepts and graphql-js does not,
 * turned into the standard syntax without moving any line: empty bodies (`enum PriceAdjustmentCodesEnum {}`, 2.4.x)
 * dropped, `implements` written after the type's directives moved before them, and interfaces listed with commas or spaces (`implements ProductInterface, RoutableInterface`) joined by `&`.
 */
export function magentoDialect(source: string): string {
  return source
    .replace(/\{(\s*)\}/g, '$1')
    .replace(
      DIRECTIVES_BEFORE_IMPLEMENTS,
      (_, head: string, directives: string, implementsList: string) =>
        `${head} ${implementsList.trim()} ${directives.trim()}`.padEnd(_.length - (_.split('\n').length - 1), ' ') +
        '\n'.repeat(_.split('\n').length - 1),
    )
    .replace(
      /\bimplements(\s+)([_A-Za-z]\w*(?:[\s,&]+(?!(?:type|interface|input|enum|union|scalar|extend|schema|directive)\b)[_A-Za-z]\w*)*)/g,
      (_, space: string, list: string) =>
        `implements${space}${list.replace(/[\s,&]+/g, (sep) => ` & ${'\n'.repeat(sep.split('\n').length - 1)}`)}`,
    );
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

function argument(directive: ConstDirectiveNode, name: string): string | undefined {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  return value?.kind === Kind.STRING ? value.value : undefined;
}

function directiveClass(directives: readonly ConstDirectiveNode[] | undefined, name: string): string | undefined {
  const d = directives?.find((x) => x.name.value === name);
  const cls = d ? argument(d, 'class') : undefined;
  return cls?.replace(/^\\+/, '').replace(/\\\\/g, '\\');
}

/** Reasons are kept short: they are shown in one line of a finding. */
function deprecation(directives: readonly ConstDirectiveNode[] | undefined): string | undefined {
  const d = directives?.find((x) => x.name.value === 'deprecated');
  if (!d) return undefined;
  const reason = (argument(d, 'reason') ?? '').replace(/\s+/g, ' ').trim();
  return reason.length > 160 ? `${reason.slice(0, 157)}…` : reason;
}

/** Built-in scalars: never a core type of Magento's. */
export const BUILT_IN_TYPES: ReadonlySet<string> = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);
