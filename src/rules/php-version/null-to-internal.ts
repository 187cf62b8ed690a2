import { nullSensitiveFunction } from '../../knowledge/php-versions/null-sensitive-params.js';
import type { Rule } from '../rule.js';
import { appliesOn, declaresFunction, whereOf } from './code-helpers.js';

export const nullToInternal: Rule = {
  meta: {
    id: 'php-version/null-to-internal',
    severity: 'warning',
    category: 'php-version',
    description:
      'A literal null is passed to a non-nullable parameter of an internal function (PHP 8.1 deprecation, 8.0 TypeError for arrays).',
    docs: `PHP 8.1 deprecates passing null to non-nullable scalar parameters of internal functions (\`strlen(null)\`,
\`str_replace(…, null)\`, \`trim(null)\`, \`htmlspecialchars(null)\`, \`explode(',', null)\`…): null used to be coerced to
'' or 0. Array parameters (\`count(null)\`, \`array_merge(null)\`, \`in_array($x, null)\`) throw a TypeError since PHP 8.0.

Only *provable* nulls are reported: the literal \`null\` as argument. Values that may be null at run time need PHPStan
or runtime deprecation logs. The function table is curated (the string, array, PCRE, mbstring and URL functions
Magento code calls most).

**How to fix:** pass '' / 0 / [] instead, or guard: \`(string) $value\`, \`$value ?? ''\`.`,
    recommendations: {
      passArray: 'Pass an array ([]) or guard the call.',
      passEmpty: "Pass '' (or 0) instead of null, or cast: (string) $value.",
    },
    messages: {
      typeError: '{{name}}() gets null as argument #{{positions}}: a TypeError since PHP 8.0 (target runs {{php}})',
      deprecated: '{{name}}() gets null as argument #{{positions}}: deprecated since PHP 8.1 (target runs {{php}})',
    },
    messageSeverity: { typeError: 'error' },
  },
  check(context) {
    if (!appliesOn(context, '8.0')) return;
    for (const unit of context.underCheck) {
      for (const ref of unit.analysis.references) {
        if (ref.kind !== 'function-call' || !ref.nullArgs?.length) continue;
        if (ref.name.includes('\\') && !ref.namespacedName) continue;
        const name = ref.name.includes('\\') ? ref.name.slice(ref.name.lastIndexOf('\\') + 1) : ref.name;
        const entry = nullSensitiveFunction(name);
        if (!entry || !appliesOn(context, entry.since)) continue;
        if (ref.namespacedName && declaresFunction(context.code, ref.namespacedName)) continue;
        const positions = ref.nullArgs.filter((p) => entry.positions.includes(p));
        if (positions.length === 0) continue;
        const typeError = entry.since === '8.0';
        context.report({
          ...whereOf(unit),
          line: ref.line,
          column: ref.column,
          messageId: typeError ? 'typeError' : 'deprecated',
          data: { name, positions: positions.map((p) => p + 1).join(', #'), php: context.target.php },
          recommendationId: typeError ? 'passArray' : 'passEmpty',
          effort: { hours: 0.25, confidence: 'high' },
          subject: `null-arg:${name.toLowerCase()}:${positions.join(',')}`,
        });
      }
    }
  },
};
