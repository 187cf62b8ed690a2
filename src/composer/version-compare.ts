// PHP's version_compare(), which Composer uses for every ordering decision. It canonicalises both strings
// (separators to ".", a "." between digit and non-digit runs), then compares part by part: numbers numerically,
// words by their rank (dev < alpha = a < beta = b < RC = rc < # (a number) < pl = p; anything else ranks below dev).

export type CompareOperator = '<' | '<=' | '>' | '>=' | '==' | '=' | '!=' | '<>';

const enum Char {
  Nul = 0,
  Hash = 0x23,
  Plus = 0x2b,
  Minus = 0x2d,
  Dot = 0x2e,
  Underscore = 0x5f,
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isAlnum(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

const canonicalCache = new Map<string, string>();
const CANONICAL_CACHE_LIMIT = 50_000;

/** php_canonicalize_version(), remembered: the same few thousand versions are compared over and over. */
function canonicalize(version: string): string {
  let canonical = canonicalCache.get(version);
  if (canonical === undefined) {
    canonical = canonicalizeUncached(version);
    if (canonicalCache.size >= CANONICAL_CACHE_LIMIT) canonicalCache.clear();
    canonicalCache.set(version, canonical);
  }
  return canonical;
}

function canonicalizeUncached(version: string): string {
  if (version.length === 0) return version;
  let out = version[0]!;
  let last = version.charCodeAt(0); // the previous input character
  for (let i = 1; i < version.length; i++) {
    const c = version.charCodeAt(i);
    const outEndsWithDot = out.charCodeAt(out.length - 1) === Char.Dot;
    if (c === Char.Minus || c === Char.Underscore || c === Char.Plus) {
      if (!outEndsWithDot) out += '.';
    } else if ((isNonDigit(last) && isDigit(c)) || (isDigit(last) && isNonDigit(c))) {
      if (!outEndsWithDot) out += '.';
      out += version[i];
    } else if (!isAlnum(c)) {
      if (!outEndsWithDot) out += '.';
    } else {
      out += version[i];
    }
    last = c;
  }
  return out;
}

function isNonDigit(c: number): boolean {
  return !isDigit(c) && c !== Char.Dot;
}

const SPECIAL_FORMS: ReadonlyArray<readonly [string, number]> = [
  ['dev', 0],
  ['alpha', 1],
  ['a', 1],
  ['beta', 2],
  ['b', 2],
  ['RC', 3],
  ['rc', 3],
  ['#', 4],
  ['pl', 5],
  ['p', 5],
];

/** compare_special_version_forms(): words match a form by prefix ("patch" ranks as "p"). */
function specialFormRank(form: string): number {
  for (const [name, rank] of SPECIAL_FORMS) if (form.startsWith(name)) return rank;
  return -1;
}

function compareSpecialForms(a: string, b: string): number {
  return Math.sign(specialFormRank(a) - specialFormRank(b));
}

/** strtol() on a part that starts with a digit: leading digits, clamped to the 64-bit maximum. */
function compareNumericParts(a: string, b: string): number {
  const x = clampedDigits(a);
  const y = clampedDigits(b);
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x === y ? 0 : x < y ? -1 : 1;
}

const LONG_MAX = '9223372036854775807';

function clampedDigits(part: string): string {
  let end = 0;
  while (end < part.length && isDigit(part.charCodeAt(end))) end++;
  let start = 0;
  while (start < end - 1 && part.charCodeAt(start) === 0x30) start++;
  const digits = part.slice(start, end);
  if (digits.length > LONG_MAX.length || (digits.length === LONG_MAX.length && digits > LONG_MAX)) return LONG_MAX;
  return digits;
}

const NUMBER_MARK = '#N#';

/** php_version_compare() on two C strings. */
function compareCanonical(original1: string, original2: string): number {
  if (original1 === '' || original2 === '') {
    if (original1 === '' && original2 === '') return 0;
    return original1 !== '' ? 1 : -1;
  }
  const v1 = original1.charCodeAt(0) === Char.Hash ? original1 : canonicalize(original1);
  const v2 = original2.charCodeAt(0) === Char.Hash ? original2 : canonicalize(original2);
  // p = start of the current part; n = position of the "." ending it (-1 when none: C's NULL).
  let p1 = 0;
  let p2 = 0;
  let n1 = 0;
  let n2 = 0;
  let compare = 0;
  while (p1 < v1.length && p2 < v2.length && n1 !== -1 && n2 !== -1) {
    n1 = v1.indexOf('.', p1);
    n2 = v2.indexOf('.', p2);
    const part1 = n1 === -1 ? v1.slice(p1) : v1.slice(p1, n1);
    const part2 = n2 === -1 ? v2.slice(p2) : v2.slice(p2, n2);
    const digit1 = part1.length > 0 && isDigit(part1.charCodeAt(0));
    const digit2 = part2.length > 0 && isDigit(part2.charCodeAt(0));
    if (digit1 && digit2) compare = compareNumericParts(part1, part2);
    else if (!digit1 && !digit2) compare = compareSpecialForms(part1, part2);
    else if (digit1) compare = compareSpecialForms(NUMBER_MARK, part2);
    else compare = compareSpecialForms(part1, NUMBER_MARK);
    if (compare !== 0) break;
    if (n1 !== -1) p1 = n1 + 1;
    if (n2 !== -1) p2 = n2 + 1;
  }
  if (compare === 0) {
    if (n1 !== -1) {
      compare = p1 < v1.length && isDigit(v1.charCodeAt(p1)) ? 1 : compareCanonical(v1.slice(p1), NUMBER_MARK);
    } else if (n2 !== -1) {
      compare = p2 < v2.length && isDigit(v2.charCodeAt(p2)) ? -1 : compareCanonical(NUMBER_MARK, v2.slice(p2));
    }
  }
  return compare;
}

/**
 * C string view of a PHP string: its UTF-8 bytes (one character per byte, so canonicalisation sees what C sees),
 * up to the first NUL.
 */
function cString(s: string): string {
  // eslint-disable-next-line no-control-regex
  const bytes = /[^\x00-\x7f]/.test(s) ? Buffer.from(s, 'utf8').toString('latin1') : s;
  const nul = bytes.indexOf('\0');
  return nul === -1 ? bytes : bytes.slice(0, nul);
}

/** PHP `version_compare($a, $b)`: -1, 0 or 1. */
export function phpVersionCompare(a: string, b: string): -1 | 0 | 1 {
  return compareCanonical(cString(a), cString(b)) as -1 | 0 | 1;
}

/** PHP `version_compare($a, $b, $operator)`. */
export function phpVersionCompareWith(a: string, b: string, operator: CompareOperator): boolean {
  const c = phpVersionCompare(a, b);
  switch (operator) {
    case '<':
      return c === -1;
    case '<=':
      return c !== 1;
    case '>':
      return c === 1;
    case '>=':
      return c !== -1;
    case '==':
    case '=':
      return c === 0;
    case '!=':
    case '<>':
      return c !== 0;
  }
}
