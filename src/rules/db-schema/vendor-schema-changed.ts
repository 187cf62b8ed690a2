import type { Rule } from '../rule.js';
import { vendorTreeSchemas } from './schema-pair.js';

/**
 * Tables a third-party db_schema.xml adds, changes or removes between the two trees, compared as written (a column
 * comment counts: it is part of the schema).
 */
export function tableChanges(
  baseline: Record<string, string> | undefined,
  target: Record<string, string> | undefined,
): { table: string; change: 'added' | 'changed' | 'removed' }[] {
  const out: { table: string; change: 'added' | 'changed' | 'removed' }[] = [];
  const names = [...new Set([...Object.keys(baseline ?? {}), ...Object.keys(target ?? {})])].sort();
  for (const table of names) {
    const a = baseline?.[table];
    const b = target?.[table];
    if (a === undefined && b !== undefined) out.push({ table, change: 'added' });
    else if (a !== undefined && b === undefined) out.push({ table, change: 'removed' });
    else if (a !== b) out.push({ table, change: 'changed' });
  }
  return out;
}

export const vendorSchemaChanged: Rule = {
  meta: {
    id: 'db-schema/vendor-schema-changed',
    severity: 'warning',
    category: 'db-schema',
    description:
      "A third-party package's db_schema.xml adds, changes or removes its declaration of a core table in the target vendor tree",
    docs: `Compares every third-party (not \`magento/*\`) \`db_schema.xml\` of the \`--baseline-vendor\` tree with the
same file of the \`--target-vendor\` tree, for each core table it declares (its own tables are left out).
\`setup:upgrade\` applies these changes to the store's
database: a removed table or column is dropped with its data (unless the module's whitelist keeps it), a changed column
may be narrowed, and custom code or reports reading the table may break. Upgrade-patch-helper reports the same as
"DB schema added / changed / removed".

**How to fix:** read the package's release notes for the table; back the data up before \`setup:upgrade\` when a table
or column goes; check custom code and integrations that read it.`,
    recommendations: {
      backUp: 'Back up `{{table}}` before setup:upgrade if its data matters; check code that reads it.',
      review: 'Review what setup:upgrade will do to `{{table}}` and the code that reads it.',
    },
    messages: {
      vendorSchema: 'DB schema {{change}}: {{file}} ({{package}}) in the target vendor tree {{what}} (a core table).',
      // The parts of {{what}}: what the file does to the table.
      declares: "declares table `{{table}}`, which the baseline tree's file does not",
      declaresNewFile: "declares table `{{table}}`, which the baseline tree's package has no such file",
      undeclares: 'no longer declares table `{{table}}`',
      undeclaresFileGone: 'no longer declares table `{{table}}` (the file is gone from the target tree)',
      redeclares: 'changes its declaration of table `{{table}}`',
    },
  },
  check(context) {
    const trees = vendorTreeSchemas(context);
    if (!trees) return;
    const { current: before, target: after } = trees;
    for (const file of trees.vendorFiles) {
      for (const { table, change } of tableChanges(file.baselineText, file.targetText)) {
        // A package's own tables are its business; what it does to Magento's tables changes the store's schema.
        if (!before.getTable(table) && !after.getTable(table)) continue;
        const what =
          change === 'added'
            ? file.baseline
              ? 'declares'
              : 'declaresNewFile'
            : change === 'removed'
              ? file.target
                ? 'undeclares'
                : 'undeclaresFileGone'
              : 'redeclares';
        const gone = change === 'removed';
        context.report({
          package: file.package,
          file: file.file,
          subject: `${file.file} ${table}`,
          messageId: 'vendorSchema',
          data: { change, file: file.file, package: file.package, what: [{ messageId: what, data: { table } }], table },
          recommendationId: gone ? 'backUp' : 'review',
          effort: { hours: 0.5, confidence: 'medium' },
        });
      }
    }
  },
};
