import type { Rule } from '../rule.js';
import { appliesOn, whereOf } from './php-target.js';
import { codeUnderCheck } from '../php-api/code-under-check.js';

export const dollarBraceInterpolation: Rule = {
  meta: {
    id: 'php-version/dollar-brace-interpolation',
    severity: 'warning',
    category: 'php-version',
    description: '"${var}" string interpolation (deprecated in PHP 8.2).',
    docs: `PHP 8.2 deprecates \`"\${var}"\` and \`"\${expr}"\` inside double-quoted strings and heredocs (RFC "Deprecate \${}
string interpolation"). Reported when the target PHP is 8.2 or newer.

**How to fix:** write \`"{$var}"\` (or \`"$var"\`); for \`"\${expr}"\` (variable variables) use \`"{\${expr}}"\`.`,
  },
  check(context) {
    if (!appliesOn(context, '8.2')) return;
    for (const unit of codeUnderCheck(context)) {
      for (const at of unit.analysis.dollarBraceInterpolations ?? []) {
        context.report({
          severity: 'warning',
          ...whereOf(unit),
          line: at.line,
          column: at.column,
          message: `"\${…}" string interpolation is deprecated since PHP 8.2 (target runs ${context.target.php})`,
          recommendation: 'Write "{$var}" instead of "${var}".',
          effort: { hours: 0.1, confidence: 'high' },
          subject: `dollar-brace:${at.line}`,
        });
      }
    }
  },
};
