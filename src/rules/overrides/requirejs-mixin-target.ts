import type { Rule } from '../rule.js';
import { checkJsTarget, requireJsConfigs } from './requirejs-targets.js';

export const rule: Rule = {
  meta: {
    id: 'overrides/requirejs-mixin-target',
    severity: 'warning',
    category: 'overrides',
    description: 'requirejs-config.js mixin on core JS that changed or disappeared in the target',
    docs: 'A mixin wraps the functions of a core JS module: when the module changes, the mixin may break or silently stop applying; when it disappears, the mixin never runs.',
  },
  check(context) {
    for (const { config, area } of requireJsConfigs(context)) {
      for (const mixin of config.mixins) {
        checkJsTarget(context, mixin.target, area, (state, detail) =>
          context.report({
            severity: state === 'removed' ? 'error' : state === 'unverified' ? 'info' : 'warning',
            file: config.file,
            line: mixin.targetLine ?? mixin.line,
            subject: `${mixin.target} ${mixin.mixin}`,
            message: `Mixin ${mixin.mixin} on ${mixin.target}: ${detail}.`,
            recommendation:
              state === 'removed'
                ? 'Find what replaced the module in the target and move the mixin there (or drop it).'
                : state === 'unverified'
                  ? 'Test the mixin on a target install, or pass --target-vendor to compare the module.'
                  : 'Review the upstream change of the target module and test the mixin against it.',
            effort: { hours: state === 'removed' ? 4 : state === 'unverified' ? 0 : 1, confidence: 'low' },
          }),
        );
      }
    }
  },
};
