import type { Rule } from '../rule.js';

export const duplicateDbColumn: Rule = {
  meta: {
    id: 'conflicts/duplicate-db-column',
    severity: 'warning',
    category: 'conflicts',
    description: 'Two modules declare the same column of the same table in db_schema.xml',
    docs: "Declarative schema merges db_schema.xml files: the module loaded last decides the column definition, and removing either module may drop the column. Core-table changes across releases are db-schema/core-table-changed's job.",
    recommendations: {
      oneOwner: 'Let one module own the column; the other should depend on it (sequence) instead of redeclaring it.',
    },
    messages: { duplicate: 'Column {{column}} ({{type}}) is also declared by {{others}}.' },
  },
  check(context) {
    const groups = new Map<string, { module: string; file: string; line: number; type: string }[]>();
    for (const m of context.project.modules) {
      if (m.core || m.enabled === false) continue;
      for (const table of m.customizations.dbSchema) {
        for (const column of table.columns) {
          if (column.disabled) continue;
          const key = `${table.name}.${column.name}`;
          groups.set(key, [
            ...(groups.get(key) ?? []),
            { module: m.name, file: table.file, line: column.line, type: column.type },
          ]);
        }
      }
    }
    for (const [key, list] of groups) {
      if (new Set(list.map((e) => e.module)).size < 2) continue;
      for (const entry of list) {
        const others = list.filter((e) => e.module !== entry.module);
        context.report({
          file: entry.file,
          line: entry.line,
          module: entry.module,
          subject: key,
          messageId: 'duplicate',
          data: {
            column: key,
            type: entry.type,
            others: others.map((o) => `${o.module} (${o.type}, ${o.file}:${o.line})`).join(', '),
          },
          recommendationId: 'oneOwner',
        });
      }
    }
  },
};
