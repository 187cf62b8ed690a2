import type { Rule } from '../rule.js';
import { schemasAgainstCore, touchesOf, where } from './core-schema.js';

export const coreDeprecated: Rule = {
  meta: {
    id: 'graphql/core-deprecated',
    severity: 'info',
    category: 'graphql',
    description:
      'schema.graphqls redeclares a core GraphQL field, or uses a core type, that the target newly marks @deprecated',
    docs: 'A core field or type that the target marks `@deprecated` still works, but Adobe removes deprecated GraphQL fields in a later release and headless clients (PWA Studio, custom front ends) are told to stop querying them. A module that redeclares the field (its own `@resolver`) or builds on the type keeps the old API alive. Only deprecations new in the target are reported, from the core schema of the current and the target release (`data/graphql-schema.json.gz`). Move to the replacement the deprecation reason names.',
    recommendations: {
      moveAway: 'Move to what the deprecation of {{type}} names before a release removes it.',
      followDeprecation:
        'Follow the deprecation of {{type}}.{{field}}: serve the replacement field and tell the front ends that query this one.',
    },
    messages: {
      fieldDeprecated: 'Redeclares core field {{type}}.{{field}}, which {{target}} marks deprecated: {{reason}}',
      typeDeprecated: 'Uses core {{kind}} {{type}}, which {{target}} marks deprecated: {{reason}}',
      // The {{reason}} of a deprecation the schema gives none for.
      noReason: '(no reason given)',
    },
  },
  check(context) {
    for (const { schema, current, target } of schemasAgainstCore(context.graphql)) {
      const reported = new Set<string>();
      for (const touch of touchesOf(schema)) {
        const before = current.schema.type(touch.type);
        const after = target.schema.type(touch.type);
        if (!before || !after || after.d === undefined || before.d !== undefined || reported.has(touch.type)) continue;
        reported.add(touch.type);
        context.report({
          ...where(schema),
          line: touch.line,
          messageId: 'typeDeprecated',
          data: {
            kind: after.k,
            type: touch.type,
            target: target.label,
            reason: after.d || [{ messageId: 'noReason' }],
          },
          subject: touch.type,
          recommendationId: 'moveAway',
          effort: { hours: 0.5, confidence: 'low' },
        });
      }
      for (const declaration of schema.declarations) {
        if (!current.schema.type(declaration.name)) continue;
        for (const field of declaration.fields) {
          const before = current.schema.field(declaration.name, field.name)?.def;
          const after = target.schema.field(declaration.name, field.name)?.def;
          if (!before || !after || after.d === undefined || before.d !== undefined) continue;
          // The module deprecating the field itself (as the target does) is already done.
          if (field.deprecated !== undefined) continue;
          context.report({
            ...where(schema),
            line: field.line,
            messageId: 'fieldDeprecated',
            data: {
              type: declaration.name,
              field: field.name,
              target: target.label,
              reason: after.d || [{ messageId: 'noReason' }],
            },
            subject: `${declaration.name}.${field.name}`,
            recommendationId: 'followDeprecation',
            effort: { hours: 0.5, confidence: 'low' },
          });
        }
      }
    }
  },
};
