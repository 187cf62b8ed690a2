import type { SetupScript } from '../../project/model.js';
import type { Rule } from '../rule.js';
import { customSetupScripts } from './setup-scripts.js';

const LEGACY = new Set<SetupScript['kind']>([
  'install-schema',
  'upgrade-schema',
  'install-data',
  'upgrade-data',
  'recurring',
]);

export const legacySetupScript: Rule = {
  meta: {
    id: 'overrides/legacy-setup-script',
    severity: 'info',
    category: 'overrides',
    description: 'Legacy Install/Upgrade/Recurring setup script',
    docs: 'InstallSchema/UpgradeSchema/InstallData/UpgradeData scripts are the pre-2.3 mechanism: next to a db_schema.xml they fight declarative schema, and version-compare logic in them is easily broken by an upgrade. Move schema to db_schema.xml and data to data patches.',
    recommendations: {
      moveToDeclarative:
        'Move the schema to db_schema.xml (with db_schema_whitelist.json) and the data to data patches.',
    },
    messages: {
      legacy: 'Legacy {{kind}} script{{class}}.',
      legacyBesideDeclarative: 'Legacy {{kind}} script{{class}} next to a db_schema.xml.',
    },
  },
  check(context) {
    for (const { module: m, script, at } of customSetupScripts(context, LEGACY)) {
      const declarative = m.customizations.dbSchema.length > 0;
      context.report({
        file: script.file,
        ...at,
        module: m.name,
        subject: `${script.kind} ${script.class ?? script.file}`,
        messageId: declarative ? 'legacyBesideDeclarative' : 'legacy',
        data: { kind: script.kind, class: script.class ? ` ${script.class}` : '' },
        recommendationId: 'moveToDeclarative',
        // Advice, not upgrade work: the target still runs these scripts (plan's default for info is 0 h too).
        effort: { hours: 0, confidence: 'high' },
      });
    }
  },
};
