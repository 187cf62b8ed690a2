// Where a fixer adds a member to a class: after the class's last property (or constant, or trait use), on its own
// lines, indented like its neighbours and with the file's line ending; the way maintainers add a declaration by hand.
import type { Node } from 'web-tree-sitter';

/** The class-like declaration a node sits in (the nearest one: an anonymous class counts). */
export function enclosingClassLike(node: Node): Node | undefined {
  for (let at = node.parent; at; at = at.parent) if (CLASS_LIKE.has(at.type)) return at;
  return undefined;
}

/** The file's line ending: CRLF when its first line break is one. */
export function lineEnding(text: string): string {
  const at = text.indexOf('\n');
  return at > 0 && text[at - 1] === '\r' ? '\r\n' : '\n';
}

/**
 * The offset and indentation at which new member lines go in `cls`'s body: the end of the line of its last property
 * (else constant, else trait use), or just after the opening brace. Undefined when that line holds more than the
 * member and a comment (members sharing a line: no place to insert without reflowing code).
 */
export function memberInsertion(
  text: string,
  cls: Node,
): { at: number; indent: string; afterBrace: boolean } | undefined {
  const body = cls.childForFieldName('body');
  if (!body) return undefined;
  const members = body.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment');
  const anchor =
    lastOf(members, 'property_declaration') ??
    lastOf(members, 'const_declaration') ??
    lastOf(members, 'use_declaration');
  if (anchor) {
    const lineEnd = endOfLine(text, anchor.endIndex);
    if (!/^[ \t]*(\/\/[^\n]*|#(?!\[)[^\n]*|\/\*.*?\*\/[ \t]*)?$/.test(text.slice(anchor.endIndex, lineEnd)))
      return undefined;
    return { at: lineEnd, indent: indentOf(text, anchor.startIndex) ?? '    ', afterBrace: false };
  }
  const brace = body.child(0);
  if (!brace || brace.type !== '{') return undefined;
  const first = body.namedChildren.find((n) => n !== null);
  const indent =
    (first ? indentOf(text, first.startIndex) : undefined) ?? `${indentOf(text, cls.startIndex) ?? ''}    `;
  return { at: brace.endIndex, indent, afterBrace: true };
}

function lastOf(members: Node[], type: string): Node | undefined {
  for (let i = members.length - 1; i >= 0; i--) if (members[i]!.type === type) return members[i];
  return undefined;
}

/** Offset of the line break (`\r\n` or `\n`) ending the line that holds `offset`, or the text's end. */
function endOfLine(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  if (nl === -1) return text.length;
  return nl > 0 && text[nl - 1] === '\r' ? nl - 1 : nl;
}

/** The whitespace before `offset` on its line, when only whitespace precedes it there. */
function indentOf(text: string, offset: number): string | undefined {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const lead = text.slice(start, offset);
  return /^[ \t]*$/.test(lead) ? lead : undefined;
}

const CLASS_LIKE = new Set([
  'class_declaration',
  'interface_declaration',
  'trait_declaration',
  'enum_declaration',
  'anonymous_class',
]);
