import type { GraphqlFieldDef } from '../../knowledge/graphql/index.js';
import type { Rule } from '../rule.js';
import { modulesOf, schemasAgainstCore, where } from './core-schema.js';

/** `(input: CustomerInput!)`, `()` without arguments. */
function argumentList(args: Record<string, string> | undefined): string {
  return `(${Object.entries(args ?? {})
    .map(([name, type]) => `${name}: ${type}`)
    .join(', ')})`;
}

/** How a module's own field and the core field the target adds under its name disagree (empty: they agree). */
function fieldConflicts(core: GraphqlFieldDef, mine: { type: string; args: Record<string, string> }): string[] {
  const out: string[] = [];
  if (core.t !== mine.type) out.push(`${core.t} vs ${mine.type}`);
  const theirs = argumentList(core.a);
  const ours = argumentList(mine.args);
  if (theirs !== ours) out.push(`arguments ${theirs} vs ${ours}`);
  return out;
}

export const coreTypeAdded: Rule = {
  meta: {
    id: 'graphql/core-type-added',
    severity: 'error',
    category: 'graphql',
    description:
      "schema.graphqls declares its own GraphQL type, or its own field on a core type, under a name the target's core schema now uses",
    docs: "Magento merges GraphQL declarations by type name, whichever module they come from, and the fields of one type field by field. When the target adds a core type with the name a module already uses for its own type, the two are merged into one: the module's fields appear on the core type and the core fields on the module's, and when the kinds or a shared field's type differ, the schema fails to build or one side silently wins. The same holds for a field: a module that added `createCustomer` to `Mutation` before the target declared its own `Mutation.createCustomer` now merges the two declarations — the module's arguments and resolver (or the core's, by module order) serve every client of the core field. Compared with the core schema of the current and the target release (`data/graphql-schema.json.gz`). A merge without conflict is noted at info (a module written for the target may extend the new core type on purpose); a conflict (another kind, another field type, other arguments) is an error. Rename the module's type or field (with a vendor prefix) and its uses, or drop it when the core one now does the job.",
    recommendations: {
      compareField:
        "Compare this module's {{type}}.{{field}} with {{target}}'s: drop it if the core field does the job, or rename it with a vendor prefix.",
      renameType: "Rename this module's {{type}} with a vendor prefix (and every field that returns or takes it).",
    },
    messages: {
      merged:
        'Declares {{kind}} {{type}}, a name {{target}} gives to a core {{coreKind}} ({{modules}}): Magento merges the two into one type.',
      conflict:
        'Declares {{kind}} {{type}}, a name {{target}} gives to a core {{coreKind}} ({{modules}}), and they disagree ({{conflicts}}): the GraphQL schema fails to build or one declaration silently wins.',
      fieldMerged:
        'Declares its own field {{type}}.{{field}}, which {{target}} adds to core {{type}} ({{modules}}) with the same type and arguments: Magento merges the two declarations.',
      fieldConflict:
        'Declares its own field {{type}}.{{field}}, which {{target}} adds to core {{type}} ({{modules}}), and they disagree ({{conflicts}}): one declaration silently wins for every client of the core field.',
    },
    // Without a conflict the merge may be what the module wants (it was written for the target): noted, not judged.
    messageSeverity: { merged: 'info', fieldMerged: 'info' },
  },
  check(context) {
    for (const { schema, current, target } of schemasAgainstCore(context.graphql)) {
      /** One name clash: merged (info) without conflicts, a conflict otherwise. */
      const clash = (
        at: { line: number; subject: string; recommendationId: string },
        messageIds: readonly [merged: string, conflict: string],
        conflicts: string[],
        data: Record<string, string>,
      ) =>
        context.report({
          ...where(schema),
          ...at,
          messageId: conflicts.length > 0 ? messageIds[1] : messageIds[0],
          data: {
            ...data,
            target: target.label,
            ...(conflicts.length > 0 ? { conflicts: conflicts.slice(0, 4).join('; ') } : {}),
          },
          effort: { hours: 2, confidence: 'low' },
        });
      for (const declaration of schema.declarations) {
        if (current.schema.type(declaration.name)) {
          // A core type in both releases: a field of the module's own that the target now declares too.
          const after = target.schema.type(declaration.name);
          if (!after) continue; // core-type-removed
          for (const field of declaration.fields) {
            if (current.schema.field(declaration.name, field.name)) continue; // core-field-changed
            const core = target.schema.field(declaration.name, field.name);
            if (!core) continue;
            clash(
              {
                line: field.line,
                subject: `${declaration.name}.${field.name}`,
                recommendationId: 'compareField',
              },
              ['fieldMerged', 'fieldConflict'],
              fieldConflicts(core.def, field),
              { type: declaration.name, field: field.name, modules: modulesOf(after) },
            );
          }
          continue;
        }
        if (declaration.extend) continue; // extends a type the current core lacks: not a name clash of its own
        const core = target.schema.type(declaration.name);
        if (!core) continue;
        const conflicts: string[] = [];
        if (core.k !== declaration.kind) conflicts.push(`${core.k} vs ${declaration.kind}`);
        for (const field of declaration.fields) {
          const theirs = target.schema.field(declaration.name, field.name)?.def;
          if (theirs && theirs.t !== field.type) conflicts.push(`${field.name}: ${theirs.t} vs ${field.type}`);
        }
        clash(
          {
            line: declaration.line,
            subject: declaration.name,
            recommendationId: 'renameType',
          },
          ['merged', 'conflict'],
          conflicts,
          { kind: declaration.kind, type: declaration.name, coreKind: core.k, modules: modulesOf(core) },
        );
      }
    }
  },
};
