import { functionLifecycle } from '../../knowledge/php-versions/removed-functions.js';
import type { MessagePart, Rule } from '../rule.js';
import { appliesOn, declaresFunction, whereOf } from './code-helpers.js';

export const removedFunction: Rule = {
  meta: {
    id: 'php-version/removed-function',
    severity: 'critical',
    category: 'php-version',
    description: 'A PHP function the target PHP removed (critical) or deprecated (warning) is called.',
    docs: `Calls to functions PHP removed (\`each()\`, \`create_function()\`, \`money_format()\`, \`ereg*()\`, \`mysql_*()\`,
\`mcrypt_*()\`, and extensions moved to PECL such as \`imap_*()\` in 8.4) fail with "Call to undefined function" on the
target PHP; deprecated ones (\`utf8_encode()\` 8.2, \`strftime()\` 8.1, \`get_class()\` without argument 8.3, …) log
deprecations. Each finding names the PHP version that deprecated/removed the function and the replacement, and is
reported only when the target PHP is that version or newer. Calls are not reported when the code under check or an
indexed package (a polyfill) declares the function.

**How to fix:** use the replacement named in the finding.`,
    recommendations: {
      replacement: 'Use {{replacement}}.',
    },
    messages: {
      removed: '{{call}} is {{history}}; the target runs PHP {{php}}: "Call to undefined function"',
      deprecated: '{{call}} is {{history}}; the target runs PHP {{php}}',
      call: '{{name}}()',
      callWithoutArgument: '{{name}}() without argument',
      deprecatedIn: 'deprecated in PHP {{version}}',
      removedIn: 'removed in PHP {{version}}',
    },
    listSeparators: { history: ', ' },
    messageSeverity: { deprecated: 'warning' },
  },
  check(context) {
    for (const unit of context.underCheck) {
      for (const ref of unit.analysis.references) {
        if (ref.kind !== 'function-call') continue;
        const name = ref.name.includes('\\') ? ref.name.slice(ref.name.lastIndexOf('\\') + 1) : ref.name;
        if (ref.name.includes('\\') && !ref.namespacedName) continue; // a qualified namespaced function, not PHP's
        const lifecycle = functionLifecycle(name);
        if (!lifecycle) continue;
        if (lifecycle.argCount !== undefined && ref.argCount !== lifecycle.argCount) continue;
        if (ref.namespacedName && declaresFunction(context.code, ref.namespacedName)) continue;
        if (declaresFunction(context.code, name) || context.target.symbols.getFunction(name)) continue;
        const removed = lifecycle.removed !== undefined && appliesOn(context, lifecycle.removed);
        const deprecated = !removed && lifecycle.deprecated !== undefined && appliesOn(context, lifecycle.deprecated);
        if (!removed && !deprecated) continue;
        const history: MessagePart[] = [];
        if (lifecycle.deprecated) history.push({ messageId: 'deprecatedIn', data: { version: lifecycle.deprecated } });
        if (lifecycle.removed) history.push({ messageId: 'removedIn', data: { version: lifecycle.removed } });
        context.report({
          ...whereOf(unit),
          line: ref.line,
          column: ref.column,
          messageId: removed ? 'removed' : 'deprecated',
          data: {
            call: [{ messageId: lifecycle.argCount === 0 ? 'callWithoutArgument' : 'call', data: { name } }],
            history,
            php: context.target.php,
            replacement: lifecycle.replacement,
          },
          recommendationId: 'replacement',
          effort: { hours: removed ? 1 : 0.5, confidence: 'medium' },
          subject: `function:${name.toLowerCase()}`,
        });
      }
    }
  },
};
