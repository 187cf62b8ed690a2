import type { Rule } from '../rule.js';

const LEGACY = new Set(['install-schema', 'upgrade-schema', 'install-data', 'upgrade-data', 'recurring']);

export const rule: Rule = {
  meta: {
    id: 'overrides/legacy-setup-script',
    severity: 'info',
    category: 'overrides',
    description: 'Legacy Install/Upgrade setup scripts (and data/schema patches, to re-run checks on)',
    docs: 'InstallSchema/UpgradeSchema/InstallData/UpgradeData scripts are the pre-2.3 mechanism; next to a db_schema.xml they conflict with declarative schema, and they run in version order that upgrades may break. Data/schema patches are listed so their assumptions about core data are reviewed.',
  },
  check(context) {
    for (const m of context.project.modules) {
      if (m.core) continue;
      const declarative = m.customizations.dbSchema.length > 0;
      for (const script of m.customizations.setupScripts) {
        const legacy = LEGACY.has(script.kind);
        // The class declaration line, from the analysed PHP file (setup scripts are custom code).
        const line = context.code.find((c) => c.analysis.file === script.file)?.analysis.classes[0]?.line;
        context.report({
          severity: 'info',
          file: script.file,
          ...(line !== undefined ? { line } : {}),
          module: m.name,
          subject: `${script.kind} ${script.class ?? script.file}`,
          message: legacy
            ? `Legacy ${script.kind} script${script.class ? ` ${script.class}` : ''}${declarative ? ' next to a db_schema.xml' : ''}.`
            : `${script.kind === 'data-patch' ? 'Data' : 'Schema'} patch ${script.class ?? script.file}: re-check what it assumes about core tables and data on the target.`,
          recommendation: legacy
            ? 'Move the schema to db_schema.xml (with db_schema_whitelist.json) and the data to data patches.'
            : 'Nothing to change unless the core data it touches changed.',
        });
      }
    }
  },
};
