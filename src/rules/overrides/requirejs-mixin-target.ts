import type { Rule } from '../rule.js';
import { checkJsTarget, JS_TARGET_DETAIL_MESSAGES, requireJsConfigs } from './requirejs-targets.js';

export const requirejsMixinTarget: Rule = {
  meta: {
    id: 'overrides/requirejs-mixin-target',
    severity: 'warning',
    category: 'overrides',
    description: 'requirejs-config.js mixin on core JS that changed or disappeared in the target',
    docs: 'A mixin wraps the functions of a core JS module: when the module changes, the mixin may break or silently stop applying; when it disappears, the mixin never runs.',
    recommendations: {
      moveMixin: 'Find what replaced the module in the target and move the mixin there (or drop it).',
      testOnTarget: 'Test the mixin on a target install, or pass --target-vendor to compare the module.',
      reviewChange: 'Review the upstream change of the target module and test the mixin against it.',
    },
    messages: {
      changed: 'Mixin {{mixin}} on {{target}}: {{detail}}.',
      removed: 'Mixin {{mixin}} on {{target}}: {{detail}}.',
      unverified: 'Mixin {{mixin}} on {{target}}: {{detail}}.',
      ...JS_TARGET_DETAIL_MESSAGES,
    },
    messageSeverity: { removed: 'error', unverified: 'info' },
  },
  check(context) {
    for (const { config, area } of requireJsConfigs(context)) {
      for (const mixin of config.mixins) {
        checkJsTarget(context, mixin.target, area, (state, detail) =>
          context.report({
            file: config.file,
            line: mixin.targetLine ?? mixin.line,
            subject: `${mixin.target} ${mixin.mixin}`,
            messageId: state === 'removed' ? 'removed' : state === 'unverified' ? 'unverified' : 'changed',
            data: { mixin: mixin.mixin, target: mixin.target, detail },
            recommendationId:
              state === 'removed' ? 'moveMixin' : state === 'unverified' ? 'testOnTarget' : 'reviewChange',
            effort: { hours: state === 'removed' ? 4 : state === 'unverified' ? 0 : 1, confidence: 'low' },
          }),
        );
      }
    }
  },
};
