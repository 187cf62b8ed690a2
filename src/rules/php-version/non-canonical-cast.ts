import type { Rule } from '../rule.js';
import { appliesOn, deprecatedSyntax, whereOf } from './code-helpers.js';

const CANONICAL: Record<string, string> = { boolean: 'bool', integer: 'int', double: 'float', binary: 'string' };

export const nonCanonicalCast: Rule = {
  meta: {
    id: 'php-version/non-canonical-cast',
    severity: 'warning',
    category: 'php-version',
    description: '(boolean), (integer), (double) and (binary) casts (deprecated in PHP 8.5).',
    docs: `PHP 8.5 deprecates the non-canonical cast names \`(boolean)\`, \`(integer)\`, \`(double)\` and \`(binary)\`
(RFC "Deprecations for PHP 8.5"; PHP's message: "Non-canonical cast (boolean) is deprecated, use the (bool) cast
instead"). Reported when the target PHP is 8.5 or newer.

**How to fix:** write \`(bool)\`, \`(int)\`, \`(float)\` and \`(string)\`.`,
    recommendations: {
      canonical: 'Write ({{canonical}}) instead of ({{cast}}).',
    },
    messages: { cast: 'the ({{cast}}) cast is deprecated since PHP 8.5 (target runs {{php}})' },
  },
  check(context) {
    if (!appliesOn(context, '8.5')) return;
    for (const { unit, at } of deprecatedSyntax(context, ['non-canonical-cast'])) {
      const cast = at.cast ?? '';
      context.report({
        ...whereOf(unit),
        line: at.line,
        column: at.column,
        messageId: 'cast',
        data: { cast, php: context.target.php, canonical: CANONICAL[cast] ?? '…' },
        recommendationId: 'canonical',
        effort: { hours: 0.1, confidence: 'high' },
        subject: `cast:${cast}:${at.line}`,
      });
    }
  },
};
