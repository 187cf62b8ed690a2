import type { Rule } from '../rule.js';
import { describeColumn } from './core-table-changed.js';
import {
  customTables,
  moduleFields,
  SCHEMA_PAIR_MESSAGES,
  SCHEMA_PAIR_SEVERITIES,
  schemaPair,
  shippedCoreSchema,
  type SchemaSource,
  SCHEMA_DATA_RECOMMENDATIONS,
} from './schema-pair.js';

export function createNameClashRule(load: SchemaSource): Rule {
  return {
    meta: {
      id: 'db-schema/name-clash',
      severity: 'error',
      category: 'db-schema',
      description: 'A custom table, column, index or constraint has the name of one the target release adds.',
      docs: `When the target adds a core table (or a column, index or constraint on a core table) with the same name as one a
custom module declares, Magento merges both declarations into one: the definitions fight (type, length, keys), data
written by one is read by the other, and \`setup:upgrade\` may fail or silently alter the custom data.

Compares the core schema of the current release with the target's (shipped data covering 2.3.0 … 2.4.8-p1; later
releases use the nearest indexed one, and the finding says so). Names the custom module already shared with core
in the current release are not reported here (see \`db-schema/core-table-changed\`).

**How to fix:** rename the custom table/column/index (prefix it with the vendor), migrate the data with a schema/data
patch, and update the code that uses it — before upgrading.`,
      recommendations: {
        ...SCHEMA_DATA_RECOMMENDATIONS,
        renameTable:
          "Rename the module's table (e.g. with a vendor prefix) and migrate its data before upgrading; core's `{{table}}` has {{coreColumns}} columns of its own.",
        renameColumn:
          "Rename the module's column (vendor prefix) and migrate its values, or adopt the core column if it means the same.",
        renameKey:
          'Rename the referenceId (Magento derives them from table and columns; a vendor prefix avoids clashes).',
      },
      messages: {
        ...SCHEMA_PAIR_MESSAGES,
        table: '{{module}} declares table `{{table}}`, which {{target}} adds to core ({{packages}}){{note}}',
        column: '{{module}} adds column `{{column}}` ({{type}}), which {{target}} adds to core too as {{core}}{{note}}',
        key: '{{module}} declares {{what}} `{{key}}` on `{{table}}`, a name {{target}} adds to core too (on {{columns}}){{note}}',
      },
      messageSeverity: SCHEMA_PAIR_SEVERITIES,
    },
    check(context) {
      const pair = schemaPair(context, load, 'db-schema/name-clash');
      if (!pair) return;
      const { current, target, note } = pair;
      for (const { module, table } of customTables(context)) {
        if (table.disabled) continue;
        const before = current.getTable(table.name);
        const after = target.getTable(table.name);
        const where = { ...moduleFields(module), file: table.file };
        if (!after) continue;
        if (!before) {
          context.report({
            ...where,
            line: table.line,
            messageId: 'table',
            data: {
              module: module.name,
              table: table.name,
              target: target.release,
              packages: after.packages.join(', '),
              note,
              coreColumns: Object.keys(after.columns).length,
            },
            recommendationId: 'renameTable',
            effort: { hours: 4, confidence: 'medium' },
            subject: `table:${table.name}`,
          });
          continue;
        }
        for (const column of table.columns) {
          if (column.disabled || before.columns[column.name] || !after.columns[column.name]) continue;
          context.report({
            ...where,
            line: column.line,
            messageId: 'column',
            data: {
              module: module.name,
              column: `${table.name}.${column.name}`,
              type: `${column.type}${column.length ? `(${column.length})` : ''}`,
              target: target.release,
              core: describeColumn(after.columns[column.name]!),
              note,
            },
            recommendationId: 'renameColumn',
            effort: { hours: 2, confidence: 'medium' },
            subject: `column:${table.name}.${column.name}`,
          });
        }
        const keyed = [
          ...table.indexes.map((i) => ({ id: i.referenceId, line: i.line, disabled: i.disabled, what: 'index' })),
          ...table.constraints.map((c) => ({
            id: c.referenceId,
            line: c.line,
            disabled: c.disabled,
            what: `${c.type} constraint`,
          })),
        ];
        for (const key of keyed) {
          if (key.disabled || !key.id) continue;
          const inBefore = before.indexes[key.id] ?? before.constraints[key.id];
          const inAfter = after.indexes[key.id] ?? after.constraints[key.id];
          if (inBefore || !inAfter) continue;
          context.report({
            ...where,
            line: key.line,
            messageId: 'key',
            data: {
              module: module.name,
              what: key.what,
              key: key.id,
              table: table.name,
              target: target.release,
              columns: inAfter.columns.join(', '),
              note,
            },
            recommendationId: 'renameKey',
            effort: { hours: 1, confidence: 'medium' },
            subject: `key:${table.name}.${key.id}`,
          });
        }
      }
    },
  };
}

export const nameClash = createNameClashRule(shippedCoreSchema);
