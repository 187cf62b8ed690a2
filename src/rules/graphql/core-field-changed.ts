import type { GraphqlFieldDef } from '../../knowledge/graphql/index.js';
import type { MessagePart, Rule } from '../rule.js';
import { modulesOf, schemasAgainstCore, where } from './core-schema.js';

/** `added pageSize: Int; removed search; filter: ProductFilterInput → ProductAttributeFilterInput`, as message parts. */
function argumentChanges(before: GraphqlFieldDef, after: GraphqlFieldDef, mine: Record<string, string>): MessagePart[] {
  const was = before.a ?? {};
  const now = after.a ?? {};
  const out: MessagePart[] = [];
  for (const [name, type] of Object.entries(now)) {
    if (!Object.hasOwn(was, name)) {
      // An argument this module already declares with the target's type is handled.
      if (mine[name] !== type) out.push({ messageId: 'argAdded', data: { name, type } });
    } else if (was[name] !== type && mine[name] !== type)
      out.push({ messageId: 'argTypeChanged', data: { name, before: String(was[name]), after: type } });
  }
  for (const name of Object.keys(was))
    if (!Object.hasOwn(now, name)) out.push({ messageId: 'argRemoved', data: { name } });
  return out;
}

export const coreFieldChanged: Rule = {
  meta: {
    id: 'graphql/core-field-changed',
    severity: 'warning',
    category: 'graphql',
    description:
      'schema.graphqls redeclares a core GraphQL field whose type or arguments the target changed, or that the target removed',
    docs: "Magento merges every module's `etc/schema.graphqls` by type name (GraphQlReader, `array_replace_recursive`): a module that redeclares a core field — to swap its `@resolver`, add an argument or change its type — overrides the core declaration field by field. When the target changes that field, the override is out of date: a changed type is turned back into the old one for every client, a new core argument reaches a custom resolver that ignores it, a removed argument or field survives only through the module. Compared with the core schema of the current and the target release (`data/graphql-schema.json.gz`, fields inherited from interfaces included); nothing is reported when the target's data is missing (`graphql/core-type-removed` says \"could not verify\"). Update the declaration (and its resolver) to the target's field, or drop it when the core field now does what it was added for.",
    recommendations: {
      readReleaseNotes:
        "Read {{target}}'s release notes for what replaced {{type}}.{{field}}; keep the field only if this module serves it on purpose.",
      declareAsTarget:
        'Declare {{type}}.{{field}} as {{after}} (as {{target}} does), and return that from the resolver.',
      compareResolver:
        'Compare {{resolverClass}} with the core resolver of {{target}}: handle the new arguments and drop the removed ones.',
      declareArguments: 'Declare the arguments as {{target}} does.',
    },
    messages: {
      removed:
        'Redeclares core field {{type}}.{{field}} ({{modules}} in {{current}}), which {{target}} removed: the field now exists only through this module{{resolver}}.',
      typeChanged:
        'Core field {{type}}.{{field}}, which this module redeclares as {{mine}}, changed type in {{target}}: {{before}} → {{after}}.',
      argsChanged:
        'Core field {{type}}.{{field}}, which this module redeclares{{resolver}}, changed its arguments in {{target}}: {{changes}}.',
      viaResolver: ' (resolver {{resolver}})',
      argAdded: 'added {{name}}: {{type}}',
      argRemoved: 'removed {{name}}',
      argTypeChanged: '{{name}}: {{before}} → {{after}}',
    },
    messageSeverity: { removed: 'warning' },
  },
  check(context) {
    for (const { schema, current, target } of schemasAgainstCore(context.graphql)) {
      for (const declaration of schema.declarations) {
        if (!current.schema.type(declaration.name) || !target.schema.type(declaration.name)) continue; // core-type-removed
        for (const field of declaration.fields) {
          const before = current.schema.field(declaration.name, field.name);
          if (!before) continue; // the module's own field
          const after = target.schema.field(declaration.name, field.name);
          const data = {
            type: declaration.name,
            field: field.name,
            current: current.label,
            target: target.label,
            resolver: field.resolver ? [{ messageId: 'viaResolver', data: { resolver: field.resolver } }] : [],
          };
          const base = {
            ...where(schema),
            line: field.line,
            subject: `${declaration.name}.${field.name}`,
            effort: { hours: 1, confidence: 'low' as const },
          };
          if (!after) {
            context.report({
              ...base,
              messageId: 'removed',
              data: { ...data, modules: modulesOf(current.schema.type(declaration.name)!) },
              recommendationId: 'readReleaseNotes',
            });
            continue;
          }
          if (after.def.t !== before.def.t && field.type !== after.def.t)
            context.report({
              ...base,
              messageId: 'typeChanged',
              data: { ...data, mine: field.type, before: before.def.t, after: after.def.t },
              recommendationId: 'declareAsTarget',
            });
          const changes = argumentChanges(before.def, after.def, field.args);
          if (changes.length > 0)
            context.report({
              ...base,
              messageId: 'argsChanged',
              data: { ...data, changes, ...(field.resolver ? { resolverClass: field.resolver } : {}) },
              subject: `${declaration.name}.${field.name} args`,
              recommendationId: field.resolver ? 'compareResolver' : 'declareArguments',
            });
        }
      }
    }
  },
};
