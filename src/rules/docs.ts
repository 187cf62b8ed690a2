import { VERIFY_RULES } from '../verify/rules.js';
import { allRules } from './registry.js';
import type { RuleMeta } from './rule.js';

export interface RuleDocPage {
  /** Path below docs/rules/: `<category>/<name>.md`, or `README.md` for the index. */
  path: string;
  text: string;
}

/** The documentation pages of every rule, and an index, rendered from the rules' own metadata. */
export function ruleDocPages(): RuleDocPage[] {
  // `mageup verify` judges the running store, not code: its rules have no check() but are documented alike.
  const metas = [...allRules().map((r) => r.meta), ...VERIFY_RULES];
  return [
    { path: 'README.md', text: indexPage(metas) },
    ...metas.map((m) => ({ path: `${m.id}.md`, text: rulePage(m) })),
  ];
}

function rulePage(meta: RuleMeta): string {
  const facts = [
    `- **Id:** \`${meta.id}\``,
    `- **Category:** ${meta.category}`,
    `- **Default severity:** ${meta.severity}`,
    ...(meta.uctCode !== undefined ? [`- **Upgrade Compatibility Tool code:** ${meta.uctCode}`] : []),
  ];
  return `# ${meta.id}\n\n${meta.description}\n\n${facts.join('\n')}\n\n${meta.docs.trim()}\n${recommendationList(meta)}`;
}

/** The rule's recommendation templates, each `{{placeholder}}` shown as `<placeholder>` (filled from each finding's data). */
function recommendationList(meta: RuleMeta): string {
  const entries = Object.entries(meta.recommendations ?? {});
  if (entries.length === 0) return '';
  const items = entries.map(([id, template]) => `- \`${id}\`: ${placeholdersShown(template)}`);
  const legend = entries.some(([, template]) => PLACEHOLDER.test(template))
    ? '\n\n`<name>` is filled in from each finding: a value (a class, a version) or an optional phrase, empty when it does not apply.'
    : '';
  return `\n## Recommendations${legend}\n\n${items.join('\n')}\n`;
}

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/;

/**
 * A template as a reader of the docs understands it: `{{name}}` (the engine's syntax) becomes `<name>`, escaped as
 * `\<name>` outside code spans, where Markdown would take it for an HTML tag and show nothing.
 */
function placeholdersShown(template: string): string {
  return template
    .split('`')
    .map((part, i) =>
      part.replace(new RegExp(PLACEHOLDER.source, 'g'), (_, name: string) =>
        i % 2 === 1 ? `<${name}>` : `\\<${name}>`,
      ),
    )
    .join('`');
}

function indexPage(metas: RuleMeta[]): string {
  const rows = metas.map(
    (m) =>
      `| [\`${m.id}\`](${m.id}.md) | ${m.severity} | ${m.uctCode ?? ''} | ${m.description.replace(/\|/g, '\\|')} |`,
  );
  return [
    '# MageUp rules',
    '',
    "Generated from each rule's metadata by `node --import tsx scripts/generate-rule-docs.ts`; do not edit by hand.",
    '',
    '| rule | default severity | UCT code | what it finds |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
