import type { Rule } from '../rule.js';
import { customTables, moduleFields, shippedCoreSchema, type SchemaSource } from './schema-pair.js';
import { NEAREST_SCHEMA_MESSAGES, SCHEMA_DATA_RECOMMENDATIONS } from './schema-pair.js';
import { ABSENT_MESSAGES, mergedTargetSchema, whyAbsent } from './target-schema.js';

export function createForeignKeyReferenceRule(load: SchemaSource): Rule {
  return {
    meta: {
      id: 'db-schema/foreign-key-reference',
      severity: 'error',
      category: 'db-schema',
      description:
        'A foreign key points at a table or column the target schema does not have (undeclared or disabled).',
      docs: `For every foreign key, Magento's SchemaBuilder looks its reference table up among the merged
declarations (\`$this->tablesData[referenceTable]\`), refuses a disabled one (\`The reference table named "<table>" is
disabled\`), and resolves the reference column by name (\`getColumnByName\`: \`Table <table> do not have column with
name <column>\`), in \`SchemaBuilder::processConstraints\`
(vendor/magento/framework/Setup/Declaration/Schema/Declaration/SchemaBuilder.php). Each of these stops
\`setup:upgrade\`. A reference table declared nowhere ends in an undefined-index error on the same line.

Checked against the target's core schema (shipped data, or \`--target-vendor\`) merged with every module of the
project; a table or column declared nowhere MageUp can see is "could not verify" (info) when some module's
db_schema.xml was not read.

**How to fix:** point the foreign key at a table and column the target declares, or disable the foreign key (or drop
it) together with the table or column it referenced.`,
      recommendations: {
        ...SCHEMA_DATA_RECOMMENDATIONS,
        pointOrDisable: 'Point `{{key}}` at a table and column {{target}} declares, or disable it.',
      },
      messages: {
        ...NEAREST_SCHEMA_MESSAGES,
        ...ABSENT_MESSAGES,
        tableMissing:
          '{{module}}: foreign key `{{key}}` on `{{table}}` references table `{{referenceTable}}`, which {{why}} at {{target}}: setup:upgrade stops{{note}}',
        columnMissing:
          '{{module}}: foreign key `{{key}}` on `{{table}}` references `{{referenceTable}}.{{referenceColumn}}`, which {{why}} at {{target}}: setup:upgrade stops with "Table {{referenceTable}} do not have column with name {{referenceColumn}}"{{note}}',
        unverified:
          '{{module}}: foreign key `{{key}}` on `{{table}}` references `{{referenceTable}}.{{referenceColumn}}`, which neither core at {{target}} nor any module MageUp read declares: could not verify{{note}}',
        noSchemaData: '{{rule}}: core schema data unavailable: {{error}}',
      },
      messageSeverity: { unverified: 'info' },
    },
    check(context) {
      const keys = customTables(context)
        .filter(({ table }) => !table.disabled)
        .flatMap(({ module, table }) =>
          table.constraints
            .filter((c) => c.type === 'foreign' && !c.disabled && c.referenceTable)
            .map((fk) => ({ module, table, fk })),
        );
      if (keys.length === 0) return;
      const schema = mergedTargetSchema(context, load, 'db-schema/foreign-key-reference');
      if (!schema) return;
      const target = context.target.release.version;
      for (const { module, table, fk } of keys) {
        const referenceTable = fk.referenceTable!;
        const referenceColumn = fk.referenceColumn ?? '';
        const tableState = schema.table(referenceTable);
        const columnState = schema.column(referenceTable, referenceColumn);
        if (tableState.declared && columnState.declared) continue;
        const state = tableState.declared ? columnState : tableState;
        const unverified = !state.disabled && schema.incomplete;
        context.report({
          messageId: unverified ? 'unverified' : tableState.declared ? 'columnMissing' : 'tableMissing',
          data: {
            module: module.name,
            key: fk.referenceId,
            table: table.name,
            referenceTable,
            referenceColumn,
            why: whyAbsent(state),
            target,
            note: schema.note,
          },
          ...moduleFields(module),
          file: table.file,
          line: fk.line,
          recommendationId: 'pointOrDisable',
          effort: { hours: 1, confidence: 'medium' },
          subject: `foreign-key:${table.name}.${fk.referenceId}`,
        });
      }
    },
  };
}

export const foreignKeyReference = createForeignKeyReferenceRule(shippedCoreSchema);
