import type { Rule } from '../rule.js';
import { describeOriginal, evaluateOverrides } from './theme-overrides.js';

export const rule: Rule = {
  meta: {
    id: 'overrides/redundant-override',
    severity: 'info',
    category: 'overrides',
    description: 'Theme override identical to the original it replaces',
    docs: 'A copy identical to the original only stops future upstream fixes from reaching the store: delete it.',
  },
  check(context) {
    const projectHash = context.files?.projectHash;
    if (!projectHash) return;
    for (const { theme, override, state } of evaluateOverrides(context)) {
      if (state.kind !== 'unchanged' && state.kind !== 'changed') continue;
      if (projectHash(override.file) !== state.original.hash) continue;
      context.report({
        severity: 'info',
        file: override.file,
        subject: `${theme.code} ${override.modulePath}`,
        message: `${override.file} is identical to ${describeOriginal(state.original)} (${context.files!.current!.label}).`,
        recommendation: 'Delete the override so the store keeps receiving upstream changes of the original.',
        effort: { hours: 0.25, confidence: 'high' },
      });
    }
  },
};
