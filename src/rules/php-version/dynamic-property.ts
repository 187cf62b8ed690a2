import type { Node } from 'web-tree-sitter';
import type { Finding } from '../../core/finding.js';
import { enclosingClassLike, lineEnding, memberInsertion } from '../../fix/class-body.js';
import { nodesOnLine } from '../../fix/locate.js';
import { internalClassProperties, isPhpInternalClass } from '../../knowledge/php-versions/internal-classes.js';
import { phpAtLeast } from '../../knowledge/php-versions/php-version.js';
import type { FixOutcome, FixSource, Rule } from '../rule.js';
import { appliesOn, whereOf } from './code-helpers.js';

export const dynamicProperty: Rule = {
  meta: {
    id: 'php-version/dynamic-property',
    severity: 'warning',
    category: 'php-version',
    description: 'A property is created dynamically on $this (deprecated in PHP 8.2, an error in PHP 9).',
    docs: `Assigning \`$this->foo = …\` when no class in the hierarchy declares \`$foo\` creates a dynamic property: PHP
8.2 deprecates it (RFC "Deprecate dynamic properties"), PHP 9 is expected to throw. The hierarchy is walked through the
code under check and the target's symbol index (parents, traits); classes with \`__set\` in the hierarchy, with
\`#[\\AllowDynamicProperties]\` (inherited) or extending \`stdClass\` are exempt. When part of the hierarchy is unknown the
rule stays silent; so does it when an ancestor is one of PHP's own classes whose properties MageUp does not know
(\\Exception's \`$message\`, \`$code\`, \`$file\`, \`$line\` are known). Reported once per class and property, at the first
assignment; \`warning\` on PHP 8.2+, \`error\` for PHP 9.

**How to fix:** declare the property (\`private ?Foo $foo = null;\`, or constructor promotion), or, if the class really
needs a bag of values, add \`#[\\AllowDynamicProperties]\` or use an array property.`,
    // Severity from the facts: an error once the target PHP is 9.0 (where the deprecation becomes an Error).
    recommendations: {
      declare:
        'Declare `private ${{property}};` (typed if you can) in {{class}}, or add #[\\AllowDynamicProperties] if the class is meant to hold arbitrary values.',
    },
    messages: {
      dynamicProperty:
        '{{class}} creates dynamic property ${{property}}: no class in its hierarchy declares it (deprecated since PHP ' +
        '8.2; target runs {{php}})',
    },
  },
  async check(context) {
    if (!appliesOn(context, '8.2')) return;
    const { target } = context.classes;
    const severity = phpAtLeast(context.target.php, '9.0') ? 'error' : 'warning';
    const seen = new Set<string>();
    const exempt = new Map<string, boolean | undefined>();
    const isExempt = (cls: string): boolean | undefined => {
      const key = cls.toLowerCase();
      if (!exempt.has(key)) {
        const { classes, unresolved } = target.ancestors(cls);
        const names = classes
          .flatMap((c) => [c.decl.extends ?? '', ...c.decl.implements])
          .map((n) => n.replace(/^\\/, '').toLowerCase());
        const allowed =
          names.includes('stdclass') ||
          classes.some(
            (c) =>
              c.decl.allowDynamicProperties ||
              c.openMembers ||
              c.decl.methods.some((m) => m.name.toLowerCase() === '__set'),
          );
        exempt.set(key, allowed ? true : unresolved.length > 0 ? undefined : false);
      }
      return exempt.get(key);
    };
    // PHP's own ancestors (\Exception's $message, …): the symbol index covers Composer packages only. True when one
    // declares the property, undefined when one's properties are unknown to MageUp (then the rule cannot tell).
    const internalDeclares = (cls: string, property: string): boolean | undefined => {
      let known: boolean | undefined = false;
      for (const c of target.ancestors(cls).classes)
        for (const name of [c.decl.extends ?? '', ...c.decl.implements]) {
          if (!name || !isPhpInternalClass(name)) continue;
          const properties = internalClassProperties(name);
          if (properties?.includes(property)) return true;
          if (!properties) known = undefined;
        }
      return known;
    };
    for (const unit of context.underCheck) {
      for (const ref of unit.analysis.references) {
        if (ref.kind !== 'property-fetch' || !ref.write || ref.via !== '$this' || !ref.member) continue;
        if (!target.declaredByCode(ref.name)) continue;
        const key = `${ref.name.toLowerCase()}\0${ref.member}`;
        if (seen.has(key)) continue;
        if (target.findProperty(ref.name, ref.member).found) continue;
        if (isExempt(ref.name) !== false) continue;
        if (internalDeclares(ref.name, ref.member) !== false) continue;
        seen.add(key);
        context.report({
          severity,
          ...whereOf(unit),
          line: ref.line,
          column: ref.column,
          messageId: 'dynamicProperty',
          data: { class: ref.name, property: ref.member, php: context.target.php },
          recommendationId: 'declare',
          effort: { hours: 0.25, confidence: 'high' },
          subject: `${ref.name.toLowerCase()}::$${ref.member}`,
        });
      }
    }
  },
  fix: (finding, source) => fixDynamicProperty(finding, source),
};

/**
 * Declares the property in the class that creates it: `protected $name;` after the class's last property (the way
 * maintainers fixed these: protected, so subclasses that use it keep working), with `/** @var Type *\/` when the
 * first assignment tells the type (a typed parameter, `new Foo`, a literal). No PHP type: an uninitialised typed
 * property would throw where the dynamic one read null. Declines a trait, an anonymous or readonly class, and a
 * property the same file reads on another object (it was public: the right visibility is the author's call).
 */
export function fixDynamicProperty(finding: Finding, source: FixSource): FixOutcome {
  const subject = finding.subject ?? '';
  const at = subject.lastIndexOf('::$');
  if (at < 0 || !finding.line) return { decline: 'the finding does not name its class and property' };
  const className = subject.slice(0, at).replace(/^.*\\/, '');
  const member = subject.slice(at + 3);
  const uses = nodesOnLine(source.tree.rootNode, finding.line, MEMBER_ACCESS).filter(
    (n) => n.childForFieldName('object')?.text === '$this' && n.childForFieldName('name')?.text === member,
  );
  const use = uses[0];
  if (!use) return { decline: `cannot find $this->${member} on line ${finding.line}` };
  const cls = enclosingClassLike(use);
  if (!cls || cls.type !== 'class_declaration')
    return { decline: `$this->${member} is not in a named class (a trait or an anonymous class): declare it by hand` };
  const name = cls.childForFieldName('name')?.text ?? '';
  if (name.toLowerCase() !== className)
    return { decline: `$this->${member} on line ${finding.line} is not in class ${className}` };
  if (cls.children.some((c) => c?.type === 'readonly_modifier'))
    return { decline: `${name} is a readonly class: its properties need a type; declare $${member} by hand` };
  const outside = readOnOtherObject(source.tree.rootNode, member);
  if (outside)
    return {
      decline: `->${member} is also used on another object on line ${outside}: the dynamic property was public, choose its visibility by hand`,
    };
  const place = memberInsertion(source.text, cls);
  if (!place) return { decline: `${name}'s members share a line: no place to add $${member} without reflowing code` };
  const eol = lineEnding(source.text);
  const type = assignedType(use);
  const lines = [...(type ? ['/**', ` * @var ${type}`, ' */'] : []), `protected $${member};`].map(
    (l) => `${place.indent}${l}`,
  );
  const text = place.afterBrace ? `${eol}${lines.join(eol)}${eol}` : `${eol}${eol}${lines.join(eol)}`;
  return {
    edits: [{ start: place.at, end: place.at, text }],
    description: `declare \`protected $${member};\`${type ? ` (@var ${type})` : ''} in ${name}`,
  };
}

/** The type the first assignment gives, written as the file writes it (its imports apply), when it is plain. */
function assignedType(use: Node): string | undefined {
  const assignment = use.parent;
  if (assignment?.type !== 'assignment_expression' || !assignment.childForFieldName('left')?.equals(use))
    return undefined;
  const right = assignment.childForFieldName('right');
  if (!right) return undefined;
  switch (right.type) {
    case 'boolean':
      return 'bool';
    case 'integer':
      return 'int';
    case 'float':
      return 'float';
    case 'string':
    case 'encapsed_string':
      return 'string';
    case 'array_creation_expression':
      return 'array';
    case 'object_creation_expression': {
      const name = right.namedChildren.find((n) => n?.type === 'name' || n?.type === 'qualified_name');
      return name?.text;
    }
    case 'variable_name':
      return parameterType(use, right.text);
    default:
      return undefined;
  }
}

/** The declared type of the enclosing method's parameter `$name` (`?Foo` as `Foo|null`). */
function parameterType(from: Node, name: string): string | undefined {
  let fn: Node | null = from.parent;
  while (fn && !FUNCTIONS.has(fn.type)) fn = fn.parent;
  if (fn?.type !== 'method_declaration') return undefined;
  const param = fn
    .childForFieldName('parameters')
    ?.namedChildren.find((p) => p?.type === 'simple_parameter' && p.childForFieldName('name')?.text === name);
  const type = param?.childForFieldName('type');
  if (!type) return undefined;
  if (type.type === 'optional_type') return `${type.text.slice(1).trim()}|null`;
  return type.type === 'named_type' || type.type === 'primitive_type' || type.type === 'union_type'
    ? type.text
    : undefined;
}

/** The first line where `->member` is used on something other than `$this`, if any. */
function readOnOtherObject(root: Node, member: string): number | undefined {
  const stack: Node[] = [root];
  let first: number | undefined;
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (MEMBER_ACCESS.has(node.type)) {
      const object = node.childForFieldName('object');
      if (node.childForFieldName('name')?.text === member && object?.text !== '$this') {
        const line = node.startPosition.row + 1;
        if (first === undefined || line < first) first = line;
      }
    }
    for (const child of node.namedChildren) if (child) stack.push(child);
  }
  return first;
}

const MEMBER_ACCESS = new Set(['member_access_expression', 'nullsafe_member_access_expression']);
const FUNCTIONS = new Set(['method_declaration', 'function_definition', 'anonymous_function', 'arrow_function']);
