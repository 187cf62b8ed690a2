// A knowledge index shipped with MageUp, loaded when first needed. When it cannot be read the check goes on without
// it: one problem names the index, why, and what goes unverified.
import type { Problem } from '../core/problem.js';

/** `load()`, or null with a warning problem `code`: "<what> could not be read (<why>): <without>." */
export function readShippedIndex<T>(
  problems: Problem[],
  load: () => T,
  code: string,
  what: string,
  without: string,
): T | null {
  try {
    return load();
  } catch (error) {
    problems.push({
      code,
      level: 'warning',
      message: `${what} could not be read (${error instanceof Error ? error.message : String(error)}): ${without}.`,
    });
    return null;
  }
}
