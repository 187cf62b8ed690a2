import type { Rule } from '../rule.js';

export const setupPatch: Rule = {
  meta: {
    id: 'overrides/setup-patch',
    severity: 'info',
    category: 'overrides',
    description: 'Data and schema patches of custom code, to review against the target',
    docs: 'Patches run once; what they assume about core tables, attributes and configuration may no longer hold on the target (a new install of the target runs them against the new core data). Listed like upgrade-patch-helper\'s "Setup Patch Data/Schema" so they are reviewed.',
    recommendations: {
      nothingUnlessChanged: 'Nothing to change unless the core data or tables it touches changed in the target.',
    },
    messages: {
      dataPatch: 'Data patch {{patch}}: re-check what it assumes about core tables and data on the target.',
      schemaPatch: 'Schema patch {{patch}}: re-check what it assumes about core tables and data on the target.',
    },
  },
  check(context) {
    for (const m of context.project.modules) {
      if (m.core) continue;
      for (const script of m.customizations.setupScripts) {
        if (script.kind !== 'data-patch' && script.kind !== 'schema-patch') continue;
        const line = context.code.find((c) => c.analysis.file === script.file)?.analysis.classes[0]?.line;
        context.report({
          file: script.file,
          ...(line !== undefined ? { line } : {}),
          module: m.name,
          subject: `${script.kind} ${script.class ?? script.file}`,
          messageId: script.kind === 'data-patch' ? 'dataPatch' : 'schemaPatch',
          data: { patch: script.class ?? script.file },
          recommendationId: 'nothingUnlessChanged',
        });
      }
    }
  },
};
