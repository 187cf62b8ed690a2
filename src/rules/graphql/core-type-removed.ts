import type { Rule } from '../rule.js';
import { modulesOf, projectTypes, touchesOf, where } from './core-schema.js';

export const coreTypeRemoved: Rule = {
  meta: {
    id: 'graphql/core-type-removed',
    severity: 'error',
    category: 'graphql',
    description:
      'schema.graphqls extends, implements or uses a core GraphQL type or interface that the target removed or turned into another kind',
    docs: "Magento stitches one GraphQL schema from every module's `etc/schema.graphqls`. A field, argument or union whose type the target no longer declares, or an `implements` of an interface it removed, makes the whole schema fail to build: every `/graphql` request then fails, not only this module's. A `type`/`extend type` of a removed core type still builds, but only from this module's fields, and no core field returns it any more. Compared with the core schema of the current and the target release (`data/graphql-schema.json.gz`); a release the index does not cover is reported as \"could not verify\", never as removed. Find what replaced the type in the target's schema (release notes, the core module's `schema.graphqls`) and use that.",
    recommendations: {
      moveFields:
        "Find what replaced {{type}} in {{target}} and move these fields there, or declare {{type}} as this module's own type on purpose.",
      dropImplements: 'Drop `implements {{type}}` or implement the interface that replaced it in {{target}}.',
      useReplacement:
        'Use the type that replaced {{type}} in {{target}} (and update the resolver that builds the value).',
      findReplacement:
        'Find the {{kind}} that replaced {{type}} where {{firstUser}} was used in {{target}}, and add the fields there.',
      findReplacementUnused:
        'Find the {{kind}} that replaced {{type}} where it was used in {{target}}, and add the fields there.',
      readNow: "Read {{type}} in {{target}}'s schema ({{nowModules}}) and declare against what it is now.",
      compareTypes: 'Compare the types with the etc/schema.graphqls files of the target release before upgrading.',
    },
    messages: {
      extendedRemoved:
        'Declares fields on core {{kind}} {{type}} ({{modules}} in {{current}}), which {{target}} no longer has: Magento builds {{type}} from this declaration alone and no core field returns it.',
      implementsRemoved:
        '{{owner}} implements core interface {{type}} ({{modules}} in {{current}}), which {{target}} no longer has: the GraphQL schema fails to build.',
      usesRemoved:
        '{{owner}}.{{field}} uses core {{kind}} {{type}} ({{modules}} in {{current}}), which {{target}} no longer has: the GraphQL schema fails to build.',
      // The {{field}} of a union's member.
      unionMember: '(union member)',
      extendedOrphaned:
        'Adds fields to core {{kind}} {{type}}, which no core field of {{target}} {{verb}} any more (in {{current}}: {{usedBy}}): these fields are never reached.',
      kindChanged:
        '{{how}} core {{kind}} {{type}}, which is a{{article}} {{now}} in {{target}}: the GraphQL schema fails to build or the declaration no longer means the same.',
      unverified:
        'Could not verify the core GraphQL types this schema uses ({{types}}) against {{target}}: the knowledge base has no GraphQL schema data for that release.',
    },
    messageSeverity: { extendedRemoved: 'warning', extendedOrphaned: 'warning', unverified: 'info' },
  },
  check(context) {
    const facts = context.graphql;
    if (!facts?.current) return; // which types are core is known only from the current release's schema
    const current = facts.current;
    const target = facts.target;
    const own = projectTypes(facts);
    const projectUses = new Set(
      facts.schemas.flatMap((s) =>
        touchesOf(s)
          .filter((t) => t.how !== 'declares')
          .map((t) => t.type),
      ),
    );
    /**
     * A core input or object type that core fields used in the current release and none uses in the target (2.3.4's
     * ProductFilterInput once products(filter:) took ProductAttributeFilterInput): fields added to it are dead. Root
     * types, interface implementations and types the project itself uses are reachable and never said to be.
     */
    const orphaned = (name: string): boolean => {
      const before = current.schema.type(name);
      const after = target?.schema.type(name);
      if (!before || !after || (after.k !== 'input' && after.k !== 'type') || after.k !== before.k) return false;
      if (['Query', 'Mutation', 'Subscription'].includes(name) || (after.i?.length ?? 0) > 0) return false;
      if (projectUses.has(name)) return false;
      return current.schema.usersOf(name).length > 0 && target!.schema.usersOf(name).length === 0;
    };
    for (const schema of facts.schemas) {
      const unverified = new Set<string>();
      let firstUnverifiedLine = 0;
      const reported = new Set<string>();
      for (const touch of touchesOf(schema)) {
        const before = current.schema.type(touch.type);
        if (!before) continue; // not a core type of the current release: the index says nothing about it
        if (!target) {
          if (unverified.size === 0) firstUnverifiedLine = touch.line;
          unverified.add(touch.type);
          continue;
        }
        const after = target.schema.type(touch.type);
        const key = `${touch.how} ${touch.declaration.name} ${touch.how === 'uses' ? touch.field : ''} ${touch.type}`;
        if (reported.has(key)) continue;
        const base = { ...where(schema), line: touch.line, effort: { hours: 2, confidence: 'low' as const } };
        if (!after) {
          // Another project schema that declares the type keeps it alive: only a declaration of it is then judged.
          if (touch.how !== 'declares' && own.has(touch.type)) continue;
          reported.add(key);
          const data = {
            kind: before.k,
            type: touch.type,
            modules: modulesOf(before),
            current: current.label,
            target: target.label,
          };
          if (touch.how === 'declares')
            context.report({
              ...base,
              messageId: 'extendedRemoved',
              data,
              subject: `declares ${touch.type}`,
              recommendationId: 'moveFields',
            });
          else if (touch.how === 'implements')
            context.report({
              ...base,
              messageId: 'implementsRemoved',
              data: { ...data, owner: touch.declaration.name },
              subject: `${touch.declaration.name} implements ${touch.type}`,
              recommendationId: 'dropImplements',
            });
          else
            context.report({
              ...base,
              messageId: 'usesRemoved',
              data: { ...data, owner: touch.declaration.name, field: touch.field || [{ messageId: 'unionMember' }] },
              subject: `${touch.declaration.name}.${touch.field} ${touch.type}`,
              recommendationId: 'useReplacement',
            });
          continue;
        }
        if (touch.how === 'declares' && touch.declaration.fields.length > 0 && orphaned(touch.type)) {
          reported.add(key);
          const usedBy = current.schema.usersOf(touch.type);
          context.report({
            ...base,
            messageId: 'extendedOrphaned',
            data: {
              kind: before.k,
              type: touch.type,
              verb: before.k === 'input' ? 'takes' : 'returns',
              current: current.label,
              target: target.label,
              usedBy: usedBy.slice(0, 3).join(', ') + (usedBy.length > 3 ? ', …' : ''),
              ...(usedBy[0] ? { firstUser: usedBy[0] } : {}),
            },
            subject: `declares ${touch.type} orphaned`,
            recommendationId: usedBy[0] ? 'findReplacement' : 'findReplacementUnused',
          });
          continue;
        }
        // A kind change breaks `implements` (no longer an interface) and merged declarations of another kind.
        const kindBroken =
          after.k !== before.k &&
          ((touch.how === 'implements' && after.k !== 'interface') ||
            (touch.how === 'declares' && touch.declaration.kind === before.k));
        if (kindBroken) {
          reported.add(key);
          context.report({
            ...base,
            messageId: 'kindChanged',
            data: {
              how: touch.how === 'implements' ? `${touch.declaration.name} implements` : 'Declares',
              kind: before.k,
              type: touch.type,
              article: /^[aeiou]/.test(after.k) ? 'n' : '',
              now: after.k,
              target: target.label,
              nowModules: modulesOf(after),
            },
            subject: `${touch.how} ${touch.type} kind`,
            recommendationId: 'readNow',
          });
        }
      }
      // One note per file: a data gap is not the module's problem.
      if (unverified.size > 0)
        context.report({
          ...where(schema),
          line: firstUnverifiedLine,
          messageId: 'unverified',
          data: {
            count: unverified.size,
            types: [...unverified].slice(0, 5).join(', ') + (unverified.size > 5 ? ', …' : ''),
            target: facts.targetVersion,
          },
          subject: 'unverified',
          recommendationId: 'compareTypes',
          effort: { hours: 0, confidence: 'low' },
        });
    }
  },
};
