// The one walk of a fixer's parse tree: named nodes in document order, with the nested scopes a fixer leaves out.
import type { Node } from 'web-tree-sitter';

export interface WalkOptions {
  /**
   * Node types whose subtrees the walk leaves out (neither tested nor entered): the nested functions and classes of a
   * method body, whose variables and returns are their own. The root itself is always tested and entered.
   */
  skip?: ReadonlySet<string>;
}

/** Functions and classes declared inside a body: they have their own variables and `return`s. */
export const NESTED_SCOPES: ReadonlySet<string> = new Set([
  'anonymous_function',
  'arrow_function',
  'function_definition',
  'class_declaration',
  'anonymous_class',
]);

/** The named nodes of `root`'s tree (root included) that pass `test`, in document order (a parent before its child). */
export function findNodes(root: Node, test: (n: Node) => boolean, options: WalkOptions = {}): Node[] {
  const found: Node[] = [];
  walk(root, options, (n) => {
    if (test(n)) found.push(n);
    return false;
  });
  return found;
}

/** The first node of `root`'s tree in document order that passes `test`. */
export function firstNode(root: Node, test: (n: Node) => boolean, options: WalkOptions = {}): Node | undefined {
  let found: Node | undefined;
  walk(root, options, (n) => {
    if (test(n)) found = n;
    return found !== undefined;
  });
  return found;
}

/** Pre-order, children left to right; stops when `visit` returns true. */
function walk(root: Node, { skip }: WalkOptions, visit: (n: Node) => boolean): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (visit(n)) return;
    const children = n.namedChildren;
    for (let i = children.length - 1; i >= 0; i--) {
      const c = children[i];
      if (c && !skip?.has(c.type)) stack.push(c);
    }
  }
}
