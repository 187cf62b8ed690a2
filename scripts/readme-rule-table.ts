// The README's rule table (section "Check"), generated from the rules' metadata like docs/rules: one row per category,
// each rule linked to its docs page. Only `id` and `category` are read, so the table survives whatever else `meta`
// grows. scripts/generate-rule-docs.ts writes it; test/readme-rule-table.test.ts fails when it is stale.
import type { RuleMeta } from '../src/rules/rule.js';

const START = '<!-- rule table: generated from the rules metadata by scripts/generate-rule-docs.ts, do not edit -->';
const END = '<!-- end of rule table -->';

export function ruleTable(metas: readonly Pick<RuleMeta, 'id' | 'category'>[]): string {
  const byCategory = new Map<string, string[]>();
  for (const m of [...metas].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const links = byCategory.get(m.category) ?? [];
    links.push(`[\`${m.id.slice(m.id.indexOf('/') + 1)}\`](docs/rules/${m.id}.md)`);
    byCategory.set(m.category, links);
  }
  return [
    '| category | rules |',
    '|---|---|',
    ...[...byCategory].map(([category, links]) => `| ${category} (${links.length}) | ${links.join(', ')} |`),
  ].join('\n');
}

/** The README with its rule table replaced by `table`; an error when the markers around it are missing. */
export function withRuleTable(readme: string, table: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start)
    throw new Error(`README.md: the rule table markers are missing ("${START}" … "${END}")`);
  return `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`;
}
