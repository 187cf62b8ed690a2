/**
 * Empties every function and method body (`{ … }` → `{` + the body's newlines + `}`), leaving a source that holds
 * only declarations, on the same lines. Parsing that skeleton is several times faster than parsing the whole file,
 * which is what the API indexer needs: it reads signatures, and hashes bodies from the original text (offsets are
 * mapped back with `toOriginal`). Columns after an emptied body on the same line shift; declarations use lines only.
 *
 * This is a small PHP lexer: it knows strings (with `{$…}` interpolation), heredoc/nowdoc, comments, inline HTML and
 * `?>`/`<?php` switches, so braces inside them are not counted. When anything looks unbalanced it gives up and the
 * caller parses the original: the skeleton is an optimisation, never a source of wrong declarations.
 */
export interface Skeleton {
  text: string;
  /** Maps an index in `text` to the same place in the original source. */
  toOriginal(index: number): number;
}

export function functionSkeleton(source: string): Skeleton | undefined {
  let bodies: number[];
  try {
    bodies = new BodyFinder(source).run();
  } catch (error) {
    if (error instanceof Unbalanced) return undefined;
    throw error;
  }
  if (bodies.length === 0) return undefined;
  const parts: string[] = [];
  /** For each emptied body: [index in skeleton where the text after it resumes, characters removed so far]. */
  const shifts: number[] = [];
  let last = 0;
  let removed = 0;
  let length = 0;
  for (let k = 0; k < bodies.length; k += 2) {
    const start = bodies[k]!;
    const end = bodies[k + 1]!;
    const kept = source.slice(last, start);
    const newlines = '\n'.repeat(countNewlines(source, start, end));
    parts.push(kept, newlines);
    length += kept.length + newlines.length;
    removed += end - start - newlines.length;
    shifts.push(length, removed);
    last = end;
  }
  parts.push(source.slice(last));
  return {
    text: parts.join(''),
    toOriginal(index: number): number {
      // Last shift whose resume point is at or before index (binary search).
      let lo = 0;
      let hi = shifts.length / 2 - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (shifts[mid * 2]! <= index) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      return found < 0 ? index : index + shifts[found * 2 + 1]!;
    },
  };
}

class Unbalanced extends Error {}

/** Top level: strings, comments, heredocs, `?>`, and the `function` keyword (not after `$`, `->`, `::`, `\`). */
const TOP = /["'`#/]|<<<|\?>|(?<![\w$\\\x80-\uffff])function(?![\w\x80-\uffff])/gi;
/** Inside a body: the same lexical units, plus braces. */
const BODY = /["'`#/{}]|<<<|\?>/g;
const SINGLE_QUOTED = /'(?:[^'\\]|\\[\s\S])*'/y;
/** A double-quoted string without `{$`/`${` interpolation (the common case, matched natively). */
const PLAIN_DOUBLE_QUOTED = /"(?:[^"\\{$]|\\[\s\S]|\{(?!\$)|\$(?!\{))*"/y;
const PLAIN_BACKTICK = /`(?:[^`\\{$]|\\[\s\S]|\{(?!\$)|\$(?!\{))*`/y;
const LINE_COMMENT_END = /[\r\n]|\?>/g;
const HEREDOC_HEADER = /<<<[ \t]*(["']?)([A-Za-z_\x80-\uffff][\w\x80-\uffff]*)\1\r?\n/y;
const FUNCTION_HEAD_END = /[;{}()[\]"'`#/]|<<<|\?>/g;

class BodyFinder {
  private readonly n: number;
  /** Pairs (start, end) of body insides, in order. */
  private readonly bodies: number[] = [];

  constructor(private readonly src: string) {
    this.n = src.length;
  }

  run(): number[] {
    let i = this.skipHtml(0);
    const s = this.src;
    while (i < this.n) {
      const next = nextMatch(TOP, s, i);
      if (!next) break;
      const [at, unit] = next;
      if (unit.length === 8) i = this.isMemberName(at) ? at + 8 : this.functionDeclaration(at + 8);
      else i = this.skipUnit(at, unit);
    }
    return this.bodies;
  }

  /** Skips a string, comment, heredoc or `?>…<?php` starting at `at`; returns the index after it. */
  private skipUnit(at: number, unit: string): number {
    const s = this.src;
    switch (unit) {
      case "'":
        return this.matchSticky(SINGLE_QUOTED, at);
      case '"':
        return this.skipInterpolated(at, PLAIN_DOUBLE_QUOTED, 34);
      case '`':
        return this.skipInterpolated(at, PLAIN_BACKTICK, 96);
      case '#':
        return s.charCodeAt(at + 1) === 91 /* [ */ ? at + 2 : this.skipLineComment(at);
      case '/':
        if (s.charCodeAt(at + 1) === 47) return this.skipLineComment(at);
        if (s.charCodeAt(at + 1) === 42) {
          const end = s.indexOf('*/', at + 2);
          if (end < 0) throw new Unbalanced();
          return end + 2;
        }
        return at + 1;
      case '<<<':
        return this.skipHeredoc(at);
      case '?>':
        return this.skipHtml(at + 2);
    }
    return at + unit.length;
  }

  /** After `function`: optional `&` and name, parameters, `use (…)`, return type, then a body or `;`. */
  private functionDeclaration(i: number): number {
    const s = this.src;
    let depth = 0;
    let sawParams = false;
    while (i < this.n) {
      const next = nextMatch(FUNCTION_HEAD_END, s, i);
      if (!next) throw new Unbalanced();
      const [at, unit] = next;
      switch (unit) {
        case '(':
        case '[':
          depth++;
          sawParams = true;
          i = at + 1;
          continue;
        case ')':
        case ']':
          depth--;
          i = at + 1;
          continue;
        case ';':
          if (depth === 0) return at + 1;
          i = at + 1;
          continue;
        case '{':
          if (depth !== 0 || !sawParams) throw new Unbalanced();
          return this.body(at);
        case '}':
          throw new Unbalanced();
      }
      i = this.skipUnit(at, unit);
    }
    throw new Unbalanced();
  }

  /** A body starting at its `{`: find the matching `}` and record the inside. */
  private body(open: number): number {
    const close = this.matchBrace(open + 1);
    if (close > open + 1) this.bodies.push(open + 1, close);
    return close + 1;
  }

  /** Index of the `}` closing a block whose inside starts at `i`. */
  private matchBrace(i: number): number {
    const s = this.src;
    let depth = 0;
    while (i < this.n) {
      const next = nextMatch(BODY, s, i);
      if (!next) break;
      const [at, unit] = next;
      if (unit === '{') {
        depth++;
        i = at + 1;
      } else if (unit === '}') {
        if (depth === 0) return at;
        depth--;
        i = at + 1;
      } else i = this.skipUnit(at, unit);
    }
    throw new Unbalanced();
  }

  /** `->function`, `?->function`, `::function`: a member named `function`, not the keyword. */
  private isMemberName(at: number): boolean {
    let j = at - 1;
    const s = this.src;
    while (j >= 0 && isSpace(s.charCodeAt(j))) j--;
    const ch = s.charCodeAt(j);
    return (ch === 62 && s.charCodeAt(j - 1) === 45) || (ch === 58 && s.charCodeAt(j - 1) === 58);
  }

  private matchSticky(pattern: RegExp, at: number): number {
    pattern.lastIndex = at;
    if (!pattern.test(this.src)) throw new Unbalanced();
    return pattern.lastIndex;
  }

  /** `"…"`/`` `…` ``: natively when it has no `{$`/`${`, else char by char with nested code for interpolations. */
  private skipInterpolated(at: number, plain: RegExp, quote: number): number {
    plain.lastIndex = at;
    if (plain.test(this.src)) return plain.lastIndex;
    const s = this.src;
    let i = at + 1;
    while (i < this.n) {
      const ch = s.charCodeAt(i);
      if (ch === 92) i += 2;
      else if (ch === quote) return i + 1;
      else i = this.skipInterpolation(i);
    }
    throw new Unbalanced();
  }

  /** At `{$` or `${` inside a string: past the matching `}`; otherwise one character. */
  private skipInterpolation(i: number): number {
    const s = this.src;
    const ch = s.charCodeAt(i);
    const next = s.charCodeAt(i + 1);
    if (ch === 123 && next === 36) return this.matchBrace(i + 1) + 1;
    if (ch === 36 && next === 123) return this.matchBrace(i + 2) + 1;
    return i + 1;
  }

  private skipHeredoc(at: number): number {
    const s = this.src;
    HEREDOC_HEADER.lastIndex = at;
    const header = HEREDOC_HEADER.exec(s);
    if (!header) return at + 3;
    const nowdoc = header[1] === "'";
    const label = header[2]!;
    let j = HEREDOC_HEADER.lastIndex;
    // Line by line until one that starts (after indentation) with the label, not followed by a word character.
    for (;;) {
      let k = j;
      while (k < this.n && (s.charCodeAt(k) === 32 || s.charCodeAt(k) === 9)) k++;
      if (s.startsWith(label, k) && !isWordPart(s.charCodeAt(k + label.length))) return k + label.length;
      if (nowdoc) {
        const eol = s.indexOf('\n', j);
        if (eol < 0) throw new Unbalanced();
        j = eol + 1;
        continue;
      }
      // Interpolations may span lines: scan with the string rules up to the end of this line.
      while (j < this.n && s.charCodeAt(j) !== 10) j = s.charCodeAt(j) === 92 ? j + 2 : this.skipInterpolation(j);
      if (j >= this.n) throw new Unbalanced();
      j++;
    }
  }

  /** `//` and `#` comments end at a newline or at `?>` (which leaves PHP mode even there). */
  private skipLineComment(at: number): number {
    LINE_COMMENT_END.lastIndex = at;
    const end = LINE_COMMENT_END.exec(this.src);
    return end ? end.index : this.n;
  }

  /** Inline HTML up to the next `<?php`, `<?=` or short `<? ` open tag (or the end); `<?xml` is text. */
  private skipHtml(i: number): number {
    const s = this.src;
    for (let open = s.indexOf('<?', i); open >= 0; open = s.indexOf('<?', open + 2)) {
      if (s.slice(open + 2, open + 5).toLowerCase() === 'php') return open + 5;
      const next = s.charCodeAt(open + 2);
      if (next === 61 /* = */) return open + 3;
      if (isSpace(next)) return open + 2;
    }
    return this.n;
  }
}

/** The next match of a global regex at or after `from`, as [index, text]. */
function nextMatch(pattern: RegExp, s: string, from: number): [number, string] | undefined {
  pattern.lastIndex = from;
  const match = pattern.exec(s);
  return match ? [match.index, match[0]] : undefined;
}

function countNewlines(s: string, start: number, end: number): number {
  let count = 0;
  for (let i = s.indexOf('\n', start); i >= 0 && i < end; i = s.indexOf('\n', i + 1)) count++;
  return count;
}

function isSpace(ch: number): boolean {
  return ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 11 || ch === 12;
}

function isWordPart(ch: number): boolean {
  return (ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122) || ch === 95 || ch > 127 || (ch >= 48 && ch <= 57);
}
