import type { Rule } from '../rule.js';

/** Non-core modules installed but disabled in app/etc/config.php: dead weight to upgrade. */
export const disabledModule: Rule = {
  meta: {
    id: 'lifecycle/disabled-module',
    severity: 'info',
    category: 'lifecycle',
    description: 'A module is installed but disabled.',
    docs:
      'A disabled module still has to install with the target (its Composer constraints take part in resolution) and ' +
      'its code stays in the codebase, to be kept compatible for the day it is enabled again, while it does nothing. ' +
      'Its code findings are listed as info: its configuration is not loaded and its code runs only if enabled code uses its classes. ' +
      'Removing it before the upgrade shrinks the work. Core modules are left alone: disabling them is a normal choice.',
    recommendations: {
      removePackage:
        'If it is no longer needed, remove it before upgrading (composer remove {{package}}); its requirements and code still count.',
      deletePath:
        'If it is no longer needed, delete {{path}} before upgrading; its code still has to be kept compatible.',
    },
    messages: { disabled: '{{module}} is installed but disabled in app/etc/config.php.' },
  },
  check(ctx) {
    if (ctx.project.kind === 'extension' || ctx.project.configPhpPresent === false) return;
    for (const module of ctx.project.modules) {
      // A module config.php lists but no code registers is not installed: the audit reports it, not this rule.
      if (module.core || module.enabled !== false || !module.path) continue;
      ctx.report({
        module: module.name,
        package: module.package ?? undefined,
        file: module.registrationFile ?? module.path,
        subject: `${module.name} disabled`,
        messageId: 'disabled',
        data: { module: module.name, ...(module.package ? { package: module.package } : { path: module.path }) },
        recommendationId: module.package ? 'removePackage' : 'deletePath',
        effort: { hours: 0.5, confidence: 'medium' },
      });
    }
  },
};
