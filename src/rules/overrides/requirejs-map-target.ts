import type { Rule } from '../rule.js';
import { checkJsTarget, requireJsConfigs } from './requirejs-targets.js';

export const rule: Rule = {
  meta: {
    id: 'overrides/requirejs-map-target',
    severity: 'warning',
    category: 'overrides',
    description: 'requirejs-config.js map/paths entry replacing core JS that changed or disappeared in the target',
    docs: 'A map (or paths) entry replaces a core JS module with a custom copy: upstream changes to the original never reach the store, and a removed original leaves the copy serving a dead id.',
    messages: {
      changed: '{{to}} replaces {{from}}: {{detail}}.',
      removed: '{{to}} replaces {{from}}: {{detail}}.',
      unverified: '{{to}} replaces {{from}}: {{detail}}.',
    },
    messageSeverity: { removed: 'error', unverified: 'info' },
  },
  check(context) {
    for (const { config, area } of requireJsConfigs(context)) {
      for (const entry of [...config.map, ...config.paths]) {
        checkJsTarget(context, entry.from, area, (state, detail) =>
          context.report({
            file: config.file,
            line: entry.line,
            subject: `${entry.from} ${entry.to}`,
            messageId: state === 'removed' ? 'removed' : state === 'unverified' ? 'unverified' : 'changed',
            data: { to: entry.to, from: entry.from, detail },
            recommendation:
              state === 'unverified'
                ? 'Compare the replacement with the original of a target install, or pass --target-vendor.'
                : 'Port the upstream change of the original into the replacement, or drop the replacement.',
            effort: { hours: state === 'unverified' ? 0 : 1, confidence: 'low' },
          }),
        );
      }
    }
  },
};
