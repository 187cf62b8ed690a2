import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { allRules } from '../src/rules/registry.js';
import { ruleTable, withRuleTable } from '../scripts/readme-rule-table.js';

test("README's rule table lists every rule, generated from the rules' metadata", () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const metas = allRules().map((r) => r.meta);
  assert.equal(
    readme,
    withRuleTable(readme, ruleTable(metas)),
    'README.md rule table is stale: run node --import tsx scripts/generate-rule-docs.ts',
  );
  for (const m of metas) assert.ok(readme.includes(`(docs/rules/${m.id}.md)`), m.id);
});
