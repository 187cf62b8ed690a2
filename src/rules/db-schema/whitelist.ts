import type { Rule } from '../rule.js';
import {
  customTables,
  moduleFields,
  shippedCoreSchema,
  type SchemaSource,
  SCHEMA_DATA_RECOMMENDATIONS,
} from './schema-pair.js';
import { mergedTargetSchema } from './target-schema.js';

export function createWhitelistRule(load: SchemaSource): Rule {
  return {
    meta: {
      id: 'db-schema/whitelist',
      severity: 'warning',
      category: 'db-schema',
      description: 'db_schema.xml and db_schema_whitelist.json disagree: a drop Magento will skip, or a missing entry.',
      docs: `Magento's declarative installer applies a destructive change (dropping a table, column, index or
constraint) only to elements some module's db_schema_whitelist.json lists: \`Diff::canBeRegistered\` merges every
module's whitelist and returns false for anything else, so the change is skipped without a word
(vendor/magento/framework/Setup/Declaration/Schema/Diff/Diff.php). A module that disables an element nobody
whitelists leaves it in the database; a module without a whitelist, or whose whitelist misses what it declares, will
not be able to drop those elements in a later release. A left-over table or column is info: it costs disk only, since
Magento's connection runs with \`SQL_MODE=''\` (an insert that omits a NOT NULL column still works); a left-over
index or constraint is a warning, because the database still enforces it.

Core's whitelists are taken to list what core declares at the target (they are generated from core's
db_schema.xml).

**How to fix:** run \`bin/magento setup:db-declaration:generate-whitelist --module-name=<Module>\` and commit the
module's etc/db_schema_whitelist.json.`,
      recommendations: {
        ...SCHEMA_DATA_RECOMMENDATIONS,
        addToWhitelist:
          'Add `{{name}}` to the whitelist of the module that declared it (generate-whitelist before disabling), or drop it with a schema patch.',
        generateWhitelist:
          'Run bin/magento setup:db-declaration:generate-whitelist --module-name={{module}} and commit the file.',
        regenerateWhitelist:
          'Regenerate the whitelist: bin/magento setup:db-declaration:generate-whitelist --module-name={{module}}.',
      },
      messages: {
        disabledNotListed:
          '{{module}} disables {{what}} `{{name}}` of `{{table}}`, which no db_schema_whitelist.json lists: Magento will not drop it',
        disabledTableNotListed:
          '{{module}} disables table `{{table}}`, which no db_schema_whitelist.json lists: Magento will not drop it',
        noWhitelist: '{{module}} declares tables in db_schema.xml but has no etc/db_schema_whitelist.json',
        notListed:
          '{{module}} declares {{what}} `{{name}}` of `{{table}}`, which its db_schema_whitelist.json does not list',
        tableNotListed: '{{module}} declares table `{{table}}`, which its db_schema_whitelist.json does not list',
        noSchemaData: '{{rule}}: core schema data unavailable: {{error}}',
      },
      messageSeverity: { noWhitelist: 'info', notListed: 'info', tableNotListed: 'info' },
    },
    check(context) {
      const declared = customTables(context);
      if (declared.length === 0) return;
      const schema = mergedTargetSchema(context, load, 'db-schema/whitelist');
      if (!schema) return;
      // Diff::getWhiteListTables: every module's whitelist, merged
      const listed = (table: string, type: string, name: string): boolean =>
        context.project.modules.some((m) =>
          type === 'table'
            ? !!m.customizations.dbSchemaWhitelist?.tables[table]
            : !!m.customizations.dbSchemaWhitelist?.tables[table]?.[type]?.[name],
        );
      const inCore = (table: string, type: string, name: string): boolean => {
        const t = schema.core.getTable(table);
        if (!t) return false;
        if (type === 'table') return true;
        if (type === 'column') return !!t.columns[name];
        return !!(t.indexes[name] ?? t.constraints[name]);
      };
      const reportedModules = new Set<string>();
      for (const { module, table } of declared) {
        const own = module.customizations.dbSchemaWhitelist;
        const elements = [
          { type: 'table', what: 'table', name: table.name, line: table.line, disabled: table.disabled },
          ...table.columns.map((c) => ({
            type: 'column',
            what: 'column',
            name: c.name,
            line: c.line,
            disabled: c.disabled,
          })),
          ...table.indexes.map((i) => ({
            type: 'index',
            what: 'index',
            name: i.referenceId,
            line: i.line,
            disabled: i.disabled,
          })),
          ...table.constraints.map((c) => ({
            type: 'constraint',
            what: 'constraint',
            name: c.referenceId,
            line: c.line,
            disabled: c.disabled,
          })),
        ];
        for (const e of elements) {
          const where = { ...moduleFields(module), file: table.file, line: e.line };
          if (e.disabled) {
            if (listed(table.name, e.type, e.name) || inCore(table.name, e.type, e.name)) continue;
            context.report({
              // A left-over table or column costs disk only (Magento's connection runs with SQL_MODE='', so an
              // insert that omits a NOT NULL column still works); a left-over index or constraint is still enforced.
              ...(e.type === 'table' || e.type === 'column' ? { severity: 'info' as const } : {}),
              ...(e.type === 'table'
                ? {
                    messageId: 'disabledTableNotListed',
                    data: { module: module.name, table: table.name, name: e.name },
                  }
                : {
                    messageId: 'disabledNotListed',
                    data: { module: module.name, what: e.what, name: e.name, table: table.name },
                  }),
              ...where,
              recommendationId: 'addToWhitelist',
              effort: { hours: 0.5, confidence: 'high' },
              subject: `whitelist-disabled:${table.name}.${e.type}.${e.name}`,
            });
            continue;
          }
          if (!own) {
            if (reportedModules.has(module.name)) continue;
            reportedModules.add(module.name);
            context.report({
              messageId: 'noWhitelist',
              data: { module: module.name },
              ...where,
              recommendationId: 'generateWhitelist',
              effort: { hours: 0.25, confidence: 'high' },
              subject: `whitelist-file:${module.name}`,
            });
            continue;
          }
          // a table core declares is core's to whitelist; the module lists only what it adds
          if (inCore(table.name, e.type, e.name)) continue;
          if (e.type === 'table' ? own.tables[table.name] : own.tables[table.name]?.[e.type]?.[e.name]) continue;
          context.report({
            ...(e.type === 'table'
              ? { messageId: 'tableNotListed', data: { module: module.name, table: table.name } }
              : {
                  messageId: 'notListed',
                  data: { module: module.name, what: e.what, name: e.name, table: table.name },
                }),
            ...where,
            recommendationId: 'regenerateWhitelist',
            effort: { hours: 0.25, confidence: 'high' },
            subject: `whitelist-entry:${table.name}.${e.type}.${e.name}`,
          });
        }
      }
    },
  };
}

export const whitelist = createWhitelistRule(shippedCoreSchema);
