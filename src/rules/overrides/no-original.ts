import type { Rule } from '../rule.js';

export const noOriginal: Rule = {
  meta: {
    id: 'overrides/no-original',
    severity: 'info',
    category: 'overrides',
    description: 'Theme file in a module folder that matches no original (new file, or an override of a moved file)',
    docs:
      'A theme file under `Vendor_Module/` that exists in no parent theme and not in the module is either a new file ' +
      '(fine) or an override of a file that moved or was renamed (dead: the store no longer uses it).',
    recommendations: {
      findCurrentPath: 'If it was meant to override a core file, find its current path; otherwise nothing to do.',
    },
    messages: {
      noOriginal:
        'No original found for {{file}} in {{where}} ({{current}}): a new file, or an override of a file that moved.',
      // The {{where}} of a theme file of no module.
      parentThemes: 'the parent themes',
    },
  },
  check(context) {
    for (const { theme, override, state } of context.files?.themeOverrides ?? []) {
      if (state.kind !== 'no-original' || override.kind === 'layout') continue;
      context.report({
        file: override.file,
        subject: `${theme.code} ${override.modulePath}`,
        messageId: 'noOriginal',
        data: {
          file: override.file,
          where: override.module ?? [{ messageId: 'parentThemes' }],
          current: context.files!.current!.label,
        },
        recommendationId: 'findCurrentPath',
      });
    }
  },
};
