import type { Rule } from '../rule.js';
import { appliesOn, deprecatedSyntax, whereOf } from './code-helpers.js';

export const backtickOperator: Rule = {
  meta: {
    id: 'php-version/backtick-operator',
    severity: 'warning',
    category: 'php-version',
    description: 'The backtick operator (`cmd`), an alias of shell_exec() (deprecated in PHP 8.5).',
    docs: `PHP 8.5 deprecates the backtick operator as an alias for \`shell_exec()\` (RFC "Deprecations for PHP 8.5";
listed in PHP 8.5's UPGRADING). Reported when the target PHP is 8.5 or newer.

**How to fix:** call \`shell_exec('…')\` — or, better in Magento code, \`Magento\\Framework\\Shell\` or Symfony Process,
which escape arguments.`,
    recommendations: {
      shellExec: "Call shell_exec('…') instead (or Magento\\Framework\\Shell, which escapes arguments).",
    },
    messages: { backtick: 'the backtick operator is deprecated since PHP 8.5 (target runs {{php}})' },
  },
  check(context) {
    if (!appliesOn(context, '8.5')) return;
    for (const { unit, at } of deprecatedSyntax(context, ['backtick'])) {
      context.report({
        ...whereOf(unit),
        line: at.line,
        column: at.column,
        messageId: 'backtick',
        data: { php: context.target.php },
        recommendationId: 'shellExec',
        effort: { hours: 0.1, confidence: 'high' },
        subject: `backtick:${at.line}`,
      });
    }
  },
};
