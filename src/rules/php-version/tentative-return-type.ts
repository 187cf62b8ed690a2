import {
  hasTentativeTypes,
  tentativeReturnType as tentativeTypeOf,
} from '../../knowledge/php-versions/tentative-return-types.js';
import type { Rule } from '../rule.js';
import { appliesOn, whereOf } from './code-helpers.js';

/** Internal classes/interfaces that inherit tentative methods from other internal ones. */
const INTERNAL_PARENTS: Record<string, string[]> = {
  seekableiterator: ['iterator'],
  recursiveiterator: ['iterator'],
  outeriterator: ['iterator'],
  iteratoriterator: ['outeriterator'],
  filteriterator: ['iteratoriterator'],
  recursivefilteriterator: ['filteriterator', 'recursiveiterator'],
  arrayiterator: ['seekableiterator', 'arrayaccess', 'countable'],
  arrayobject: ['iteratoraggregate', 'arrayaccess', 'countable'],
  sessionhandler: ['sessionhandlerinterface', 'sessionidinterface'],
  recursiveiteratoriterator: ['outeriterator'],
  filesystemiterator: ['seekableiterator'],
  splobjectstorage: ['countable', 'iterator', 'arrayaccess'],
};

function expandInternal(names: string[]): string[] {
  const result = new Set<string>();
  const queue = [...names];
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (result.has(name)) continue;
    result.add(name);
    queue.push(...(INTERNAL_PARENTS[name] ?? []));
  }
  return [...result];
}

export const tentativeReturnType: Rule = {
  meta: {
    id: 'php-version/tentative-return-type',
    severity: 'warning',
    category: 'php-version',
    description: 'A method overriding an internal PHP method lacks its tentative return type (PHP 8.1 deprecation).',
    docs: `PHP 8.1 gave internal methods "tentative" return types (\`ArrayAccess::offsetGet(): mixed\`,
\`Iterator::current(): mixed\`, \`Countable::count(): int\`, \`JsonSerializable::jsonSerialize(): mixed\`,
\`IteratorAggregate::getIterator(): Traversable\`, \`SessionHandlerInterface\`, \`php_user_filter\`, \`DateTime\`…). A user
class overriding one without a compatible return type and without \`#[\\ReturnTypeWillChange]\` logs a deprecation on
PHP 8.1+, and will fail once the types become real. Only methods whose nearest declaration up the hierarchy is the
internal one are reported (a userland parent in between takes the check). Reported when the target PHP is 8.1 or newer.

**How to fix:** add the return type shown (PHP 8.0+ code can use \`mixed\`), or add \`#[\\ReturnTypeWillChange]\` while
older PHP must still be supported.`,
    recommendations: {
      declareType:
        'Declare `: {{type}}` on {{method}}(), or add #[\\ReturnTypeWillChange] while PHP < 8.1 must still be supported.',
    },
    messages: {
      tentative:
        '{{class}}::{{method}}() overrides internal {{owner}}::{{method}}() without its tentative return type {{type}} ' +
        '(deprecated since PHP 8.1; target runs {{php}})',
    },
  },
  async check(context) {
    if (!appliesOn(context, '8.1')) return;
    const { target } = context.classes;
    for (const unit of context.underCheck) {
      for (const decl of unit.analysis.classes) {
        if (decl.kind === 'interface') continue;
        const { classes } = target.ancestors(decl.name);
        const internal = expandInternal(
          classes
            .flatMap((c) => [c.decl.extends ?? '', ...c.decl.implements])
            .map((n) => n.replace(/^\\/, '').toLowerCase())
            .filter(hasTentativeTypes),
        );
        if (internal.length === 0) continue;
        const userlandAncestors = classes.filter((c) => c.decl.name.toLowerCase() !== decl.name.toLowerCase());
        for (const m of decl.methods) {
          if (m.returnType || m.returnTypeWillChange) continue;
          const owner = internal.find((name) => tentativeTypeOf(name, m.name));
          if (!owner) continue;
          if (
            userlandAncestors.some(
              (c) =>
                c.decl.kind !== 'interface' &&
                c.decl.methods.some((p) => p.name.toLowerCase() === m.name.toLowerCase()),
            )
          )
            continue;
          const type = tentativeTypeOf(owner, m.name)!;
          context.report({
            ...whereOf(unit),
            line: m.line,
            messageId: 'tentative',
            data: { class: decl.name, method: m.name, owner, type, php: context.target.php },
            recommendationId: 'declareType',
            effort: { hours: 0.1, confidence: 'high' },
            subject: `${decl.name.toLowerCase()}::${m.name.toLowerCase()}`,
          });
        }
      }
    }
  },
};
