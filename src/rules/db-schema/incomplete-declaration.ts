import type { DeclarationRulesIndex } from '../../knowledge/db-schema/declaration.js';
import type { DbTable, Module } from '../../project/model.js';
import type { MessagePart, Rule, RuleContext } from '../rule.js';
import {
  coreSchemaIndex,
  declarationRules,
  moduleFields,
  shippedCoreSchema,
  shippedDeclarationRules,
  type RulesSource,
  type SchemaSource,
  SCHEMA_DATA_RECOMMENDATIONS,
} from './schema-pair.js';

const RULE = 'db-schema/incomplete-declaration';

/**
 * A table that no db_schema.xml gives a column, or a column that no db_schema.xml gives an `xsi:type`, in the target
 * whose Db\SchemaBuilder reads every merged declaration (2.4.7-p5 and later indexed releases).
 */
export function createIncompleteDeclarationRule(loadSchema: SchemaSource, loadRules: RulesSource): Rule {
  return {
    meta: {
      id: RULE,
      severity: 'error',
      category: 'db-schema',
      description:
        'A db_schema.xml table with no column anywhere, or a column with no xsi:type anywhere (often a `disabled="true"` leftover), which the target\'s schema builder cannot read.',
      docs: `From 2.4.7-p5, \`Magento\\Framework\\Setup\\Declaration\\Schema\\Db\\SchemaBuilder::build()\` first reads the
merged db_schema.xml of every enabled module (\`ReaderComposite::read(FileResolverByModule::ALL_MODULES)\`) and walks
\`$data['table'][…]['column'][…]['type']\` to find JSON columns — disabled tables and columns included, with no
\`isset()\`. \`bin/magento\` turns the PHP warning into an exception, so \`setup:upgrade\` (and \`setup:db:status\`)
stop with \`Warning: Undefined array key "column"\` when a table is declared with no \`<column>\` in any module (a
leftover \`<table name="…" disabled="true"/>\`), or \`Undefined array key "type"\` when a column is declared without
\`xsi:type\` and no other declaration of it has one (a leftover \`<column name="…" disabled="true"/>\`). Earlier
releases skip disabled elements before reading their type, so the same file installed fine.

Real cases: Smile ElasticSuite 2.11.10 (\`catalog_eav_attribute.is_used_in_autocomplete\`, magento/magento2#39801,
fixed in 2.11.11 by adding \`xsi:type="boolean"\`), Alma monthly payments (\`alma_insurance_subscription\`
disabled with no column, alma/alma-monthlypayments-magento2#251).

Which releases read the declarations this way is data, read from each release's own Db/SchemaBuilder.php
(data/db-schema/declaration.json.gz, \`scripts/build-db-schema-declaration.ts\`). A target that is not indexed, or
whose builder has another shape, gets "could not verify" (info). Declarations are merged over the target's core
schema and every enabled module of the project; when some module's db_schema.xml was not read — or, checking an
extension alone, a non-Magento module its module.xml \`<sequence>\` names is absent — the finding is "could not verify"
too (that module may declare the column's type or the table's columns).

**How to fix:** give the column its \`xsi:type\` (any valid type: the column stays disabled), give the table its
columns, or delete the leftover declaration once the element is gone from every database.`,
      recommendations: {
        ...SCHEMA_DATA_RECOMMENDATIONS,
        deleteLeftover:
          'Delete the leftover `<table name="{{table}}" disabled="true"/>` (the table is not core\'s), or declare its columns.',
        declareColumns: 'Declare the columns of `{{table}}`, or delete the empty declaration.',
        giveType: 'Give `{{table}}.{{column}}` its `xsi:type` (e.g. the type it had) — it can stay `disabled="true"`.',
      },
      messages: {
        columnlessTable:
          '{{module}}: table `{{table}}` is declared with no column by any module (nor core){{disabled}}: setup:upgrade at {{target}} stops with `Warning: Undefined array key "column"` (Db/SchemaBuilder.php)',
        untypedColumn:
          '{{module}}: column `{{table}}.{{column}}` has no xsi:type in any declaration (nor core){{disabled}}: setup:upgrade at {{target}} stops with `Warning: Undefined array key "type"` (Db/SchemaBuilder.php)',
        unverified:
          '{{module}}: {{what}}{{disabled}}: {{why}}; setup:upgrade stops on it at {{known}}: could not verify at {{target}}',
        disabledDeclaration: ' (`disabled="true"`)',
        whatColumnlessTable: 'table `{{table}}` is declared with no column by any module (nor core)',
        whatUntypedColumn: 'column `{{table}}.{{column}}` has no xsi:type in any declaration (nor core)',
        // {{why}}: one of these.
        whyUnknownShape: "{{target}}'s Db/SchemaBuilder.php reads the declarations in a shape MageUp does not know",
        whyNotIndexed: '{{target}} is not indexed',
        whyUnread: "some module's db_schema.xml was not read",
        whyAbsentDependency: '{{modules}}, which {{module}} depends on, was not read',
        whyAbsentDependencies: '{{modules}}, which {{module}} depends on, were not read',
        // {{modules}}: these, comma-separated.
        absentModule: '`{{name}}`',
        // {{known}}: one of these, or knownRelease parts comma-separated.
        knownNone: 'no indexed release',
        knownRange: '{{first}} … {{last}} ({{count}} indexed releases)',
        knownRelease: '{{version}}',
        noSchemaData: '{{rule}}: core schema data unavailable: {{error}}',
        noRulesData: '{{rule}}: declaration data unavailable: {{error}}',
      },
      listSeparators: { modules: ', ', known: ', ' },
      messageSeverity: { unverified: 'info', noRulesData: 'info' },
    },
    check(context) {
      const modules = context.project.modules.filter((m) => m.enabled !== false);
      const subjects = modules
        .filter((m) => !m.core)
        .flatMap((module) => module.customizations.dbSchema.map((table) => ({ module, table })));
      if (!subjects.length) return;
      const index = declarationRules(context, loadRules, RULE);
      if (!index) return;
      const schema = coreSchemaIndex(context, loadSchema, RULE);
      if (!schema) return;
      const target = context.target.release.version;
      const core = schema.at(target);
      const fact = index.at(target)?.readsEveryDeclaredColumnType;
      if (fact === 'no') return;
      const known = releasesReading(index);
      const oddShape = fact === 'unknown';
      const whyUnknown: MessagePart[] = [
        { messageId: oddShape ? 'whyUnknownShape' : 'whyNotIndexed', data: { target } },
      ];
      const unread = context.project.modules.some((m) => !m.core && m.customizationsScanned === false);
      const present = new Set(context.project.modules.map((m) => m.name));
      // A module the declaring module loads after (module.xml <sequence>) that MageUp does not have — an extension
      // checked without the extensions it depends on — may give the table its columns or the column its type.
      const unreadReason = (module: Module): MessagePart[] | undefined => {
        if (unread) return [{ messageId: 'whyUnread' }];
        const absent = module.sequence.filter((name) => !name.startsWith('Magento_') && !present.has(name));
        if (!absent.length) return undefined;
        const modules = absent.map((name) => ({ messageId: 'absentModule', data: { name } }));
        return [
          {
            messageId: absent.length > 1 ? 'whyAbsentDependencies' : 'whyAbsentDependency',
            data: { modules, module: module.name },
          },
        ];
      };
      const declarations = declarationsByTable(modules);

      for (const { module, table } of subjects) {
        const all = declarations.get(table.name) ?? [];
        const notRead = unreadReason(module);
        // The nearest indexed core schema stands in when the target's is not indexed: a table or column core has
        // there counts as declared (never a finding on a guess).
        const coreTable = core.getTable(table.name);
        if (!coreTable && table.columns.length === 0 && all.every((t) => t.columns.length === 0)) {
          report(context, fact === 'yes' && !notRead, {
            messageId: 'columnlessTable',
            module,
            table,
            line: table.line,
            what: [{ messageId: 'whatColumnlessTable', data: { table: table.name } }],
            disabled: table.disabled ? [{ messageId: 'disabledDeclaration' }] : [],
            whyUnknown: fact === 'yes' ? (notRead ?? []) : whyUnknown,
            known,
            target,
            recommendationId: table.disabled ? 'deleteLeftover' : 'declareColumns',
            subject: `columnless-table:${table.name}`,
          });
        }
        for (const column of table.columns) {
          if (column.type) continue;
          const typed =
            !!coreTable?.columns[column.name]?.type ||
            all.some((t) => t.columns.some((c) => c.name === column.name && c.type));
          if (typed) continue;
          report(context, fact === 'yes' && !notRead, {
            messageId: 'untypedColumn',
            module,
            table,
            column: column.name,
            line: column.line,
            what: [{ messageId: 'whatUntypedColumn', data: { table: table.name, column: column.name } }],
            disabled: column.disabled ? [{ messageId: 'disabledDeclaration' }] : [],
            whyUnknown: fact === 'yes' ? (notRead ?? []) : whyUnknown,
            known,
            target,
            recommendationId: 'giveType',
            subject: `untyped-column:${table.name}.${column.name}`,
          });
        }
      }
    },
  };
}

interface Candidate {
  messageId: 'columnlessTable' | 'untypedColumn';
  module: Module;
  table: DbTable;
  column?: string;
  line: number;
  what: MessagePart[];
  disabled: MessagePart[];
  whyUnknown: MessagePart[];
  known: MessagePart[];
  target: string;
  recommendationId: string;
  subject: string;
}

/** An error when the target is known to fail on it, else "could not verify" (info) naming what is known. */
function report(context: RuleContext, proven: boolean, c: Candidate): void {
  const common = {
    ...moduleFields(c.module),
    file: c.table.file,
    line: c.line,
    recommendationId: c.recommendationId,
    subject: c.subject,
  };
  if (proven)
    context.report({
      messageId: c.messageId,
      data: {
        module: c.module.name,
        table: c.table.name,
        ...(c.column ? { column: c.column } : {}),
        disabled: c.disabled,
        target: c.target,
      },
      ...common,
      effort: { hours: 0.25, confidence: 'high' },
    });
  else
    context.report({
      messageId: 'unverified',
      data: {
        module: c.module.name,
        what: c.what,
        disabled: c.disabled,
        why: c.whyUnknown,
        known: c.known,
        target: c.target,
        table: c.table.name,
        ...(c.column ? { column: c.column } : {}),
      },
      ...common,
    });
}

/** Every enabled module's declarations of each table (core modules included: the project may vendor core). */
function declarationsByTable(modules: Module[]): Map<string, DbTable[]> {
  const map = new Map<string, DbTable[]>();
  for (const module of modules)
    for (const table of module.customizations.dbSchema) map.set(table.name, [...(map.get(table.name) ?? []), table]);
  return map;
}

/** "2.4.7-p5 … 2.4.8-p2" style list of the indexed releases whose builder is known to stop (`{{known}}`). */
function releasesReading(index: DeclarationRulesIndex): MessagePart[] {
  const yes = index.releases.filter((r) => index.at(r)?.readsEveryDeclaredColumnType === 'yes');
  if (!yes.length) return [{ messageId: 'knownNone' }];
  if (yes.length > 3)
    return [{ messageId: 'knownRange', data: { first: yes[0]!, last: yes.at(-1)!, count: yes.length } }];
  return yes.map((version) => ({ messageId: 'knownRelease', data: { version } }));
}

export const incompleteDeclaration = createIncompleteDeclarationRule(shippedCoreSchema, shippedDeclarationRules);
