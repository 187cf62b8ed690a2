import type { Rule } from '../rule.js';
import { vendorTreeSchemas } from './schema-pair.js';

export const vendorCoreTableChanged: Rule = {
  meta: {
    id: 'db-schema/vendor-core-table-changed',
    severity: 'warning',
    category: 'db-schema',
    description: "A third-party package's db_schema.xml declares a core table that the target changed",
    docs: `A third-party module that declares a core table (to add columns or indexes to \`sales_order\`, say) merges its
declaration into Magento's. When the target release changes that table, the merged result may differ from what either
side meant: a column both declare takes the attributes of whichever module loads last. Compares the core schema of the
\`--baseline-vendor\` and \`--target-vendor\` trees and names each third-party \`db_schema.xml\` of the target tree that
declares a table core changed. Upgrade-patch-helper reports the same as "DB schema target changed";
\`db-schema/core-table-changed\` does this column by column for the project's own modules.

**How to fix:** compare the package's declaration with the target's core table; update the package to a release made
for the target when they disagree.`,
    recommendations: {
      compareDeclaration:
        "Compare the package's declaration of `{{table}}` with the target's; update the package when they disagree.",
    },
    messages: {
      targetAdds:
        'DB schema target changed: {{file}} ({{package}}) declares core table `{{table}}`, which {{target}} adds ({{coreFiles}}).',
      targetDrops:
        'DB schema target changed: {{file}} ({{package}}) declares core table `{{table}}`, which {{target}} no longer ' +
        'declares ({{coreFiles}}).',
      targetChanges:
        'DB schema target changed: {{file}} ({{package}}) declares core table `{{table}}`, which {{target}} changed ' +
        '({{coreFiles}}).',
    },
  },
  check(context) {
    const trees = vendorTreeSchemas(context);
    if (!trees) return;
    const { current: before, target: after } = trees;
    for (const file of trees.vendorFiles) {
      for (const table of Object.keys(file.target ?? {}).sort()) {
        const a = before.getTable(table);
        const b = after.getTable(table);
        if (!a && !b) continue; // not a core table
        const coreFiles = [...new Set([...(a?.packages ?? []), ...(b?.packages ?? [])])];
        const same = JSON.stringify({ ...a, packages: [] }) === JSON.stringify({ ...b, packages: [] });
        if (same) continue;
        context.report({
          package: file.package,
          file: file.file,
          subject: `${file.file} ${table}`,
          messageId: !a ? 'targetAdds' : !b ? 'targetDrops' : 'targetChanges',
          data: {
            file: file.file,
            package: file.package,
            table,
            target: after.release,
            coreFiles: coreFiles.join(', '),
          },
          recommendationId: 'compareDeclaration',
          effort: { hours: 0.5, confidence: 'medium' },
        });
      }
    }
  },
};
