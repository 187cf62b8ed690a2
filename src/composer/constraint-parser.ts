import type { VersionConstraint } from './constraint.js';
import { ComposerConstraintError, ComposerVersionError } from './errors.js';
import { MatchAllConstraint } from './match-all-none.js';
import { MultiConstraint } from './multi-constraint.js';
import { normalizeVersion } from './normalize.js';
import { ANY, END, MODIFIER, SPACE, SPACE_CHARS, STABILITIES } from './pcre.js';
import { asciiLower, hasText, phpEmpty, phpIncrementDigits, phpTrim } from './php-strings.js';
import { SingleConstraint, type OperatorInput } from './single-constraint.js';
import { parseStability } from './stability.js';

// VersionParser::parseConstraints. A constraint string is split into OR groups (`||`, `|`), each into AND parts
// (`,` or space, but not around a hyphen range or `as`); each part is one of the forms below, tried in Composer's
// order: wildcard, tilde, caret, x-range, hyphen range, then a plain comparison.

const OR_SEPARATOR = new RegExp(`${SPACE}*\\|\\|?${SPACE}*`);
const AND_SEPARATOR = new RegExp(`(?<!^|as|[=>< ,]) *(?<!-)[, ](?!-) *(?!,|as|${END})`);

const ALIAS = new RegExp(`^([^,${SPACE_CHARS}]+) +as +([^,${SPACE_CHARS}]+)${END}`);
const STABILITY_FLAG = new RegExp(`^([^,${SPACE_CHARS}]*?)@(${STABILITIES})${END}`, 'i');
const REFERENCE = new RegExp(`^(dev-[^,${SPACE_CHARS}@]+?|[^,${SPACE_CHARS}@]+?\\.x-dev)#${ANY}+${END}`, 'i');
const WILDCARD = new RegExp(`^(v)?[xX*](\\.[xX*])*${END}`, 'i');

/**
 * Composer's `$versionRegex` (8 groups): numbers 1-4, stability word 5, its number 6, dev suffix 7, `.x-dev` 8.
 */
const VERSION = `v?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:\\.(\\d+))?(?:${MODIFIER}|\\.([xX*][.-]?dev))(?:\\+[^${SPACE_CHARS}]+)?`;
const TILDE = new RegExp(`^~>?${VERSION}${END}`, 'i');
const CARET = new RegExp(`^\\^${VERSION}(${END})`, 'i');
const X_RANGE = new RegExp(`^v?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:\\.[xX*])+${END}`);
/** from = group 1 (its parts 2-9), to = group 10 (its parts 11-18). */
const HYPHEN = new RegExp(`^(${VERSION}) +- +(${VERSION})(${END})`, 'i');
const COMPARISON = new RegExp(`^(<>|!=|>=?|<=?|==?)?${SPACE}*(${ANY}*)`);
const BRANCH_LIKE = new RegExp(`^[0-9a-zA-Z./-]+${END}`);
const HAS_MODIFIER = new RegExp(`-${MODIFIER}${END}`);

/** Parses a constraint string exactly as Composer does; throws ComposerConstraintError with Composer's message. */
export function parseConstraintUncached(constraints: string): VersionConstraint {
  try {
    const orGroups = phpTrim(constraints)
      .split(OR_SEPARATOR)
      .map((group) => {
        const parts = group.split(AND_SEPARATOR);
        const parsed = parts.length > 1 ? parts.flatMap(parsePart) : parsePart(parts[0]!);
        return parsed.length === 1 ? parsed[0]! : new MultiConstraint(parsed, true);
      });
    const constraint = MultiConstraint.create(orGroups, false);
    // Every constraint class can record its pretty string; the interface keeps it read-only for callers.
    (constraint as unknown as { setPrettyString(pretty: string): void }).setPrettyString(constraints);
    return constraint;
  } catch (error) {
    // A normalize() failure inside a tilde, caret or hyphen range reaches the caller unwrapped in Composer.
    if (error instanceof ComposerVersionError) throw new ComposerConstraintError(constraints, error.message);
    throw error;
  }
}

function parsePart(input: string): VersionConstraint[] {
  let constraint = input;
  let stabilityModifier: string | undefined;

  const alias = ALIAS.exec(constraint);
  if (alias) constraint = alias[1]!;

  const flag = STABILITY_FLAG.exec(constraint);
  if (flag) {
    constraint = flag[1] !== '' ? flag[1]! : '*';
    if (flag[2] !== 'stable') stabilityModifier = flag[2];
  }

  const reference = REFERENCE.exec(constraint);
  if (reference) constraint = reference[1]!;

  const wildcard = WILDCARD.exec(constraint);
  if (wildcard) {
    if (!phpEmpty(wildcard[1]) || !phpEmpty(wildcard[2])) return [new SingleConstraint('>=', '0.0.0.0-dev')];
    return [new MatchAllConstraint()];
  }

  // ~1.2 means >=1.2 <2.0; ~1.2.3 means >=1.2.3 <1.3. Without a stability suffix the lower end admits
  // unstable releases of the version itself (-dev), as wildcards do.
  const tilde = TILDE.exec(constraint);
  if (tilde) {
    if (constraint.startsWith('~>')) {
      throw new ComposerConstraintError(
        input,
        `Could not parse version constraint ${constraint}: Invalid operator "~>", you probably meant to use the "~" operator`,
      );
    }
    let position = hasText(tilde[4]) ? 4 : hasText(tilde[3]) ? 3 : hasText(tilde[2]) ? 2 : 1;
    // 2.x-dev or 3.0.x-dev shifts the position despite the missing number.
    if (!phpEmpty(tilde[8])) position++;
    const suffix = phpEmpty(tilde[5]) && phpEmpty(tilde[7]) && phpEmpty(tilde[8]) ? '-dev' : '';
    const low = normalizeVersion((constraint + suffix).slice(1));
    const high = `${bumpVersion(tilde, Math.max(1, position - 1), true)}-dev`;
    return [new SingleConstraint('>=', low), new SingleConstraint('<', high)];
  }

  // ^1.2.3 allows anything up to the next change of the left-most non-zero number.
  const caret = CARET.exec(constraint);
  if (caret) {
    let position: number;
    if (caret[1] !== '0' || !hasText(caret[2])) position = 1;
    else if (caret[2] !== '0' || !hasText(caret[3])) position = 2;
    else position = 3;
    const suffix = phpEmpty(caret[5]) && phpEmpty(caret[7]) && phpEmpty(caret[8]) ? '-dev' : '';
    const low = normalizeVersion((constraint + suffix).slice(1));
    const high = `${bumpVersion(caret, position, true)}-dev`;
    return [new SingleConstraint('>=', low), new SingleConstraint('<', high)];
  }

  // 1.2.* / 1.2.x, also without the wildcard's stability caveats.
  const xRange = X_RANGE.exec(constraint);
  if (xRange) {
    const position = hasText(xRange[3]) ? 3 : hasText(xRange[2]) ? 2 : 1;
    const low = `${bumpVersion(xRange, position, false)}-dev`;
    const high = `${bumpVersion(xRange, position, true)}-dev`;
    if (low === '0.0.0.0-dev') return [new SingleConstraint('<', high)];
    return [new SingleConstraint('>=', low), new SingleConstraint('<', high)];
  }

  // 1.0 - 2.0 is inclusive; a partial upper end (2 or 2.1) admits everything that starts with it.
  const hyphen = HYPHEN.exec(constraint);
  if (hyphen) {
    const lowSuffix = phpEmpty(hyphen[6]) && phpEmpty(hyphen[8]) && phpEmpty(hyphen[9]) ? '-dev' : '';
    const lower = new SingleConstraint('>=', normalizeVersion(hyphen[1]!) + lowSuffix);
    const emptyNumber = (x: string | undefined): boolean => x !== '0' && phpEmpty(x);
    if (
      (!emptyNumber(hyphen[12]) && !emptyNumber(hyphen[13])) ||
      !phpEmpty(hyphen[15]) ||
      !phpEmpty(hyphen[17]) ||
      !phpEmpty(hyphen[18])
    ) {
      return [lower, new SingleConstraint('<=', normalizeVersion(hyphen[10]!))];
    }
    const highMatch = ['', hyphen[11], hyphen[12], hyphen[13], hyphen[14]];
    normalizeVersion(hyphen[10]!); // validates the upper end
    const high = `${bumpVersion(highMatch, emptyNumber(hyphen[12]) ? 1 : 2, true)}-dev`;
    return [lower, new SingleConstraint('<', high)];
  }

  // A plain comparison: >=1.0, <2.0-beta, != 1.5, 1.0.3, dev-main, foo-dev (read as dev-foo).
  const comparison = COMPARISON.exec(constraint)!;
  const operatorText = comparison[1] ?? '';
  const versionText = comparison[2] ?? '';
  let failure: Error | undefined;
  try {
    let version: string;
    try {
      version = normalizeVersion(versionText);
    } catch (error) {
      failure = error as Error;
      if (versionText.slice(-4) === '-dev' && BRANCH_LIKE.test(versionText)) {
        version = normalizeVersion(`dev-${versionText.slice(0, -4)}`);
      } else {
        throw error;
      }
    }
    const operator = (operatorText || '=') as OperatorInput;
    if (operator !== '==' && operator !== '=' && stabilityModifier && parseStability(version) === 'stable') {
      version += `-${stabilityModifier}`;
    } else if (operator === '<' || operator === '>=') {
      // "<1.0" excludes 1.0's pre-releases too, so it ends just before 1.0.0.0-dev.
      if (!HAS_MODIFIER.test(asciiLower(versionText)) && !versionText.startsWith('dev-')) version += '-dev';
    }
    return [new SingleConstraint(operator, version)];
  } catch (error) {
    if (!(error instanceof ComposerVersionError)) throw error;
    failure = error;
  }
  throw new ComposerConstraintError(
    input,
    `Could not parse version constraint ${constraint}${failure ? `: ${failure.message}` : ''}`,
  );
}

/**
 * VersionParser::manipulateVersionString: keep the numbers before `position`, optionally add one at `position`
 * (PHP arithmetic, so a number beyond 64 bits turns into a float like 1.0E+20), and zero the rest.
 */
function bumpVersion(matches: ReadonlyArray<string | undefined>, position: number, increment: boolean): string {
  const parts: string[] = [];
  for (let i = 1; i <= 4; i++) {
    const part = matches[i] ?? '';
    if (i > position) parts.push('0');
    else if (i === position && increment) parts.push(phpIncrementDigits(part));
    else parts.push(part);
  }
  return parts.join('.');
}
