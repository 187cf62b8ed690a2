// `$str{0}`: string and array offsets in curly braces, deprecated in PHP 7.4 and removed in PHP 8.0, where the file no
// longer parses. Tree-sitter's PHP grammar (PHP 8) does not know the syntax either and its error recovery garbles the
// rest of the file, so the offsets are found by a small lexer over the text: outside strings, comments, heredocs and
// inline HTML, a `{` right after a variable, a property name (`->name`), a `]` or another such offset's `}`. In PHP 8
// no valid code has a `{` there (`$this->{$name}` has the arrow before it), so a match is the removed syntax.

/** One curly offset: offsets (UTF-16 code units, as JS strings index) of its `{` and its matching `}`. */
export interface CurlyOffset {
  open: number;
  close: number;
}

type Prev = 'var' | 'prop' | 'bracket' | 'offset' | 'other';

/** Every curly offset of a PHP file's text, in document order (nested ones after their outer one). */
export function curlyOffsets(source: string): CurlyOffset[] {
  const found: CurlyOffset[] = [];
  let i = 0;
  const n = source.length;
  while (i < n) {
    // Inline HTML up to the next open tag.
    const tag = source.indexOf('<?', i);
    if (tag === -1) break;
    i = tag + 2;
    if (source.startsWith('php', i) || source.startsWith('PHP', i)) i += 3;
    else if (source[i] === '=') i += 1;
    i = code(source, i, found, false);
  }
  return found.sort((a, b) => a.open - b.open);
}

/**
 * Scans code from `i` to `?>` (or, with `untilBrace`, to the `}` that closes the block it is in) and returns the
 * offset after it.
 */
function code(s: string, i: number, found: CurlyOffset[], untilBrace: boolean): number {
  let prev: Prev = 'other';
  let depth = 0;
  let arrow = false;
  const n = s.length;
  while (i < n) {
    const c = s[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '?' && s[i + 1] === '>' && !untilBrace) return i + 2;
    if ((c === '/' && s[i + 1] === '/') || (c === '#' && s[i + 1] !== '[')) {
      while (i < n && s[i] !== '\n' && !(s[i] === '?' && s[i + 1] === '>')) i++;
      continue;
    }
    if (c === '/' && s[i + 1] === '*') {
      const end = s.indexOf('*/', i + 2);
      i = end === -1 ? n : end + 2;
      continue;
    }
    if (c === "'") {
      i = singleQuoted(s, i + 1);
      prev = 'other';
      continue;
    }
    if (c === '"' || c === '`') {
      i = interpolated(s, i + 1, c, found);
      prev = 'other';
      continue;
    }
    if (c === '<' && s.startsWith('<<<', i)) {
      i = heredoc(s, i, found);
      prev = 'other';
      continue;
    }
    if (c === '$' && /[A-Za-z_\x80-\uffff$]/.test(s[i + 1] ?? '')) {
      i++;
      while (s[i] === '$') i++;
      while (i < n && /[\w\x80-\uffff]/.test(s[i]!)) i++;
      prev = 'var';
      arrow = false;
      continue;
    }
    if (/[A-Za-z_\x80-\uffff]/.test(c)) {
      while (i < n && /[\w\x80-\uffff]/.test(s[i]!)) i++;
      prev = arrow ? 'prop' : 'other';
      arrow = false;
      continue;
    }
    if (c === '-' && s[i + 1] === '>') {
      i += 2;
      arrow = true;
      prev = 'other';
      continue;
    }
    if (c === '?' && s[i + 1] === '-' && s[i + 2] === '>') {
      i += 3;
      arrow = true;
      prev = 'other';
      continue;
    }
    arrow = false;
    if (c === '{') {
      if (prev === 'var' || prev === 'prop' || prev === 'bracket' || prev === 'offset') {
        const at = found.length;
        found.push({ open: i, close: -1 });
        i = code(s, i + 1, found, true);
        found[at]!.close = i - 1;
        prev = 'offset';
        continue;
      }
      depth++;
      i++;
      prev = 'other';
      continue;
    }
    if (c === '}') {
      i++;
      if (untilBrace && depth === 0) return i;
      depth--;
      prev = 'other';
      continue;
    }
    prev = c === ']' ? 'bracket' : 'other';
    i++;
  }
  return n;
}

function singleQuoted(s: string, i: number): number {
  while (i < s.length) {
    if (s[i] === '\\') i += 2;
    else if (s[i] === "'") return i + 1;
    else i++;
  }
  return s.length;
}

/** A "…" or `…` string: `{$…}` inside holds code (scanned, it may hold strings and offsets itself). */
function interpolated(s: string, i: number, quote: string, found: CurlyOffset[]): number {
  while (i < s.length) {
    const c = s[i];
    if (c === '\\') i += 2;
    else if (c === quote) return i + 1;
    else if (c === '{' && s[i + 1] === '$') i = code(s, i + 1, found, true);
    else i++;
  }
  return s.length;
}

/** A heredoc or nowdoc, from `<<<` to its closing label. */
function heredoc(s: string, i: number, found: CurlyOffset[]): number {
  const head = /^<<<[ \t]*(["']?)([A-Za-z_\x80-\uffff][\w\x80-\uffff]*)\1\r?\n/.exec(s.slice(i, i + 200));
  if (!head) return i + 3;
  const label = head[2]!;
  const nowdoc = head[1] === "'";
  const end = new RegExp(`\\n[ \\t]*${label}(?![\\w\\x80-\\uffff])`, 'g');
  end.lastIndex = i + head[0].length - 1;
  const close = end.exec(s);
  const stop = close ? close.index + close[0].length : s.length;
  if (!nowdoc) {
    // Interpolations in the body hold code like a "…" string's.
    for (let j = i + head[0].length; j < (close?.index ?? s.length); j++) {
      if (s[j] === '\\') j++;
      else if (s[j] === '{' && s[j + 1] === '$') j = code(s, j + 1, found, true) - 1;
    }
  }
  return stop;
}
