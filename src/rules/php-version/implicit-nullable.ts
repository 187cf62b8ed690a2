import type { Node } from 'web-tree-sitter';
import type { Finding } from '../../core/finding.js';
import { nodesOnLine } from '../../fix/locate.js';
import type { FixOutcome, FixSource, Rule } from '../rule.js';
import { parseType } from '../php-api/type-compat.js';
import { appliesOn, callables, dollar, whereOf } from './code-helpers.js';

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
    recommendations: {
      nullable: 'Declare it `?{{type}} {{param}} = null`.',
      nullableUnion: 'Declare it `?{{type}} {{param}} = null` (or add |null to the union).',
    },
    messages: {
      implicitNullable:
        '{{label}}: parameter {{param}} is implicitly nullable (`{{type}} {{param}} = null`), deprecated since PHP 8.4 ' +
        '(target runs {{php}})',
    },
  },
  check(context) {
    if (!appliesOn(context, '8.4')) return;
    for (const unit of context.underCheck) {
      for (const { label, decl } of callables(unit)) {
        for (const param of decl.params) {
          if (!param.type || param.default?.trim().toLowerCase() !== 'null') continue;
          const type = parseType(param.type);
          if (!type || type.nullable) continue;
          context.report({
            ...whereOf(unit),
            line: decl.line,
            messageId: 'implicitNullable',
            data: { label, param: dollar(param.name), type: param.type, php: context.target.php },
            recommendationId: param.type.includes('|') ? 'nullableUnion' : 'nullable',
            effort: { hours: 0.1, confidence: 'high' },
            subject: `${label}:${param.name}`,
          });
        }
      }
    }
  },
  fix: (finding, source) => fixImplicitNullable(finding, source),
};

/** `Type $x = null` → `?Type $x = null`; a union gets `|null`. Declines what it cannot rewrite for sure. */
export function fixImplicitNullable(finding: Finding, source: FixSource): FixOutcome {
  const at = (finding.subject ?? '').lastIndexOf('():');
  if (at < 0 || !finding.line) return { decline: 'the finding does not name its function and parameter' };
  const label = finding.subject!.slice(0, at);
  const name = label.slice(label.lastIndexOf(':') + 1).replace(/^.*\\/, '');
  const owner = label.includes('::') ? label.slice(0, label.indexOf('::')).replace(/^.*\\/, '') : undefined;
  const param = dollar(finding.subject!.slice(at + 3));
  const callables = nodesOnLine(source.tree.rootNode, finding.line, NAME_NODES).filter((n) => {
    const parent = n.parent;
    return (
      parent !== null &&
      CALLABLE_NODES.has(parent.type) &&
      parent.childForFieldName('name')?.equals(n) === true &&
      n.text.toLowerCase() === name.toLowerCase() &&
      (owner === undefined || enclosingClassName(parent) === owner)
    );
  });
  if (callables.length !== 1) return { decline: `cannot find ${name}() on line ${finding.line} for sure` };
  const params = callables[0]!.parent!.childForFieldName('parameters');
  const node = params?.namedChildren.find(
    (p) => p !== null && PARAM_NODES.has(p.type) && p.childForFieldName('name')?.text === param,
  );
  const type = node?.childForFieldName('type');
  const fallback = node?.childForFieldName('default_value');
  if (!node || !type) return { decline: `cannot find the typed parameter ${param} of ${name}()` };
  if (fallback?.type !== 'null') return { decline: `${param} does not default to null` };
  const text = type.text;
  // Before a required parameter the default can never be used: PHP treats the parameter as required (and nullable).
  // `?Type $x` says exactly that; `?Type $x = null` there would be deprecated as an optional-before-required one.
  const siblings = params!.namedChildren.filter((p) => p !== null && PARAM_NODES.has(p.type));
  const laterRequired = siblings
    .slice(siblings.findIndex((p) => p?.equals(node)) + 1)
    .find((p) => p !== null && !p.childForFieldName('default_value'));
  const nameNode = node.childForFieldName('name')!;
  if (laterRequired && !/^\s*=\s*$/.test(source.text.slice(nameNode.endIndex, fallback.startIndex)))
    return { decline: `${param}: a comment sits in its default: drop \`= null\` by hand` };
  const dropDefault = laterRequired ? [{ start: nameNode.endIndex, end: fallback.endIndex, text: '' }] : [];
  const after = laterRequired
    ? ` (before the required ${laterRequired.childForFieldName('name')?.text ?? 'parameter'}, PHP already treats it as required)`
    : '';
  switch (type.type) {
    case 'named_type':
    case 'primitive_type':
      if (/^(mixed|null)$/i.test(text)) return { decline: `${param}: ${text} already accepts null` };
      return {
        edits: [{ start: type.startIndex, end: type.startIndex, text: '?' }, ...dropDefault],
        description: `${text} ${param} = null → ?${text} ${param}${laterRequired ? '' : ' = null'}${after}`,
      };
    case 'union_type':
    case 'disjunctive_normal_form_type':
      if (/(^|\|)\s*(null|mixed)\s*($|\|)/i.test(text)) return { decline: `${param}: ${text} already accepts null` };
      return {
        edits: [{ start: type.endIndex, end: type.endIndex, text: '|null' }, ...dropDefault],
        description: `${text} ${param} = null → ${text}|null ${param}${laterRequired ? '' : ' = null'}${after}`,
      };
    case 'optional_type':
      return { decline: `${param} is already nullable` };
    default:
      // An intersection type needs `(A&B)|null`, PHP 8.2+: whether the code must still run on older PHP is the
      // project's call.
      return { decline: `${param}: ${type.type.replace(/_/g, ' ')} ${text}: write the nullable form by hand` };
  }
}

/** The name of the class-like declaration a method belongs to (undefined for an anonymous class). */
function enclosingClassName(node: Node): string | undefined {
  for (let at = node.parent; at; at = at.parent) {
    if (CLASS_NODES.has(at.type)) return at.childForFieldName('name')?.text;
    if (at.type === 'anonymous_class') return undefined;
  }
  return undefined;
}

const CLASS_NODES = new Set(['class_declaration', 'interface_declaration', 'trait_declaration', 'enum_declaration']);
const NAME_NODES = new Set(['name']);
const CALLABLE_NODES = new Set(['function_definition', 'method_declaration']);
const PARAM_NODES = new Set(['simple_parameter', 'property_promotion_parameter']);
