import { createHash } from 'node:crypto';

/**
 * A hash of PHP source that ignores layout: comments are dropped and whitespace is removed except where it separates
 * two word characters (`return $x` vs `return$x` would be the same; `new Foo` keeps its space). String literals,
 * heredocs and inline HTML are kept verbatim. So reformatting or re-commenting a method does not change its hash,
 * while any change to its code does.
 */
export function bodyHash(code: string): string {
  return createHash('sha1').update(normalizeCode(code)).digest('hex');
}

export function normalizeCode(code: string): string {
  let out = '';
  let i = 0;
  const n = code.length;
  let pendingSpace = false;
  while (i < n) {
    const ch = code.charCodeAt(i);
    // Whitespace: remember it, emit a single space only between two word characters.
    if (ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 12 || ch === 11) {
      pendingSpace = true;
      i++;
      continue;
    }
    // Comments: `//` and `#` to end of line (not `#[` attributes), `/* … */`.
    if ((ch === 47 && code.charCodeAt(i + 1) === 47) || (ch === 35 && code.charCodeAt(i + 1) !== 91)) {
      i = endOfLineComment(code, i);
      pendingSpace = true;
      continue;
    }
    if (ch === 47 && code.charCodeAt(i + 1) === 42) {
      const end = code.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
      pendingSpace = true;
      continue;
    }
    let end: number;
    if (ch === 39 || ch === 34 || ch === 96) end = endOfQuoted(code, i, ch);
    else if (ch === 60 && code.startsWith('<<<', i)) end = endOfHeredoc(code, i);
    else if (ch === 63 && code.charCodeAt(i + 1) === 62) end = endOfInlineHtml(code, i);
    else end = i + 1;
    if (pendingSpace && out.length > 0 && isWordChar(out.charCodeAt(out.length - 1)) && isWordChar(ch)) out += ' ';
    pendingSpace = false;
    out += end === i + 1 ? code[i] : code.slice(i, end);
    i = end;
  }
  return out;
}

function isWordChar(ch: number): boolean {
  return (
    (ch >= 48 && ch <= 57) || (ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122) || ch === 95 || ch === 36 || ch > 127
  );
}

/** Line comments end at a newline or at `?>`, which closes PHP mode even inside a comment. */
function endOfLineComment(code: string, start: number): number {
  let i = start;
  while (i < code.length) {
    const ch = code.charCodeAt(i);
    if (ch === 10 || ch === 13) return i;
    if (ch === 63 && code.charCodeAt(i + 1) === 62) return i;
    i++;
  }
  return i;
}

function endOfQuoted(code: string, start: number, quote: number): number {
  let i = start + 1;
  while (i < code.length) {
    const ch = code.charCodeAt(i);
    if (ch === 92) i += 2;
    else if (ch === quote) return i + 1;
    else i++;
  }
  return code.length;
}

function endOfHeredoc(code: string, start: number): number {
  const header = /^<<<[ \t]*(["']?)([A-Za-z_\x80-\uffff][\w\x80-\uffff]*)\1/.exec(code.slice(start, start + 200));
  if (!header) return start + 3;
  const label = header[2]!;
  // The closing label starts a line (possibly indented, PHP 7.3+) and is not followed by a word character.
  const closing = new RegExp(`\\n[ \\t]*${label}(?![\\w\\x80-\\uffff])`, 'g');
  closing.lastIndex = start + header[0].length;
  const match = closing.exec(code);
  return match ? match.index + match[0].length : code.length;
}

/** `?> html <?php` inside a body: the HTML is output, so it is code. */
function endOfInlineHtml(code: string, start: number): number {
  const reopen = code.indexOf('<?', start + 2);
  return reopen < 0 ? code.length : reopen + 2;
}
