// Monolog 3 (Magento 2.4.8) hands handlers, processors and formatters a `Monolog\LogRecord` object where Monolog 1/2
// gave an array: `write(array $record)`, `isHandling(array $record)`, `__invoke(array $record)`, `format(array
// $record)` no longer fit their parent (php-api/signature-mismatch, "parameter #N type array does not accept the
// parent's Monolog\LogRecord"). The parameter type can become `\Monolog\LogRecord` only where the body cannot tell the
// difference. What Monolog 3's LogRecord (src/Monolog/LogRecord.php, the same from 3.0 to 3.9) does as an array:
//   - reads of 'message', 'context', 'level' (the int), 'level_name', 'channel', 'datetime', 'extra', 'formatted'
//     return what the array held; isset()/empty() on them behave the same; any other key is an undefined property;
//   - writes: only 'extra' (an array) and 'formatted' are stored, through offsetGet by reference; any other key throws
//     ('message'…) or, nested (`$record['context']['x'] = …`), is silently lost; unset() throws;
//   - it is an object: array_*() functions, is_array(), foreach, (array)/count() of the record itself, passing it to an
//     `array` parameter all fail or differ, and a change made to it reaches the caller (an array was a copy).
// So the fixer accepts a body that uses the parameter only as `$record['<one of those keys>']` read (not passed by
// reference to a builtin that writes it), hands it on unchanged to the parent's same method, or — a processor's
// `__invoke()` whose every return is `return $record;` — writes `$record['extra'][…]` / `$record['formatted']`
// (Monolog 3 processors do exactly that, and the caller keeps what the processor returns). A processor declared
// `: array` then returns `LogRecord` too (returning the record from an `array` function would be a TypeError).
// `$this->level` (and `$this->getLevel()`) is a `Level` enum in Monolog 3 where it was an int: compared with
// something (`$record['level'] == $this->level`, Adyen's handlers), it becomes `$this->level->value`, the same int,
// in handlers whose method overrides one of AbstractHandler's line and that declare no `level` of their own.
// Declined: any other use of the record, other uses of `$this->level`, dual Monolog 2/3 code (`Logger::API`, `instanceof LogRecord`, a conditionally declared class), a file that
// calls the method itself (its callers would have to pass a LogRecord), and what hides a variable's uses (`compact()`,
// `$$name`, `func_get_args()`, include).
import type { Node } from 'web-tree-sitter';
import { classImports, importedName, useStatementsIn } from '../../fix/use-imports.js';
import { findNodes, firstNode, NESTED_SCOPES } from '../../fix/walk.js';
import type { FixSource, TextEdit } from '../rule.js';

export const LOG_RECORD = 'Monolog\\LogRecord';

/** The reason a signature-mismatch finding gives for a record parameter that must become a LogRecord. */
export function isLogRecordChange(mine: string, theirs: string): boolean {
  return mine.toLowerCase() === 'array' && theirs.replace(/^\\/, '').toLowerCase() === LOG_RECORD.toLowerCase();
}

/** The keys a LogRecord answers as an array (LogRecord::offsetGet, toArray() and 'formatted'). */
const READABLE = new Set(['message', 'context', 'level', 'level_name', 'channel', 'datetime', 'extra', 'formatted']);

/** Builtins that take an argument by reference (0-based positions; 'all' for every one): they would write the record. */
const BY_REFERENCE: Record<string, number[] | 'all'> = {
  sort: [0],
  rsort: [0],
  usort: [0],
  uasort: [0],
  uksort: [0],
  ksort: [0],
  krsort: [0],
  asort: [0],
  arsort: [0],
  natsort: [0],
  natcasesort: [0],
  shuffle: [0],
  array_multisort: 'all',
  array_push: [0],
  array_pop: [0],
  array_shift: [0],
  array_unshift: [0],
  array_splice: [0],
  array_walk: [0],
  array_walk_recursive: [0],
  end: [0],
  reset: [0],
  next: [0],
  prev: [0],
  each: [0],
  settype: [0],
  preg_match: [2],
  preg_match_all: [2],
  preg_replace: [4],
  preg_replace_callback: [4],
  str_replace: [3],
  str_ireplace: [3],
  parse_str: [1],
  similar_text: [2],
  openssl_sign: [1],
  list: 'all',
};

/** Functions that see a method's variables without naming them. */
const HIDDEN_ACCESS = new Set(['compact', 'extract', 'get_defined_vars', 'func_get_args', 'func_get_arg', 'eval']);

const WRITES = new Set(['assignment_expression', 'augmented_assignment_expression']);

/**
 * `array $record` → `\Monolog\LogRecord $record` (the imported name when the file imports it) on the `index`-th
 * (1-based) parameter of `method`, when its body is provably indifferent to the change; else why not.
 */
export function logRecordParamFix(
  method: Node,
  index: number,
  source: FixSource,
  owner: string,
): { edits: TextEdit[]; description: string } | { decline: string } {
  const name = method.childForFieldName('name')?.text ?? '?';
  const params = method.childForFieldName('parameters');
  const list = params?.namedChildren.filter((p): p is Node => p !== null && p.type.endsWith('_parameter')) ?? [];
  const param = list[index - 1];
  if (!param || param.type !== 'simple_parameter')
    return { decline: `parameter #${index} of ${name}() is variadic or promoted: change it by hand` };
  const type = param.childForFieldName('type');
  if (type?.text.toLowerCase() !== 'array')
    return { decline: `parameter #${index} of ${name}() is not plainly \`array\`: change it by hand` };
  if (param.children.some((c) => c?.type === 'reference_modifier'))
    return { decline: `${name}() takes the record by reference: a LogRecord is an object, change it by hand` };
  if (param.childForFieldName('default_value'))
    return { decline: `${name}()'s record parameter has a default value a LogRecord cannot have: change it by hand` };
  const variable = param.childForFieldName('name')?.text.replace(/^\$/, '');
  if (!variable) return { decline: `cannot read the name of ${name}()'s parameter #${index}` };
  const body = method.childForFieldName('body');
  if (!body) return { decline: `${name}() is abstract: the methods implementing it must change with it, by hand` };

  const cls = enclosingClass(method);
  if (!cls) return { decline: `${name}() is not in a class the fixer can read` };
  if (conditionallyDeclared(cls))
    return {
      decline: 'the class is declared conditionally (dual Monolog 2/3 support): keep the variant for each by hand',
    };
  const dual = firstNode(
    cls,
    (n) =>
      (n.type === 'class_constant_access_expression' && /::\s*API$/i.test(n.text)) ||
      (n.type === 'binary_expression' &&
        n.childForFieldName('operator')?.text.toLowerCase() === 'instanceof' &&
        isLogRecordName(n.childForFieldName('right'))),
  );
  if (dual)
    return {
      decline: `line ${dual.startPosition.row + 1} already tells Monolog versions apart (\`${snippet(dual)}\`): dual Monolog 2/3 code, change it by hand`,
    };

  const processor = name.toLowerCase() === '__invoke';
  const returns = findNodes(body, (n) => n.type === 'return_statement', { skip: NESTED_SCOPES });
  const returnsRecord = (r: Node): boolean => {
    const value = r.namedChildren.filter((c) => c !== null && c.type !== 'comment');
    return value.length === 1 && isVariable(value[0]!, variable);
  };
  // A processor hands back the record it got: then writing its 'extra'/'formatted' is what Monolog 3 processors do.
  const handsBack = processor && returns.length > 0 && returns.every(returnsRecord);
  const reads = new Map<string, number>();
  let writes = 0;
  let forwards = false;

  const problem = scan(body, variable, (use) => {
    const top = use.top;
    if (use.kind === 'whole') {
      const parent = top.parent;
      if (parent?.type === 'return_statement' && handsBack) return undefined;
      if (parent?.type === 'argument' && forwardsToParent(parent, name, index)) {
        forwards = true;
        return undefined;
      }
      const shown = parent?.type === 'argument' ? (parent.parent?.parent ?? parent) : (parent ?? top);
      return `line ${use.at.startPosition.row + 1} uses $${variable} as a whole (\`${snippet(shown)}\`): a LogRecord is an object, not an array`;
    }
    const key = use.key;
    if (key === undefined || !READABLE.has(key))
      return `line ${use.at.startPosition.row + 1} reads \`${snippet(use.first)}\`: a LogRecord answers only ${[...READABLE].map((k) => `'${k}'`).join(', ')}`;
    const write = writeOf(top);
    if (write) {
      if (write === 'reference' || write === 'unset' || write === 'update' || !handsBack || use.inArrow)
        return `line ${top.startPosition.row + 1} changes \`${snippet(top)}\`: ${
          handsBack
            ? 'not a plain assignment to its extra or formatted'
            : 'a change to a LogRecord reaches the caller (an array was a copy)'
        }`;
      if (key !== 'extra' && key !== 'formatted')
        return `line ${top.startPosition.row + 1} writes \`${snippet(top)}\`: LogRecord's '${key}' is read-only (only extra and formatted can be set)`;
      if (key === 'extra' && top.equals(use.first) && !isArrayValue(write.right))
        return `line ${top.startPosition.row + 1} sets $${variable}['extra'] to what may not be an array (LogRecord throws then)`;
      writes++;
      return undefined;
    }
    const byRef = passedByReference(top, cls);
    if (byRef)
      return `line ${top.startPosition.row + 1} passes \`${snippet(top)}\` to ${byRef}() by reference: a LogRecord does not keep that change`;
    reads.set(key, Math.min(reads.get(key) ?? Infinity, top.startIndex));
    return undefined;
  });
  if (problem) return { decline: problem };

  const level = levelReads(body, cls, owner);
  if ('decline' in level) return level;
  const hidden = firstNode(
    body,
    (n) =>
      n.type === 'dynamic_variable_name' ||
      n.type === 'include_expression' ||
      n.type === 'include_once_expression' ||
      n.type === 'require_expression' ||
      n.type === 'require_once_expression' ||
      (n.type === 'function_call_expression' &&
        HIDDEN_ACCESS.has((n.childForFieldName('function')?.text ?? '').replace(/^\\/, '').toLowerCase())),
  );
  if (hidden)
    return {
      decline: `line ${hidden.startPosition.row + 1} (\`${snippet(hidden)}\`) may reach $${variable} without naming it: change it by hand`,
    };
  const caller = firstNode(source.tree.rootNode, (n) => callsMethod(n, name) && !ownParentCall(n, method));
  if (caller)
    return {
      decline: `line ${caller.startPosition.row + 1} calls ${name}() itself (\`${snippet(caller)}\`): that call would have to pass a LogRecord`,
    };

  const written = logRecordName(cls);
  const edits: TextEdit[] = [{ start: type.startIndex, end: type.endIndex, text: written }];
  // `$this->level` compared as the int it was in Monolog 1/2: the Level enum's value is that int.
  for (const read of level.reads) edits.push({ start: read.endIndex, end: read.endIndex, text: '->value' });
  let returnNote = '';
  const returnType = method.childForFieldName('return_type');
  if (processor && returnType?.text.toLowerCase() === 'array') {
    if (!handsBack) return { decline: `${name}(): array returns something else than the record: change it by hand` };
    edits.push({ start: returnType.startIndex, end: returnType.endIndex, text: written });
    returnNote = `, return type array → ${written}`;
  }
  const used = [
    ...(reads.size > 0
      ? [
          `reads only ${[...reads]
            .sort((a, b) => a[1] - b[1])
            .map(([k]) => `['${k}']`)
            .join(', ')}`,
        ]
      : []),
    ...(forwards ? [`hands it to parent::${name}()`] : []),
    ...(writes > 0 ? ['sets its extra/formatted and returns it'] : []),
  ];
  const levelNote =
    level.reads.length > 0
      ? `, ${level.reads
          .map((r) => `\`${snippet(r)}\``)
          .filter((t, i, all) => all.indexOf(t) === i)
          .join(
            ', ',
          )} → \`…->value\` in ${level.reads.length} comparison${level.reads.length === 1 ? '' : 's'} (a Monolog\\Level enum in Monolog 3, its value the int it was)`
      : '';
  return {
    edits,
    description: `parameter #${index} array $${variable} → ${written} $${variable}${returnNote} (the body ${
      used.length > 0 ? used.join(', ') : 'does not use it'
    }${levelNote}; needs Monolog 3: Magento 2.4.8+)`,
  };
}

interface Use {
  /** `$record` itself. */
  at: Node;
  kind: 'whole' | 'key';
  /** `$record['key']`, the innermost subscript (kind key). */
  first: Node;
  /** The outermost subscript chain on the record (`$record['extra']['x']`), or `$record` itself. */
  top: Node;
  key?: string;
  /** Inside an arrow function (which captures the record by value: a change there did not reach the method). */
  inArrow: boolean;
}

/** Every use of `$variable` in the body (nested functions and classes have their own scope), until `judge` objects. */
function scan(body: Node, variable: string, judge: (use: Use) => string | undefined): string | undefined {
  const stack: { node: Node; inArrow: boolean }[] = [{ node: body, inArrow: false }];
  while (stack.length > 0) {
    const { node, inArrow } = stack.pop()!;
    if (node.type === 'anonymous_function') {
      const captured = node.namedChildren
        .find((c) => c?.type === 'anonymous_function_use_clause')
        ?.namedChildren.some((c) => c !== null && c.text.replace(/^&\s*/, '') === `$${variable}`);
      if (captured)
        return `line ${node.startPosition.row + 1} hands $${variable} to a closure (\`use\`): change it by hand`;
      continue;
    }
    // An arrow function sees the method's variables (by value): it is walked below.
    if (NESTED_SCOPES.has(node.type) && node.type !== 'arrow_function') continue;
    if (node.type === 'arrow_function') {
      const own = node
        .childForFieldName('parameters')
        ?.namedChildren.some((p) => p?.childForFieldName('name')?.text === `$${variable}`);
      if (own) continue;
    }
    if (isVariable(node, variable)) {
      const use = useOf(node, inArrow);
      const problem = judge(use);
      if (problem) return problem;
      continue;
    }
    for (const child of node.namedChildren)
      if (child) stack.push({ node: child, inArrow: inArrow || node.type === 'arrow_function' });
  }
  return undefined;
}

function useOf(at: Node, inArrow: boolean): Use {
  const parent = at.parent;
  if (parent?.type !== 'subscript_expression' || !parent.namedChild(0)?.equals(at))
    return { at, kind: 'whole', first: at, top: at, inArrow };
  let top = parent;
  while (top.parent?.type === 'subscript_expression' && top.parent.namedChild(0)?.equals(top)) top = top.parent;
  const key = keyOf(parent);
  return { at, kind: 'key', first: parent, top, ...(key !== undefined ? { key } : {}), inArrow };
}

/** The literal key of `$x['key']` / `$x["key"]` / `"$x[key]"`; undefined when computed. */
function keyOf(subscript: Node): string | undefined {
  const index = subscript.namedChildren.filter((c) => c !== null && c.type !== 'comment')[1];
  if (!index) return undefined;
  if (index.type === 'string' || index.type === 'encapsed_string') {
    const parts = index.namedChildren.filter((c) => c !== null);
    if (parts.length === 0) return '';
    if (parts.length === 1 && parts[0]!.type === 'string_content') return parts[0]!.text;
    return undefined;
  }
  if (index.type === 'name' && subscript.parent?.type === 'encapsed_string') return index.text;
  return undefined;
}

/** How the subscript chain is written to: an assignment (with its right side), or a kind the fixer never accepts. */
function writeOf(top: Node): { right: Node | null } | 'reference' | 'unset' | 'update' | undefined {
  let node: Node = top;
  for (let parent = node.parent; parent; node = parent, parent = parent.parent) {
    if (WRITES.has(parent.type)) {
      return parent.childForFieldName('left')?.equals(node) ? { right: parent.childForFieldName('right') } : undefined;
    }
    if (parent.type === 'reference_assignment_expression' || parent.type === 'by_ref') return 'reference';
    if (parent.type === 'unset_statement') return 'unset';
    if (parent.type === 'update_expression') return 'update';
    if (parent.type === 'foreach_statement') {
      // `foreach ($record['extra'] as &$v)` writes through; `foreach (… as $record['x'])` assigns.
      const iterated = parent.namedChildren.find((c) => c !== null && c.type !== 'comment');
      if (!iterated?.equals(node)) return 'reference';
      return parent.namedChildren.some(
        (c) => c?.type === 'by_ref' || c?.namedChildren.some((d) => d?.type === 'by_ref'),
      )
        ? 'reference'
        : undefined;
    }
    // Destructuring (`[$a, $record['x']] = …`) reaches an assignment through list/array nodes; anything else reads.
    if (!['list_literal', 'array_creation_expression', 'array_element_initializer', 'pair'].includes(parent.type))
      return undefined;
  }
  return undefined;
}

/**
 * The function a subscript chain is handed to by reference, if any: a builtin that takes that argument by reference,
 * or a method of the same class (`$this->m()`, `self::m()`, `static::m()`) declaring that parameter `&`. Methods
 * declared elsewhere (a parent, another file) are not looked at: the fixer reads one file.
 */
function passedByReference(top: Node, cls: Node): string | undefined {
  const argument = top.parent;
  if (argument?.type !== 'argument') return undefined;
  const call = argument.parent?.parent;
  const args = argument.parent!.namedChildren.filter((a) => a?.type === 'argument');
  const at = args.findIndex((a) => a!.equals(argument));
  if (call?.type === 'function_call_expression') {
    const fn = (call.childForFieldName('function')?.text ?? '').replace(/^\\/, '').toLowerCase();
    const positions = BY_REFERENCE[fn];
    if (!positions) return undefined;
    return positions === 'all' || positions.includes(at) ? fn : undefined;
  }
  const own =
    (call?.type === 'member_call_expression' && call.childForFieldName('object')?.text === '$this') ||
    (call?.type === 'scoped_call_expression' && /^(self|static)$/i.test(call.childForFieldName('scope')?.text ?? ''));
  if (!own) return undefined;
  const called = call!.childForFieldName('name')?.text.toLowerCase();
  const declared = cls
    .childForFieldName('body')
    ?.namedChildren.find(
      (m) => m?.type === 'method_declaration' && m.childForFieldName('name')?.text.toLowerCase() === called,
    );
  const params =
    declared
      ?.childForFieldName('parameters')
      ?.namedChildren.filter((p): p is Node => p !== null && p.type.endsWith('_parameter')) ?? [];
  const param = params[at] ?? (params.at(-1)?.type === 'variadic_parameter' ? params.at(-1) : undefined);
  return param?.children.some((c) => c?.type === 'reference_modifier') ? `${called}` : undefined;
}

/** `parent::<same method>(…, $record, …)` with the record at its own position (1-based `index`). */
function forwardsToParent(argument: Node, method: string, index: number): boolean {
  if (argument.childForFieldName('name') || argument.text.startsWith('...')) return false;
  const call = argument.parent?.parent;
  if (call?.type !== 'scoped_call_expression') return false;
  if (call.childForFieldName('scope')?.text.toLowerCase() !== 'parent') return false;
  if (call.childForFieldName('name')?.text.toLowerCase() !== method.toLowerCase()) return false;
  const args = argument.parent!.namedChildren.filter((a) => a?.type === 'argument');
  return args.findIndex((a) => a!.equals(argument)) === index - 1;
}

/** `$this->m(`, `$x->m(`, `self::m(`, `static::m(` (and `?->`): a call of the method by name. */
function callsMethod(node: Node, method: string): boolean {
  if (!['member_call_expression', 'nullsafe_member_call_expression', 'scoped_call_expression'].includes(node.type))
    return false;
  return node.childForFieldName('name')?.text.toLowerCase() === method.toLowerCase();
}

/** The method's own `parent::same(…)`, the one call of its name it may make. */
function ownParentCall(call: Node, method: Node): boolean {
  if (call.type !== 'scoped_call_expression' || call.childForFieldName('scope')?.text.toLowerCase() !== 'parent')
    return false;
  for (let n: Node | null = call.parent; n; n = n.parent) if (n.equals(method)) return true;
  return false;
}

/** A value that is certainly an array: `[…]`, `array(…)`, array_merge()/array_replace() of anything. */
function isArrayValue(node: Node | null): boolean {
  if (!node) return false;
  if (node.type === 'array_creation_expression') return true;
  if (node.type !== 'function_call_expression') return false;
  const fn = (node.childForFieldName('function')?.text ?? '').replace(/^\\/, '').toLowerCase();
  return ['array_merge', 'array_replace', 'array_merge_recursive', 'array_replace_recursive'].includes(fn);
}

function isVariable(node: Node, variable: string): boolean {
  return node.type === 'variable_name' && node.namedChild(0)?.text === variable;
}

function isLogRecordName(node: Node | null): boolean {
  return (
    !!node && (node.type === 'name' || node.type === 'qualified_name') && /^(\\?monolog\\)?logrecord$/i.test(node.text)
  );
}

function enclosingClass(method: Node): Node | undefined {
  for (let n = method.parent; n; n = n.parent) if (n.type === 'class_declaration') return n;
  return undefined;
}

/** A class declared inside a statement (`if (Logger::API >= 3) { class … }`), not at the top of its file. */
function conditionallyDeclared(cls: Node): boolean {
  for (let n = cls.parent; n; n = n.parent) {
    if (n.type === 'program') return false;
    if (n.type !== 'namespace_definition' && n.type !== 'compound_statement') return true;
    if (n.type === 'compound_statement' && n.parent?.type !== 'namespace_definition') return true;
  }
  return false;
}

/**
 * How the file names Monolog\LogRecord at the class: its import (or alias) in the class's own namespace block before
 * the class, else the fully qualified name.
 */
function logRecordName(cls: Node): string {
  const before = cls.parent ? useStatementsIn(cls.parent).filter((d) => d.startIndex < cls.startIndex) : [];
  return importedName(classImports(before), LOG_RECORD) ?? `\\${LOG_RECORD}`;
}

/**
 * The Monolog classes (lower case) whose methods an override may belong to where `$this->level` is AbstractHandler's
 * `protected Level $level` in Monolog 3 (an int in Monolog 1/2): AbstractHandler and the classes that extend it.
 */
const LEVEL_OWNERS = new Set([
  'monolog\\handler\\abstracthandler',
  'monolog\\handler\\abstractprocessinghandler',
  'monolog\\handler\\streamhandler',
  'monolog\\handler\\rotatingfilehandler',
  'magento\\framework\\logger\\handler\\base',
]);

const ANONYMOUS_CLASS = new Set(['anonymous_class']);

const COMPARISONS = new Set(['==', '!=', '<>', '===', '!==', '<', '<=', '>', '>=', '<=>']);

/**
 * `$this->level` / `$this->getLevel()` in the body: Monolog 3's AbstractHandler holds a `Level` enum there. Each may
 * become `…->value` (the very int Monolog 1/2 held) when it is an operand of a comparison, the method overrides one of
 * AbstractHandler's line (LEVEL_OWNERS) and the class declares no `level` of its own; any other use declines.
 */
function levelReads(body: Node, cls: Node, owner: string): { reads: Node[] } | { decline: string } {
  // Closures and arrow functions bind `$this` too: every use in the body counts, but an anonymous class's own.
  const uses = findNodes(
    body,
    (n) =>
      (n.type === 'member_access_expression' || n.type === 'member_call_expression') &&
      n.childForFieldName('object')?.text === '$this' &&
      /^(level|getlevel)$/i.test(n.childForFieldName('name')?.text ?? ''),
    { skip: ANONYMOUS_CLASS },
  );
  const reads: Node[] = [];
  for (const use of uses) {
    const parent = use.parent;
    const compared =
      parent?.type === 'binary_expression' &&
      COMPARISONS.has(parent.childForFieldName('operator')?.text ?? '') &&
      (use.type === 'member_access_expression' || (use.childForFieldName('arguments')?.namedChildCount ?? 1) === 0);
    const own = firstNode(
      cls,
      (n) =>
        (n.type === 'property_element' && n.text.replace(/\s*=.*$/s, '').toLowerCase() === '$level') ||
        (n.type === 'method_declaration' && n.childForFieldName('name')?.text.toLowerCase() === 'getlevel'),
    );
    if (!compared || !LEVEL_OWNERS.has(owner) || own)
      return {
        decline: `line ${use.startPosition.row + 1} uses \`${snippet(use)}\`, a Monolog\\Level enum in Monolog 3 where the body expects an int (compare \`->value\`): change it by hand`,
      };
    reads.push(use);
  }
  return { reads };
}

function snippet(node: Node): string {
  const text = node.text.replace(/\s+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
