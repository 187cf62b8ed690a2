import type { ParamDecl } from '../../php/types.js';
import type { Rule } from '../rule.js';
import { parseType } from '../php-api/type-compat.js';
import { appliesOn, callables, dollar, whereOf } from './code-helpers.js';

/**
 * The PHP version from which an optional parameter before a required one is deprecated: 8.0 in general; a null
 * default with an explicit `?T` type from 8.1; with a `T|null` union from 8.3 (php-src GH-11488); an implicitly
 * nullable `T $x = null` is left to php-version/implicit-nullable (8.4).
 */
function deprecatedSince(param: ParamDecl): string | undefined {
  const isNull = param.default?.trim().toLowerCase() === 'null';
  if (!isNull || !param.type) return '8.0';
  const type = param.type.trim();
  if (type.startsWith('?')) return '8.1';
  if (parseType(type)?.nullable) return '8.3';
  return undefined;
}

export const optionalBeforeRequired: Rule = {
  meta: {
    id: 'php-version/optional-before-required',
    severity: 'warning',
    category: 'php-version',
    description: 'An optional parameter is declared before a required one (deprecated since PHP 8.0/8.1/8.3).',
    docs: `In \`function f($a = 1, $b)\` the default of \`$a\` can never be used: PHP 8.0 deprecates it and treats \`$a\` as
required. PHP 8.1 extends this to \`?T $a = null\`, PHP 8.3 to \`T|null $a = null\`. Reported when the target PHP is at
least the version of the case at hand.

**How to fix:** move required parameters first, or give the later parameters defaults too, or drop the useless
default (mind the callers: named arguments and call sites may need updating).`,
    recommendations: {
      reorder:
        'Reorder the parameters (required first) or remove the default of {{param}}; update the callers accordingly.',
    },
    messages: {
      optionalFirst:
        '{{label}}: optional parameter {{param}} (= {{default}}) is declared before required {{required}}, deprecated ' +
        'since PHP {{since}} (target runs {{php}})',
    },
  },
  check(context) {
    for (const unit of context.underCheck) {
      for (const { label, decl } of callables(unit)) {
        const lastRequired = decl.params.findLastIndex((p) => p.default === undefined && !p.variadic);
        for (const param of decl.params.slice(0, Math.max(lastRequired, 0))) {
          if (param.default === undefined) continue;
          const since = deprecatedSince(param);
          if (!since || !appliesOn(context, since)) continue;
          const required = decl.params[lastRequired]!;
          context.report({
            ...whereOf(unit),
            line: decl.line,
            messageId: 'optionalFirst',
            data: {
              label,
              param: dollar(param.name),
              default: String(param.default),
              required: dollar(required.name),
              since,
              php: context.target.php,
            },
            recommendationId: 'reorder',
            effort: { hours: 0.25, confidence: 'medium' },
            subject: `${label}:${param.name}`,
          });
        }
      }
    }
  },
};
