import type { SetupScript } from '../../project/model.js';
import type { Rule } from '../rule.js';
import { customSetupScripts } from './setup-scripts.js';

const PATCHES = new Set<SetupScript['kind']>(['data-patch', 'schema-patch']);

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
    for (const { module: m, script, at } of customSetupScripts(context, PATCHES)) {
      context.report({
        file: script.file,
        ...at,
        module: m.name,
        subject: `${script.kind} ${script.class ?? script.file}`,
        messageId: script.kind === 'data-patch' ? 'dataPatch' : 'schemaPatch',
        data: { patch: script.class ?? script.file },
        recommendationId: 'nothingUnlessChanged',
      });
    }
  },
};
