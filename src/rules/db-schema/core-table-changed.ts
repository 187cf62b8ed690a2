import type { CoreColumn } from '../../knowledge/db-schema/index.js';
import type { DbColumn } from '../../project/model.js';
import type { MessagePart, Rule } from '../rule.js';
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

/** `varchar(255) NOT NULL` */
export function describeColumn(column: CoreColumn): string {
  const size =
    column.length ?? (column.precision ? `${column.precision}${column.scale ? `,${column.scale}` : ''}` : undefined);
  return [
    `${column.type}${size ? `(${size})` : ''}`,
    column.unsigned ? 'unsigned' : '',
    column.nullable ? 'NULL' : 'NOT NULL',
    column.identity ? 'auto_increment' : '',
    column.default !== undefined ? `default ${column.default}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** Attributes the custom declaration sets that contradict the target's column. */
function overriddenAttributes(custom: DbColumn, target: CoreColumn): MessagePart[] {
  const clashes: MessagePart[] = [];
  if (custom.type && custom.type !== target.type)
    clashes.push({ messageId: 'clashType', data: { mine: custom.type, target: target.type } });
  if (custom.length !== undefined && custom.length !== target.length)
    clashes.push(
      target.length === undefined
        ? { messageId: 'clashLengthNoTarget', data: { mine: custom.length } }
        : { messageId: 'clashLength', data: { mine: custom.length, target: target.length } },
    );
  if (custom.nullable !== undefined && custom.nullable !== target.nullable)
    clashes.push({
      messageId: 'clashNullable',
      data: { mine: String(custom.nullable), target: String(target.nullable) },
    });
  return clashes;
}

function sameColumn(a: CoreColumn, b: CoreColumn): boolean {
  return describeColumn(a) === describeColumn(b);
}

export function createCoreTableChangedRule(load: SchemaSource): Rule {
  return {
    meta: {
      id: 'db-schema/core-table-changed',
      severity: 'error',
      category: 'db-schema',
      description:
        'A custom db_schema.xml declares or modifies a core table or column that the target changed or removed.',
      docs: `Magento merges every module's \`db_schema.xml\`: a custom module that re-declares a core column overrides the
attributes it sets, so a column core widened or retyped in the target (e.g. \`varchar(255)\` → \`text\`) is silently
reverted by a custom declaration that still says \`varchar(255)\` — or \`setup:upgrade\` fails on data that no longer
fits. A core table or column the target removed is re-created by the custom declaration alone, orphaned. Foreign keys
of custom tables pointing at core columns the target removed or retyped fail to apply.

Compares the core schema of the current release with the target's (from core \`db_schema.xml\` files of 2.3.0 …
2.4.8-p1, shipped in \`data/db-schema/\`; later releases use the nearest indexed one, and the finding says so), and
reports each custom declaration touching what changed, with before → after.

UCT reports db_schema issues under codes 7001–7010; this rule is not mapped to one of them, as their exact meanings
could not be verified.

**How to fix:** drop the redundant column attributes from the custom declaration (declare only what the module really
changes), align them with the target's definition, or move the data to a table the module owns.`,
      recommendations: {
        ...SCHEMA_DATA_RECOMMENDATIONS,
        findMovedData:
          'Find where {{target}} moved this data; remove or rewrite the declaration so the module does not create an ' +
          'orphan `{{table}}`.',
        switchToRenamed:
          'Switch the declaration and the code to `{{renamedTo}}`; migrate existing values with a data patch.',
        stopDeclaring: 'Stop declaring `{{columnName}}` unless the module owns it now; migrate its data first.',
        removeOverrides:
          'Remove the overriding attributes from {{file}}:{{line}} (declare only what the module must change), or align ' +
          'them with {{now}}.',
        reviewRedeclaration: 'Review the re-declaration of `{{columnName}}` against the new definition {{now}}.',
        repointForeignKey: 'Point the foreign key at the table that replaced it, or drop it.',
      },
      messages: {
        ...SCHEMA_PAIR_MESSAGES,
        tableRemoved:
          '{{module}} declares core table `{{table}}` ({{packages}} in {{current}}), which {{target}} no longer declares{{note}}',
        columnRemoved:
          '{{module}} re-declares core column `{{column}}` ({{was}} in {{current}}), which {{target}} removed{{renamed}}{{note}}',
        columnChanged:
          'core column `{{column}}` changed: {{was}} ({{current}}) → {{now}} ({{target}}); {{module}} re-declares it{{note}}',
        columnChangedOverridden:
          'core column `{{column}}` changed: {{was}} ({{current}}) → {{now}} ({{target}}); {{module}} re-declares it and ' +
          "its {{clashes}} would override the target's definition{{note}}",
        clashType: 'type {{mine}} (target {{target}})',
        clashLength: 'length {{mine}} (target {{target}})',
        clashLengthNoTarget: 'length {{mine}} (target none)',
        clashNullable: 'nullable={{mine}} (target {{target}})',
        foreignKey:
          'foreign key {{key}} of `{{table}}`{{columns}} references core table `{{referenceTable}}`, which {{target}} ' +
          'removed{{note}}',
        // The part of columnRemoved when a new column of the same definition is likely its new name.
        renamedTo: ' (likely renamed to `{{renamedTo}}`)',
      },
      listSeparators: { clashes: ', ' },
      messageSeverity: { ...SCHEMA_PAIR_SEVERITIES, columnChanged: 'warning' },
    },
    check(context) {
      const pair = schemaPair(context, load, 'db-schema/core-table-changed');
      if (!pair) return;
      const { current, target, note } = pair;
      for (const { module, table } of customTables(context)) {
        const before = current.getTable(table.name);
        const after = target.getTable(table.name);
        const where = { ...moduleFields(module), file: table.file };
        if (before && !after && !table.disabled) {
          context.report({
            ...where,
            line: table.line,
            messageId: 'tableRemoved',
            data: {
              module: module.name,
              table: table.name,
              packages: before.packages.join(', '),
              current: current.release,
              target: target.release,
              note,
            },
            recommendationId: 'findMovedData',
            effort: { hours: 3, confidence: 'low' },
            subject: `table:${table.name}`,
          });
          continue;
        }
        if (before && after) {
          for (const column of table.columns) {
            if (column.disabled) continue;
            const was = before.columns[column.name];
            if (!was) continue; // the module's own column
            const now = after.columns[column.name];
            if (!now) {
              const renamed = Object.entries(after.columns).find(
                ([name, c]) => !before.columns[name] && sameColumn(c, was),
              )?.[0];
              context.report({
                ...where,
                line: column.line,
                messageId: 'columnRemoved',
                data: {
                  module: module.name,
                  column: `${table.name}.${column.name}`,
                  was: describeColumn(was),
                  current: current.release,
                  target: target.release,
                  renamed: renamed ? [{ messageId: 'renamedTo', data: { renamedTo: renamed } }] : [],
                  note,
                  columnName: column.name,
                  ...(renamed ? { renamedTo: renamed } : {}),
                },
                recommendationId: renamed ? 'switchToRenamed' : 'stopDeclaring',
                effort: { hours: 2, confidence: 'medium' },
                subject: `column:${table.name}.${column.name}`,
              });
              continue;
            }
            if (sameColumn(was, now)) continue;
            const clashes = overriddenAttributes(column, now);
            const changed = {
              column: `${table.name}.${column.name}`,
              was: describeColumn(was),
              current: current.release,
              now: describeColumn(now),
              target: target.release,
              module: module.name,
              note,
              columnName: column.name,
              file: table.file,
              line: String(column.line),
            };
            context.report({
              ...where,
              line: column.line,
              ...(clashes.length
                ? { messageId: 'columnChangedOverridden', data: { ...changed, clashes } }
                : { messageId: 'columnChanged', data: changed }),
              recommendationId: clashes.length ? 'removeOverrides' : 'reviewRedeclaration',
              effort: { hours: clashes.length ? 1 : 0.5, confidence: 'medium' },
              subject: `column:${table.name}.${column.name}`,
            });
          }
        }
        for (const constraint of table.constraints) {
          if (constraint.disabled || constraint.type !== 'foreign' || !constraint.referenceTable) continue;
          const refBefore = current.getTable(constraint.referenceTable);
          if (!refBefore) continue; // not a core table
          const refAfter = target.getTable(constraint.referenceTable);
          const referenced = constraint.columns.length ? constraint.columns : [];
          if (!refAfter) {
            context.report({
              ...where,
              line: constraint.line,
              messageId: 'foreignKey',
              data: {
                key: constraint.referenceId,
                table: table.name,
                columns: referenced.length ? ` (${referenced.join(', ')})` : '',
                referenceTable: constraint.referenceTable,
                target: target.release,
                note,
              },
              recommendationId: 'repointForeignKey',
              effort: { hours: 1, confidence: 'medium' },
              subject: `fk:${table.name}.${constraint.referenceId}`,
            });
          }
        }
      }
    },
  };
}

export const coreTableChanged = createCoreTableChangedRule(shippedCoreSchema);
