import type { Rule } from '../rule.js';
import { appliesOn, whereOf } from './code-helpers.js';

export const sleepWakeup: Rule = {
  meta: {
    id: 'php-version/sleep-wakeup',
    severity: 'info',
    category: 'php-version',
    description: '__sleep() / __wakeup() (soft-deprecated in PHP 8.5: documentation only, no runtime notice).',
    docs: `PHP 8.5 soft-deprecates \`__sleep()\` and \`__wakeup()\` in favour of \`__serialize()\` and
\`__unserialize()\`: the documentation marks them deprecated, but PHP 8.5 emits no deprecation notice (the RFC
"Deprecations for PHP 8.5" proposed one; the follow-up "Soft-Deprecate __sleep() and __wakeup()" turned it into a
documentation-only deprecation). Reported at info when the target PHP is 8.5 or newer and the class does not define
\`__serialize()\`/\`__unserialize()\` already (then PHP ignores the old pair).

**How to fix:** nothing is required for 8.5; when touching the class, implement \`__serialize()\`/\`__unserialize()\`.`,
    recommendations: {
      implementModern: 'When this class is next changed, implement {{modern}}() instead.',
    },
    messages: {
      softDeprecated:
        '{{class}}::{{method}}() is soft-deprecated in PHP 8.5 (documentation only: no notice at run time)',
    },
  },
  check(context) {
    if (!appliesOn(context, '8.5')) return;
    for (const unit of context.underCheck) {
      for (const cls of unit.analysis.classes) {
        const names = new Set(cls.methods.map((m) => m.name.toLowerCase()));
        for (const method of cls.methods) {
          const name = method.name.toLowerCase();
          if (name !== '__sleep' && name !== '__wakeup') continue;
          const modern = name === '__sleep' ? '__serialize' : '__unserialize';
          if (names.has(modern)) continue;
          context.report({
            ...whereOf(unit),
            line: method.line,
            messageId: 'softDeprecated',
            data: { class: cls.name, method: method.name, modern },
            recommendationId: 'implementModern',
            effort: { hours: 0, confidence: 'high' },
            subject: `${cls.name}::${name}`,
          });
        }
      }
    }
  },
};
