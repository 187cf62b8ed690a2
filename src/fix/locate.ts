// Finding a finding's syntax node again in a fixer's parse tree: by line (and column) as the analyser reported them.
import type { Node } from 'web-tree-sitter';

/** Every node of `types` whose first line is `line` (1-based), in document order. */
export function nodesOnLine(root: Node, line: number, types: ReadonlySet<string>): Node[] {
  const row = line - 1;
  const found: Node[] = [];
  const cursor = root.walk();
  try {
    for (;;) {
      const { startPosition, endPosition } = cursor;
      // Only subtrees that span the line can hold a node starting on it.
      const spans = startPosition.row <= row && endPosition.row >= row;
      if (spans && startPosition.row === row && types.has(cursor.nodeType)) found.push(cursor.currentNode);
      if (spans && cursor.gotoFirstChild()) continue;
      if (cursor.gotoNextSibling()) continue;
      let up = false;
      while (cursor.gotoParent()) {
        if (cursor.gotoNextSibling()) {
          up = true;
          break;
        }
      }
      if (!up) break;
    }
  } finally {
    cursor.delete();
  }
  return found;
}

/** How many ERROR and MISSING nodes the tree holds: a fix must not add any. */
export function syntaxErrorCount(root: Node): number {
  if (!root.hasError) return 0;
  let count = 0;
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.isError || node.isMissing) count++;
    if (!node.hasError && !node.isMissing) continue;
    for (const child of node.children) if (child) stack.push(child);
  }
  return count;
}
