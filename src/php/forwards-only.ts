import type { Node } from 'web-tree-sitter';

/**
 * Whether a controller action body does nothing but forward the request to another action: every statement (comments
 * aside) is `$this->_forward(…)`, a forward result built and forwarded (`$this->resultForwardFactory->create()`,
 * `->setController()`/`->setModule()`/`->setParams()`, `->forward('edit')`), an assignment of such a chain to a
 * variable, or a `return` of one, and at least one of them forwards. Magento's front controller then dispatches the
 * target action, whose own `dispatch()` runs its own `_isAllowed()`: the forwarding action does nothing a user could
 * reach past the target's ACL check (security/admin-controller-acl).
 */
export function onlyForwards(body: Node | null | undefined): boolean {
  const statements = body?.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment') ?? [];
  if (statements.length === 0) return false;
  let forwards = false;
  for (const statement of statements) {
    const expression = statementExpression(statement);
    if (expression === undefined) return false;
    if (expression === null) continue; // `return;`
    const target = expression.type === 'assignment_expression' ? assigned(expression) : expression;
    if (!target || !isForwardChain(target)) return false;
    if (/(^|->)\s*_?forward\s*\(/.test(target.text)) forwards = true;
  }
  return forwards;
}

/** The expression of an expression or return statement; null for a bare `return;`, undefined for anything else. */
function statementExpression(statement: Node): Node | null | undefined {
  if (statement.type === 'return_statement') return statement.namedChildren.find((n) => n?.type !== 'comment') ?? null;
  if (statement.type === 'expression_statement') return statement.namedChild(0) ?? undefined;
  return undefined;
}

/** The right side of `$variable = …` (undefined when the left side is not a plain variable). */
function assigned(assignment: Node): Node | undefined {
  if (assignment.childForFieldName('left')?.type !== 'variable_name') return undefined;
  return assignment.childForFieldName('right') ?? undefined;
}

// Calls a forward needs and that change nothing but the forward result or the request being forwarded.
const FORWARD_CALLS = new Set([
  '_forward',
  'forward',
  'create',
  'setmodule',
  'setcontroller',
  'setparams',
  'getrequest',
  'getparam',
  'getparams',
]);

/** A variable, or a chain of forwarding calls on `$this`, one of its properties or a variable, with plain arguments. */
function isForwardChain(node: Node): boolean {
  if (node.type === 'variable_name') return true;
  if (node.type === 'member_access_expression') return node.childForFieldName('object')?.text === '$this';
  if (node.type !== 'member_call_expression') return false;
  const name = node.childForFieldName('name')?.text.toLowerCase() ?? '';
  const object = node.childForFieldName('object');
  if (!FORWARD_CALLS.has(name) || !object || !isForwardChain(object)) return false;
  const args = node.childForFieldName('arguments')?.namedChildren ?? [];
  return args.every((arg) => arg !== null && (arg.type !== 'argument' || isPlainValue(arg.namedChild(0))));
}

/** A literal, a constant, a variable or an array of those, or a read of the request. */
function isPlainValue(node: Node | null): boolean {
  if (!node) return false;
  switch (node.type) {
    case 'string':
    case 'encapsed_string':
    case 'integer':
    case 'boolean':
    case 'null':
    case 'name':
    case 'variable_name':
    case 'class_constant_access_expression':
      return true;
    case 'array_creation_expression':
      return node.namedChildren.every(
        (element) =>
          element !== null &&
          (element.type !== 'array_element_initializer' ||
            element.namedChildren.every((part) => part !== null && isPlainValue(part))),
      );
    case 'member_call_expression':
    case 'member_access_expression':
      return isForwardChain(node);
    default:
      return false;
  }
}
