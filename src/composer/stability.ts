import { ANY, END, MODIFIER } from './pcre.js';
import { asciiLower } from './php-strings.js';

export type Stability = 'stable' | 'RC' | 'beta' | 'alpha' | 'dev';

const REFERENCE_SUFFIX = new RegExp(`#${ANY}+${END}`, 'g');
const TRAILING_MODIFIER = new RegExp(`${MODIFIER}(?:\\+${ANY}*)?${END}`, 'i');

/**
 * The stability of a version or constraint string, as VersionParser::parseStability computes it: "dev" for
 * branches (`dev-x`, `x-dev`), otherwise from the trailing stability word (`-beta2`, `RC1`, `-a`…); "stable" else.
 */
export function parseStability(version: string): Stability {
  const v = version.replace(REFERENCE_SUFFIX, '');
  if (v.startsWith('dev-') || v.endsWith('-dev')) return 'dev';
  const m = TRAILING_MODIFIER.exec(asciiLower(v));
  if (m?.[3]) return 'dev';
  switch (m?.[1]) {
    case 'beta':
    case 'b':
      return 'beta';
    case 'alpha':
    case 'a':
      return 'alpha';
    case 'rc':
      return 'RC';
    default:
      return 'stable';
  }
}
