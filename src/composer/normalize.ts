import { ComposerVersionError } from './errors.js';
import { ANY, END, MODIFIER, SPACE_CHARS, STABILITIES, quote } from './pcre.js';
import { asciiLower, hasText, phpTrim } from './php-strings.js';

// VersionParser::normalize: turns any version Composer accepts into its canonical four-part form
// ("v1.2" → "1.2.0.0", "1.0-beta.2" → "1.0.0.0-beta2", "2.x-dev" → "2.9999999.9999999.9999999-dev",
// "dev-main" → "dev-main"), or rejects it with Composer's own message.

const ALIAS = new RegExp(`^([^,${SPACE_CHARS}]+) +as +([^,${SPACE_CHARS}]+)${END}`);
const STABILITY_FLAG = new RegExp(`@(?:${STABILITIES})${END}`, 'i');
const BUILD_METADATA = new RegExp(`^([^,${SPACE_CHARS}+]+)\\+[^${SPACE_CHARS}]+${END}`);
/** major[.minor[.patch[.build]]] + modifier; groups 1-4 the numbers, 5-7 the modifier. */
const CLASSICAL = new RegExp(`^v?(\\d{1,5})(\\.\\d+)?(\\.\\d+)?(\\.\\d+)?${MODIFIER}${END}`, 'i');
/** Date-like versions (20230115, 2023.01.15.1); group 1 the date, 2-4 the modifier. */
const DATE = new RegExp(`^v?(\\d{4}(?:[.:-]?\\d{2}){1,6}(?:[.:-]?\\d{1,3})?)${MODIFIER}${END}`, 'i');
const DEV_SUFFIX = new RegExp(`(${ANY}*?)[.-]?dev${END}`, 'i');
const NUMERIC_BRANCH = /^v?(\d+)(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?$/i;
const BRANCH_DEFAULTS = ['master', 'trunk', 'default'];

const normalizedCache = new Map<string, string>();
const CACHE_LIMIT = 50_000;

/**
 * Composer's normalized form of a version string; throws ComposerVersionError ("Invalid version string …")
 * for anything Composer rejects. `fullVersion` is the complete string the version came from (for example the
 * whole `x as y` alias), used only to word the error.
 */
export function normalizeVersion(version: string, fullVersion?: string): string {
  if (fullVersion !== undefined) return normalizeUncached(version, fullVersion);
  let normalized = normalizedCache.get(version);
  if (normalized === undefined) {
    normalized = normalizeUncached(version, undefined);
    if (normalizedCache.size >= CACHE_LIMIT) normalizedCache.clear();
    normalizedCache.set(version, normalized);
  }
  return normalized;
}

function normalizeUncached(input: string, fullVersion: string | undefined): string {
  let version = phpTrim(input);
  const original = version;
  const full = fullVersion ?? version;

  const alias = ALIAS.exec(version);
  if (alias) version = alias[1]!;

  const flag = STABILITY_FLAG.exec(version);
  if (flag) version = version.slice(0, version.length - flag[0].length);

  if (BRANCH_DEFAULTS.includes(version)) version = `dev-${version}`;

  // A branch: keep the name as written.
  if (asciiLower(version.slice(0, 4)) === 'dev-') return `dev-${version.slice(4)}`;

  const build = BUILD_METADATA.exec(version);
  if (build) version = build[1]!;

  const classical = CLASSICAL.exec(version);
  if (classical) {
    const [, major, minor, patch, extra] = classical;
    const numbers = `${major}${minor || '.0'}${patch || '.0'}${extra || '.0'}`;
    return withModifier(numbers, classical[5], classical[6], classical[7]);
  }
  const date = DATE.exec(version);
  if (date) return withModifier(date[1]!.replace(/\D/g, '.'), date[2], date[3], date[4]);

  const devSuffix = DEV_SUFFIX.exec(version);
  if (devSuffix) {
    // "1.x-dev" and the like; a non-numeric name ending in -dev should have been written dev-name.
    const normalized = normalizeBranch(devSuffix[1]!);
    if (!normalized.includes('dev-')) return normalized;
  }

  throw new ComposerVersionError(input, `Invalid version string "${original}"${aliasHint(version, full)}`);
}

function withModifier(
  numbers: string,
  word: string | undefined,
  wordNumber: string | undefined,
  devSuffix: string | undefined,
): string {
  let version = numbers;
  if (word) {
    if (word === 'stable') return version;
    version += `-${expandStability(word)}${hasText(wordNumber) ? wordNumber.replace(/^[.-]+/, '') : ''}`;
  }
  if (devSuffix) version += '-dev';
  return version;
}

/** Composer's extra advice when the invalid part sits on one side of an `x as y` alias. */
function aliasHint(version: string, full: string): string {
  const q = quote(version);
  if (new RegExp(` +as +${q}(?:@(?:${STABILITIES}))?${END}`).test(full)) {
    return ` in "${full}", the alias must be an exact version`;
  }
  if (new RegExp(`^${q}(?:@(?:${STABILITIES}))? +as +`).test(full)) {
    return ` in "${full}", the alias source must be an exact version, if it is a branch name you should prefix it with dev-`;
  }
  return '';
}

/** VersionParser::normalizeBranch: "2.1.x" → "2.1.9999999.9999999-dev", any other name → "dev-name". */
export function normalizeBranch(name: string): string {
  const trimmed = phpTrim(name);
  const m = NUMERIC_BRANCH.exec(trimmed);
  if (m) {
    let version = '';
    for (let i = 1; i < 5; i++) version += m[i] !== undefined ? m[i]!.replace(/[*X]/g, 'x') : '.x';
    return `${version.replace(/x/g, '9999999')}-dev`;
  }
  return `dev-${trimmed}`;
}

function expandStability(word: string): string {
  const lower = asciiLower(word);
  switch (lower) {
    case 'a':
      return 'alpha';
    case 'b':
      return 'beta';
    case 'p':
    case 'pl':
      return 'patch';
    case 'rc':
      return 'RC';
    default:
      return lower;
  }
}
