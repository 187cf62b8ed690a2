// Every rule MageUp runs, by category. Categories own their list (`src/rules/<category>/index.ts`).
import type { Rule } from './rule.js';
import { rules as composerRules } from './composer/index.js';
import { rules as conflictsRules } from './conflicts/index.js';
import { rules as dbSchemaRules } from './db-schema/index.js';
import { rules as graphqlRules } from './graphql/index.js';
import { rules as lifecycleRules } from './lifecycle/index.js';
import { rules as overridesRules } from './overrides/index.js';
import { rules as phpApiRules } from './php-api/index.js';
import { rules as phpVersionRules } from './php-version/index.js';
import { rules as platformRules } from './platform/index.js';
import { rules as securityRules } from './security/index.js';

let sorted: Rule[] | undefined;
let byId: Map<string, Rule> | undefined;

/** All rules, sorted by id. Throws when two rules share an id (a programming error caught by the tests). */
export function allRules(): Rule[] {
  if (!sorted) {
    const list = [
      ...platformRules,
      ...composerRules,
      ...phpApiRules,
      ...phpVersionRules,
      ...dbSchemaRules,
      ...securityRules,
      ...lifecycleRules,
      ...overridesRules,
      ...conflictsRules,
      ...graphqlRules,
    ].sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0));
    const map = new Map<string, Rule>();
    for (const rule of list) {
      if (map.has(rule.meta.id)) throw new Error(`Two rules share the id "${rule.meta.id}".`);
      map.set(rule.meta.id, rule);
    }
    sorted = list;
    byId = map;
  }
  return [...sorted];
}

export function ruleById(id: string): Rule | undefined {
  allRules();
  return byId!.get(id);
}
