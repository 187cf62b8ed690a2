import type { Rule } from '../rule.js';
import { appliesOn, deprecatedSyntax, whereOf } from './code-helpers.js';

export const nullArrayOffset: Rule = {
  meta: {
    id: 'php-version/null-array-offset',
    severity: 'warning',
    category: 'php-version',
    description: '`$array[null]` and `array_key_exists(null, …)` (deprecated in PHP 8.5).',
    docs: `PHP 8.5 deprecates using \`null\` as an array offset and as the key of \`array_key_exists()\` (RFC
"Deprecations for PHP 8.5"; PHP's message: "Using null as an array offset is deprecated, use an empty string
instead"). Only a literal \`null\` is reported: a variable that may hold null at run time cannot be seen statically.
Reported when the target PHP is 8.5 or newer.

**How to fix:** use \`''\` (what PHP always used for a null key).`,
    recommendations: {
      emptyKey: "Use '' instead of null as the key.",
      emptyOffset: "Use '' instead of null as the offset.",
    },
    messages: {
      keyExists: 'array_key_exists(null, …) is deprecated since PHP 8.5 (target runs {{php}})',
      offset: 'null used as an array offset is deprecated since PHP 8.5 (target runs {{php}})',
    },
  },
  check(context) {
    if (!appliesOn(context, '8.5')) return;
    for (const { unit, at } of deprecatedSyntax(context, ['null-offset', 'array-key-exists-null'])) {
      const call = at.kind === 'array-key-exists-null';
      context.report({
        ...whereOf(unit),
        line: at.line,
        column: at.column,
        messageId: call ? 'keyExists' : 'offset',
        data: { php: context.target.php },
        recommendationId: call ? 'emptyKey' : 'emptyOffset',
        effort: { hours: 0.1, confidence: 'high' },
        subject: `${at.kind}:${at.line}`,
      });
    }
  },
};
