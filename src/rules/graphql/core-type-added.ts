import type { Rule } from '../rule.js';
import { modulesOf, schemasAgainstCore, where } from './core-schema.js';

export const rule: Rule = {
  meta: {
    id: 'graphql/core-type-added',
    severity: 'error',
    category: 'graphql',
    description: "schema.graphqls declares its own GraphQL type under a name the target's core schema now uses",
    docs: "Magento merges GraphQL declarations by type name, whichever module they come from. When the target adds a core type with the name a module already uses for its own type, the two are merged into one: the module's fields appear on the core type and the core fields on the module's, and when the kinds or a shared field's type differ, the schema fails to build or one side silently wins. Compared with the core schema of the current and the target release (`data/graphql-schema.json.gz`). A merge without conflict is noted at info (a module written for the target may extend the new core type on purpose); a conflict is an error. Rename the module's type (with a vendor prefix) and its uses.",
    messages: {
      merged:
        'Declares {{kind}} {{type}}, a name {{target}} gives to a core {{coreKind}} ({{modules}}): Magento merges the two into one type.',
      conflict:
        'Declares {{kind}} {{type}}, a name {{target}} gives to a core {{coreKind}} ({{modules}}), and they disagree ({{conflicts}}): the GraphQL schema fails to build or one declaration silently wins.',
    },
    // Without a conflict the merge may be what the module wants (it was written for the target): noted, not judged.
    messageSeverity: { merged: 'info' },
  },
  check(context) {
    for (const { schema, current, target } of schemasAgainstCore(context.graphql)) {
      for (const declaration of schema.declarations) {
        if (declaration.extend || current.schema.type(declaration.name)) continue; // extending core on purpose
        const core = target.schema.type(declaration.name);
        if (!core) continue;
        const conflicts: string[] = [];
        if (core.k !== declaration.kind) conflicts.push(`${core.k} vs ${declaration.kind}`);
        for (const field of declaration.fields) {
          const theirs = target.schema.field(declaration.name, field.name)?.def;
          if (theirs && theirs.t !== field.type) conflicts.push(`${field.name}: ${theirs.t} vs ${field.type}`);
        }
        context.report({
          ...where(schema),
          line: declaration.line,
          messageId: conflicts.length > 0 ? 'conflict' : 'merged',
          data: {
            kind: declaration.kind,
            type: declaration.name,
            coreKind: core.k,
            target: target.label,
            modules: modulesOf(core),
            ...(conflicts.length > 0 ? { conflicts: conflicts.slice(0, 4).join('; ') } : {}),
          },
          subject: declaration.name,
          recommendation: `Rename this module's ${declaration.name} with a vendor prefix (and every field that returns or takes it).`,
          effort: { hours: 2, confidence: 'low' },
        });
      }
    }
  },
};
