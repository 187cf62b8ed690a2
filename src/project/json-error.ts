/**
 * Finds where a JSON document stops being valid, for error messages with a line number (Node 20's JSON.parse does not
 * always say where). A small recursive-descent scan over the grammar of RFC 8259; only called on documents that
 * JSON.parse already rejected.
 * @returns the 1-based line of the first offending character (the last line for a truncated document).
 */
export function jsonErrorLine(text: string): number {
  return jsonErrorPosition(text).line;
}

/**
 * Line and column (both 1-based, the column counted in characters) of the first offending character of a document
 * JSON.parse rejected; for a truncated document, the end of its last non-blank line.
 */
export function jsonErrorPosition(text: string): { line: number; column: number } {
  let i = 0;
  const fail = (): never => {
    throw new JsonSyntaxAt(i);
  };
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const literal = (word: string): void => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const string = (): void => {
    i++; // opening quote
    while (i < text.length) {
      const c = text[i] as string;
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        const next = text[i + 1] ?? '';
        if ('"\\/bfnrt'.includes(next) && next !== '') i += 2;
        else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else fail();
      } else if (c < ' ') fail();
      else i++;
    }
    fail();
  };
  const number = (): void => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '' || m[0] === '-') fail();
    i += (m as RegExpExecArray)[0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else fail();
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else fail();
      }
    } else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number();
    else fail();
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
  } catch (e) {
    if (!(e instanceof JsonSyntaxAt)) throw e;
    const at = Math.min(e.offset, text.length);
    const before = (at >= text.length ? text.trimEnd() : text.slice(0, at)).split('\n');
    const last = before[before.length - 1] ?? '';
    return { line: Math.max(1, before.length), column: last.length + (at >= text.length ? 0 : 1) || 1 };
  }
  return { line: 1, column: 1 };
}

class JsonSyntaxAt {
  constructor(readonly offset: number) {}
}
