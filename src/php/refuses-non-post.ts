import type { Node } from 'web-tree-sitter';

/**
 * Whether a method body starts by refusing every request that is not a POST: its first statement (comments aside) is
 * an `if` without else/elseif whose condition is `!$this->getRequest()->isPost()` or `!$this->_request->isPost()`,
 * alone or or-ed with other tests, and whose block ends in `return` or `throw` (Magento's Contact `Index\Post`).
 * The check records it per method and php-api/legacy-action-controller's fixer tests it again on the text it edits:
 * one test, so a finding is called fixable exactly when the fixer will add HttpPostActionInterface.
 */
export function startsByRefusingNonPost(body: Node | null | undefined): boolean {
  const first = body?.namedChildren.find((n) => n !== null && n.type !== 'comment');
  return first ? refusesNonPost(first) : false;
}

function refusesNonPost(statement: Node): boolean {
  if (statement.type !== 'if_statement') return false;
  if (statement.childForFieldName('alternative') || statement.namedChildren.some((n) => n?.type.startsWith('else')))
    return false;
  const condition = statement.childForFieldName('condition');
  if (!condition || !disjuncts(unwrap(condition)).some(isNotPost)) return false;
  const then = statement.childForFieldName('body');
  if (!then) return false;
  const last =
    then.type === 'compound_statement'
      ? then.namedChildren.filter((n) => n !== null && n.type !== 'comment').at(-1)
      : then;
  return (
    last?.type === 'return_statement' ||
    (last?.type === 'expression_statement' && last.namedChild(0)?.type === 'throw_expression')
  );
}

function unwrap(node: Node): Node {
  let at = node;
  while (at.type === 'parenthesized_expression' && at.namedChild(0)) at = at.namedChild(0)!;
  return at;
}

/** The operands of a chain of `||`/`or`. */
function disjuncts(node: Node): Node[] {
  const op = node.type === 'binary_expression' ? node.childForFieldName('operator')?.text.toLowerCase() : undefined;
  if (op === '||' || op === 'or') {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    return [...(left ? disjuncts(unwrap(left)) : []), ...(right ? disjuncts(unwrap(right)) : [])];
  }
  return [node];
}

/** `!$this->getRequest()->isPost()` or `!$this->_request->isPost()`. */
function isNotPost(node: Node): boolean {
  if (node.type !== 'unary_op_expression' || node.child(0)?.text !== '!') return false;
  const call = node.namedChild(0) ? unwrap(node.namedChild(0)!) : undefined;
  if (call?.type !== 'member_call_expression' || call.childForFieldName('name')?.text !== 'isPost') return false;
  const receiver = call.childForFieldName('object')?.text.replace(/\s+/g, '');
  return receiver === '$this->getRequest()' || receiver === '$this->_request';
}
