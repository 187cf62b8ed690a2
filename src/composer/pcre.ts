// Building blocks for writing composer/semver's PCRE patterns as JavaScript regular expressions with the same meaning.
//
// PHP runs these patterns without the `u`, `s` or `D` modifiers, where three tokens differ from JavaScript:
// `\s` is ASCII whitespace only, `.` is anything but "\n", and `$` also matches just before a final "\n".
// The originals use possessive quantifiers (`\d++`, `(?:[.-]?\d+)*+`) where the next token can never start with
// what the quantifier consumed, so giving characters back never yields a match: greedy quantifiers find the same
// matches. Only the performance differs: `(?:[.-]?\d+)*` backtracks exponentially on long digit runs, so it is
// written unambiguously as `(?:[.-]?\d+(?:[.-]\d+)*)?` (same language, linear backtracking).

/** The members of PCRE's `\s` (without UCP): for use inside a character class. */
export const SPACE_CHARS = '\\t\\n\\v\\f\\r ';
/** PCRE `\s`. */
export const SPACE = `[${SPACE_CHARS}]`;
/** PCRE `.` without the `s` modifier. */
export const ANY = '[^\\n]';
/** PCRE `$` without the `D` modifier: the end of the subject, or just before a newline that ends it. */
export const END = '(?=\\n?(?![\\s\\S]))';

/**
 * composer/semver's `$modifierRegex`: an optional stability word with its number, and an optional dev suffix.
 * Groups: stability word, its number, dev suffix.
 */
export const MODIFIER = '[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\\d+(?:[.-]\\d+)*)?))?([.-]?dev)?';

/** The stability flags `@stable` … `@dev`. */
export const STABILITIES = 'stable|RC|beta|alpha|dev';

/** PHP `preg_quote()` for a string used inside a JavaScript pattern. */
export function quote(s: string): string {
  return s.replace(/[.\\+*?[^\]$(){}=!<>|:\-#/]/g, '\\$&');
}
