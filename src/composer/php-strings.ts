// The few PHP string behaviours composer/semver relies on, reproduced exactly (byte-oriented, ASCII-only case rules,
// PHP 8 numeric strings), so that the port never inherits JavaScript's Unicode-aware defaults by accident.

/** PHP `trim()` with its default set: space, \t, \n, \r, \0 and \x0B (not \f, unlike String#trim). */
export function phpTrim(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isTrimmed(s.charCodeAt(start))) start++;
  while (end > start && isTrimmed(s.charCodeAt(end - 1))) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

function isTrimmed(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x00 || c === 0x0b;
}

/** PHP 8.2 `strtolower()`: ASCII letters only, whatever the locale. */
export function asciiLower(s: string): string {
  return /[A-Z]/.test(s) ? s.replace(/[A-Z]+/g, (m) => m.toLowerCase()) : s;
}

/** PHP `empty()` on a preg_match group: unset, '' and '0' are all empty. */
export function phpEmpty(s: string | undefined): boolean {
  return s === undefined || s === '' || s === '0';
}

/** A preg_match group that took part in the match with at least one character (`isset($m[i]) && '' !== $m[i]`). */
export function hasText(s: string | undefined): s is string {
  return s !== undefined && s !== '';
}

const INT64_MAX = 9223372036854775807n;

/**
 * PHP's `$digits + 1` for a string of ASCII digits: an int while it fits in 64 bits, otherwise a float whose string
 * form follows PHP's `precision=14` rules (`9.2233720368548E+18`, `1.0E+20`, `INF`).
 */
export function phpIncrementDigits(digits: string): string {
  const trimmed = digits.replace(/^0+(?=\d)/, '');
  if (trimmed.length < 19 || (trimmed.length === 19 && trimmed <= '9223372036854775806')) {
    return (BigInt(trimmed) + 1n).toString();
  }
  return phpFloatToString(Number(trimmed) + 1);
}

/** PHP 8 `(string) $float` with the default precision of 14 significant digits (zend_gcvt). */
export function phpFloatToString(x: number): string {
  if (Number.isNaN(x)) return 'NAN';
  if (!Number.isFinite(x)) return x > 0 ? 'INF' : '-INF';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const sign = x < 0 ? '-' : '';
  const [mantissa = '0', exponent = '0'] = Math.abs(x).toExponential(13).split('e');
  const digits = mantissa.replace('.', '').replace(/0+$/, '') || '0';
  const decimalPoint = Number(exponent) + 1; // digits before the decimal point, as dtoa counts them
  if (decimalPoint < 0 ? decimalPoint < -3 : decimalPoint > 14) {
    const e = decimalPoint - 1;
    return `${sign}${digits[0]}.${digits.slice(1) || '0'}E${e < 0 ? '-' : '+'}${Math.abs(e)}`;
  }
  if (decimalPoint < 0) return `${sign}0.${'0'.repeat(-decimalPoint)}${digits}`;
  const whole = digits.slice(0, decimalPoint).padEnd(decimalPoint, '0');
  const fraction = digits.slice(decimalPoint);
  return sign + (fraction ? `${whole || '0'}.${fraction}` : whole);
}

type PhpNumber = { kind: 'int'; value: bigint } | { kind: 'float'; value: number; overflow: -1 | 0 | 1 };

const NUMERIC = /^[ \t\n\r\v\f]*([+-]?)(\d+(?:\.\d*)?|\.\d+)([eE][+-]?\d+)?[ \t\n\r\v\f]*$/;

/** PHP 8 `is_numeric_string_ex`: the number a numeric string stands for, or undefined. */
function phpNumericString(s: string): PhpNumber | undefined {
  const m = NUMERIC.exec(s);
  if (!m) return undefined;
  const [, sign = '', body = '', exponent] = m;
  if (!body.includes('.') && exponent === undefined) {
    const value = BigInt(sign + body);
    if (value <= INT64_MAX && value >= -INT64_MAX - 1n) return { kind: 'int', value };
    return { kind: 'float', value: Number(sign + body), overflow: value > 0n ? 1 : -1 };
  }
  return { kind: 'float', value: Number(sign + body + (exponent ?? '')), overflow: 0 };
}

/** PHP 8 `$a == $b` for two strings: numeric strings compare as numbers, anything else byte for byte. */
export function phpLooseStringEquals(a: string, b: string): boolean {
  if (a === b) return true;
  const x = phpNumericString(a);
  const y = x && phpNumericString(b);
  if (!x || !y) return false;
  if (x.kind === 'int' && y.kind === 'int') return x.value === y.value;
  const xf = x.kind === 'float' ? x : undefined;
  const yf = y.kind === 'float' ? y : undefined;
  if (xf && yf && xf.overflow !== 0 && xf.overflow === yf.overflow && xf.value - yf.value === 0) return false;
  if (!xf) return yf!.overflow !== 0 ? false : Number(x.value) === yf!.value;
  if (!yf) return xf.overflow !== 0 ? false : xf.value === Number(y.value);
  if (xf.value === yf.value && !Number.isFinite(xf.value)) return false;
  return xf.value === yf.value;
}
