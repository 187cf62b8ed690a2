import type { Rule } from '../rule.js';
import { appliesOn, deprecatedSyntax, whereOf } from './code-helpers.js';

export const caseSemicolon: Rule = {
  meta: {
    id: 'php-version/case-semicolon',
    severity: 'warning',
    category: 'php-version',
    description: '`case X;` / `default;` in a switch (deprecated in PHP 8.5).',
    docs: `PHP 8.5 deprecates terminating a \`case\` (or \`default\`) label with a semicolon instead of a colon (RFC
"Deprecations for PHP 8.5"; listed in PHP 8.5's UPGRADING). Reported when the target PHP is 8.5 or newer.

**How to fix:** write \`case X:\` and \`default:\`.`,
    recommendations: {
      colon: 'End the case (or default) label with a colon.',
    },
    messages: {
      caseSemicolon: 'a switch label ends with ";" instead of ":", deprecated since PHP 8.5 (target runs {{php}})',
    },
  },
  check(context) {
    if (!appliesOn(context, '8.5')) return;
    for (const { unit, at } of deprecatedSyntax(context, ['case-semicolon'])) {
      context.report({
        ...whereOf(unit),
        line: at.line,
        column: at.column,
        messageId: 'caseSemicolon',
        data: { php: context.target.php },
        recommendationId: 'colon',
        effort: { hours: 0.1, confidence: 'high' },
        subject: `case-semicolon:${at.line}`,
      });
    }
  },
};
