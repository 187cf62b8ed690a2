import { phpAtLeast } from '../../knowledge/php-versions/php-version.js';
import { RESERVED_SINCE } from '../../php/reserved-names.js';
import type { Rule } from '../rule.js';
import { deprecatedSyntax, whereOf } from './code-helpers.js';

export const reservedClassName: Rule = {
  meta: {
    id: 'php-version/reserved-class-name',
    severity: 'critical',
    category: 'php-version',
    description:
      'A class, interface or trait named after a word the target PHP reserves: `fn` (PHP 7.4), `match`, `mixed` (8.0), `never` (8.1).',
    docs: `PHP 7.4 made \`fn\` a keyword, PHP 8.0 \`match\` (and reserved \`mixed\` as a type name), PHP 8.1 \`never\`.
On a PHP that reserves the word, \`class Match\` is a fatal error when the file is loaded (\`fn\` and \`match\`: a
syntax error; \`mixed\` and \`never\`: "Cannot use 'mixed' as class name as it is reserved"), and so is every
autoload of the class. Magento itself renamed \`Magento\\Framework\\Search\\Request\\Query\\Match\` to \`MatchQuery\`
in 2.4.0 for PHP 8. Found in the declaration of the class (the file is read from a copy with the name masked, so the
rest of it is still checked). Reported when the target PHP reserves the word.

**How to fix:** rename the class (for example \`Match\` → \`MatchQuery\`, as Magento did) and every reference to it:
\`use\` statements, di.xml, layout XML and configuration that name it.`,
    recommendations: {
      rename: 'Rename the class and every reference to it (use statements, di.xml, layout and configuration XML).',
    },
    messages: {
      reserved: '`{{name}}` cannot name a class on PHP {{php}}: `{{word}}` is reserved since PHP {{since}}',
    },
  },
  check(context) {
    for (const { unit, at } of deprecatedSyntax(context, ['reserved-name'])) {
      const word = at.name?.toLowerCase() ?? '';
      const since = RESERVED_SINCE[word];
      if (!since || !phpAtLeast(context.target.php, since)) continue;
      context.report({
        ...whereOf(unit),
        line: at.line,
        column: at.column,
        messageId: 'reserved',
        data: { name: at.name ?? word, word, since, php: context.target.php },
        recommendationId: 'rename',
        effort: { hours: 1, confidence: 'medium' },
        subject: `reserved-name:${at.line}:${at.column}`,
      });
    }
  },
};
