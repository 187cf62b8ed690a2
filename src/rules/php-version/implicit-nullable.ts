import type { Rule } from '../rule.js';
import { parseType } from '../php-api/type-compat.js';
import { appliesOn, callables, dollar, whereOf } from './php-target.js';
import { codeUnderCheck } from '../php-api/code-under-check.js';

export const implicitNullable: Rule = {
  meta: {
    id: 'php-version/implicit-nullable',
    severity: 'warning',
    category: 'php-version',
    description: 'A typed parameter defaults to null without declaring null in its type (deprecated in PHP 8.4).',
    docs: `\`function f(Foo $x = null)\` makes \`$x\` implicitly nullable. PHP 8.4 deprecates this; PHP 9 is expected to
make it an error. Reported only when the target PHP is 8.4 or newer.

**How to fix:** declare the null explicitly: \`?Foo $x = null\` (or \`Foo|null $x = null\`). The change is safe on
PHP 7.1+; tools such as Rector (\`ExplicitNullableParamTypeRector\`) or php-cs-fixer (\`nullable_type_declaration_for_default_null_value\`) do it in bulk.`,
  },
  check(context) {
    if (!appliesOn(context, '8.4')) return;
    for (const unit of codeUnderCheck(context)) {
      for (const { label, decl } of callables(unit)) {
        for (const param of decl.params) {
          if (!param.type || param.default?.trim().toLowerCase() !== 'null') continue;
          const type = parseType(param.type);
          if (!type || type.nullable) continue;
          context.report({
            severity: 'warning',
            ...whereOf(unit),
            line: decl.line,
            message: `${label}: parameter ${dollar(param.name)} is implicitly nullable (\`${param.type} ${dollar(param.name)} = null\`), deprecated since PHP 8.4 (target runs ${context.target.php})`,
            recommendation: `Declare it \`?${param.type.replace(/^\\/, '\\')} ${dollar(param.name)} = null\`${param.type.includes('|') ? ' (or add |null to the union)' : ''}.`,
            effort: { hours: 0.1, confidence: 'high' },
            subject: `${label}:${param.name}`,
          });
        }
      }
    }
  },
};
