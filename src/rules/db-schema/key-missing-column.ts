import type { Rule } from '../rule.js';
import { customTables, moduleFields, shippedCoreSchema, type SchemaSource } from './schema-pair.js';
import { NEAREST_SCHEMA_MESSAGES, SCHEMA_DATA_RECOMMENDATIONS } from './schema-pair.js';
import { ABSENT_MESSAGES, mergedTargetSchema, whyAbsent } from './target-schema.js';

export function createKeyMissingColumnRule(load: SchemaSource): Rule {
  return {
    meta: {
      id: 'db-schema/key-missing-column',
      severity: 'error',
      category: 'db-schema',
      description: 'An index or constraint lists a column the target schema does not have (undeclared or disabled).',
      docs: `Magento's declarative installer builds one schema from every module's db_schema.xml, skipping each
element whose merged declaration says \`disabled="true"\` (\`SchemaBuilder::processColumns\`), then resolves the
columns of every index and constraint by name (\`SchemaBuilder::convertColumnNamesToObjects\` →
\`getColumnByName\`, vendor/magento/framework/Setup/Declaration/Schema/Declaration/SchemaBuilder.php). A column that
no module declares, or that a module disabled, makes \`setup:upgrade\` stop with \`Table <table> do not have column
with name <column>\` — what magento/magento2#40140 hit upgrading 2.4.7-p5 → 2.4.8-p1.

Checked against the target's core schema (shipped data, or \`--target-vendor\`) merged with every module of the
project. A column declared nowhere MageUp can see is reported as "could not verify" (info) when some module's
db_schema.xml was not read.

**How to fix:** declare the column (or stop disabling it), or remove it from the index/constraint — or disable the
index/constraint together with the column.`,
      recommendations: {
        ...SCHEMA_DATA_RECOMMENDATIONS,
        disableKey: 'Disable `{{key}}` too, or stop disabling `{{table}}.{{column}}`.',
        declareColumn: "Declare `{{table}}.{{column}}` in the module's db_schema.xml, or drop it from `{{key}}`.",
      },
      messages: {
        ...NEAREST_SCHEMA_MESSAGES,
        ...ABSENT_MESSAGES,
        missing:
          '{{module}}: {{what}} `{{key}}` on `{{table}}` lists column `{{column}}`, which {{why}} at {{target}}: setup:upgrade stops with "Table {{table}} do not have column with name {{column}}"{{note}}',
        unverified:
          '{{module}}: {{what}} `{{key}}` on `{{table}}` lists column `{{column}}`, which neither core at {{target}} nor any module MageUp read declares: could not verify{{note}}',
        noSchemaData: '{{rule}}: core schema data unavailable: {{error}}',
        // The kinds of key ({{what}}).
        index: 'index',
        foreignKey: 'foreign key',
        constraintKey: '{{type}} key',
      },
      messageSeverity: { unverified: 'info' },
    },
    check(context) {
      const tables = customTables(context).filter(({ table }) => !table.disabled);
      if (tables.length === 0) return;
      const schema = mergedTargetSchema(context, load, 'db-schema/key-missing-column');
      if (!schema) return;
      const target = context.target.release.version;
      for (const { module, table } of tables) {
        const keys = [
          ...table.indexes.map((i) => ({ ...i, what: { messageId: 'index' } })),
          ...table.constraints.map((c) => ({
            ...c,
            what:
              c.type === 'foreign'
                ? { messageId: 'foreignKey' }
                : { messageId: 'constraintKey', data: { type: c.type } },
          })),
        ];
        for (const key of keys) {
          if (key.disabled) continue;
          for (const column of key.columns) {
            const state = schema.column(table.name, column);
            if (state.declared) continue;
            const unverified = !state.disabled && schema.incomplete;
            context.report({
              messageId: unverified ? 'unverified' : 'missing',
              data: {
                module: module.name,
                what: [key.what],
                key: key.referenceId,
                table: table.name,
                column,
                why: whyAbsent(state),
                target,
                note: schema.note,
              },
              ...moduleFields(module),
              file: table.file,
              line: key.line,
              recommendationId: state.disabled ? 'disableKey' : 'declareColumn',
              effort: { hours: 0.5, confidence: 'high' },
              subject: `key-column:${table.name}.${key.referenceId}.${column}`,
            });
          }
        }
      }
    },
  };
}

export const keyMissingColumn = createKeyMissingColumnRule(shippedCoreSchema);
