import { hash } from 'node:crypto';

/**
 * A hash of PHP source that ignores layout: comments are dropped and whitespace is removed except where it separates
 * two word characters (`new Foo` keeps its space, `$a = 1` becomes `$a=1`). String literals, heredocs and inline
 * HTML are kept verbatim. So reformatting or re-commenting a method does not change its hash; a code change does.
 */
export function bodyHash(code: string): string {
  return hash('sha1', normalizeCode(code));
}

/**
 * Either something kept verbatim (group 1: a string, heredoc/nowdoc, or `?>` inline HTML up to the next open tag),
 * or a run of whitespace and comments (no group), which collapses.
 */
const LAYOUT =
  /('(?:[^'\\]|\\[\s\S])*'|"(?:[^"\\]|\\[\s\S])*"|`(?:[^`\\]|\\[\s\S])*`|<<<[ \t]*(["']?)([A-Za-z_\x80-\uffff][\w\x80-\uffff]*)\2\r?\n[\s\S]*?\n[ \t]*\3(?![\w\x80-\uffff])|\?>[\s\S]*?(?:<\?(?:php|=)?|$))|(?:\s+|\/\/[^\r\n]*?(?=\?>|[\r\n]|$)|#(?!\[)[^\r\n]*?(?=\?>|[\r\n]|$)|\/\*[\s\S]*?(?:\*\/|$))+/g;

export function normalizeCode(code: string): string {
  return code.replace(LAYOUT, (match: string, kept: string | undefined, _q: unknown, _l: unknown, offset: number) => {
    if (kept !== undefined) return kept;
    // Layout between two word characters still separates tokens (`return $x`, `new Foo`): keep one space.
    return isWordChar(code.charCodeAt(offset - 1)) && isWordChar(code.charCodeAt(offset + match.length)) ? ' ' : '';
  });
}

function isWordChar(ch: number): boolean {
  return (
    (ch >= 48 && ch <= 57) || (ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122) || ch === 95 || ch === 36 || ch > 127
  );
}
