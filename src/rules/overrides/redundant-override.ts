import { sameIgnoringComments } from '../../check/files/meaningful.js';
import type { ReleaseFiles } from '../../check/files/release-files.js';
import type { Rule } from '../rule.js';
import { describeOriginal } from './theme-overrides.js';

export const redundantOverride: Rule = {
  meta: {
    id: 'overrides/redundant-override',
    severity: 'info',
    category: 'overrides',
    description: 'Theme override identical to the original it replaces',
    docs: 'A copy identical to the original only stops future upstream fixes from reaching the store: delete it.',
    recommendations: {
      deleteAfterUpgrade:
        'Delete the override after upgrading so the store keeps receiving upstream changes of the original.',
      deleteOverride: 'Delete the override so the store keeps receiving upstream changes of the original.',
    },
    messages: {
      identical: '{{file}} is identical to {{original}} ({{current}}).',
      identicalToTarget:
        '{{file}} is identical to {{original}} as {{target}} has it (it already carries the upstream change).',
    },
  },
  check(context) {
    const projectHash = context.files?.projectHash;
    if (!projectHash) return;
    for (const { theme, override, state } of context.files?.themeOverrides ?? []) {
      if (state.kind !== 'unchanged' && state.kind !== 'changed') continue;
      const own = projectHash(override.file);
      // Equal apart from comments and whitespace counts as identical (upgrade-patch-helper's normalisation).
      const text = context.files?.projectText?.(override.file);
      const same = (release: ReleaseFiles | null | undefined) => {
        const original = release?.text?.(state.original.component, state.original.path);
        return text !== undefined && original !== undefined && sameIgnoringComments(text, original, override.file);
      };
      if (own !== state.original.hash && !(state.kind === 'unchanged' && same(context.files?.current))) {
        // Identical to the target's original (upgrade-patch-helper's "Redundant Override"): after the upgrade the
        // copy only keeps later fixes out.
        if (state.kind !== 'changed' || (own !== state.targetHash && !same(context.files?.target))) continue;
        context.report({
          file: override.file,
          subject: `${theme.code} ${override.modulePath}`,
          messageId: 'identicalToTarget',
          data: {
            file: override.file,
            original: describeOriginal(state.original),
            target: context.files!.target!.label,
          },
          recommendationId: 'deleteAfterUpgrade',
          effort: { hours: 0.25, confidence: 'high' },
        });
        continue;
      }
      context.report({
        file: override.file,
        subject: `${theme.code} ${override.modulePath}`,
        messageId: 'identical',
        data: {
          file: override.file,
          original: describeOriginal(state.original),
          current: context.files!.current!.label,
        },
        recommendationId: 'deleteOverride',
        effort: { hours: 0.25, confidence: 'high' },
      });
    }
  },
};
