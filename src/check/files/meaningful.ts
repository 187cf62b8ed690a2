// Whether an upstream change to an original matters to an override: upgrade-patch-helper ignores changes that only
// touch comments, whitespace or blank lines ("not meaningful"), and so does MageUp, with the same normalisation.

import { createHash } from 'node:crypto';
import { HASH_LENGTH } from '../../knowledge/file-hashes/format.js';
import { lineOps } from './unified-diff.js';

/**
 * Comments of a file type: `<!-- -->` in markup, `/* *\/` and line comments in JS and LESS/CSS. Knockout's
 * containerless bindings (`<!-- ko if: … -->`, `<!-- /ko -->`) are code, not comments: they stay. Templates also lose
 * their PHP comments of the forms Magento's headers use: `/** Copyright … *\/` blocks, a line that is a `// …` comment
 * (`// @codingStandardsIgnoreFile`) and a `// …` right after `<?php` (`<?php // phpcs:ignore ?>`); other `//` in a
 * template may be markup text and stay.
 */
function stripComments(text: string, path: string): string {
  if (/\.phtml$/.test(path))
    return text
      .replace(/<!--(?!\s*\/?ko\b)[\s\S]*?-->/g, '')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^[ \t]*\/\/.*$/gm, '')
      .replace(/(<\?php)[ \t]*\/\/[^\n]*?(?=\?>|$)/gm, '$1 ');
  if (/\.(html|xml)$/.test(path)) return text.replace(/<!--(?!\s*\/?ko\b)[\s\S]*?-->/g, '');
  if (/\.(js|less|css)$/.test(path))
    return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[\s;{}(),])\/\/.*$/gm, '$1');
  return text;
}

/** Lines trimmed, blank lines dropped (UPH's Sanitiser::stripWhitespaceAndNewlines). */
function normalise(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('\n');
}

/**
 * A short hash of a file's meaningful text (comments, whitespace and blank lines dropped, as sameIgnoringComments
 * compares): two versions with equal hashes differ only in those. The file-hash index ships it for every file that
 * changed across releases (scripts/build-file-hash-index.ts), so the comparison holds without the files' text.
 */
export function meaningfulHash(text: string, path: string): string {
  return createHash('sha1')
    .update(normalise(stripComments(text, path)))
    .digest('hex')
    .slice(0, HASH_LENGTH);
}

/** True when two versions of a file differ only in comments, whitespace or blank lines. */
export function sameIgnoringComments(before: string, after: string, path: string): boolean {
  return normalise(stripComments(before, path)) === normalise(stripComments(after, path));
}

/** Lines of a file as compared for an upstream change: comments dropped, all whitespace dropped, blank lines dropped. */
function meaningfulLines(text: string, path: string): string[] {
  const out = normalise(stripComments(text, path));
  return out === '' ? [] : out.split('\n').map((l) => l.replace(/\s+/g, ''));
}

/** A line that identifies code (`data-bind="visible: closeSidebar()"`), not punctuation, a bare tag (`</div>`),
 * a template's `<?php endif; ?>` or a comment. */
function distinctive(line: string): boolean {
  return (
    line.length >= 8 &&
    /[A-Za-z0-9_$]{3}/.test(line) &&
    !/^<\/?[A-Za-z][\w:-]*\/?>$/.test(line) &&
    !/^<\?php(end\w+|else|\})[;:]?\?>$/.test(line) &&
    // A PHP comment (`<?php // phpcs:ignore … ?>`, a docblock line) is no code.
    !/^(<\?php)?(\/\/|\/\*|\*|#)/.test(line)
  );
}

/**
 * Whether an override already reflects how its original changed from `before` to `after`. Hunk by hunk (with three
 * lines of context): a hunk is still to port when the override keeps a line the upstream removed, or when it has the
 * hunk's surroundings (half of them or more) but not the lines the upstream added there; it is carried when those
 * removed lines are gone and the added ones present (or nothing was added); a hunk whose surroundings the override
 * does not have is not applicable (the override rewrote that part). True only when no hunk is still to port and at
 * least one is carried: an override that rewrote every changed part is never said to carry the change. Lines are
 * compared without comments and whitespace (a change of spacing only is no change), and found anywhere in the
 * override's text (it may wrap or extend them); only lines that identify code count (see `distinctive`).
 */
export function overrideCarriesChange(before: string, after: string, own: string, path: string): boolean {
  const a = meaningfulLines(before, path);
  const b = meaningfulLines(after, path);
  const mine = meaningfulLines(own, path).join('\n');
  // An empty override (it blanks the original out) has none of the new code: it carries no change.
  if (mine.trim() === '') return false;
  const flat = mine.replace(/\n/g, '');
  const has = (line: string) => flat.includes(line);
  const inA = new Set(a);
  const inB = new Set(b);
  const ops = lineOps(a, b);
  let carried = 0;
  let k = 0;
  while (k < ops.length) {
    if (ops[k]!.op === ' ') {
      k++;
      continue;
    }
    let end = k;
    while (end < ops.length && ops[end]!.op !== ' ') end++;
    const hunk = ops.slice(k, end);
    const context = [...ops.slice(Math.max(0, k - 3), k), ...ops.slice(end, end + 3)]
      .filter((o) => o.op === ' ')
      .map((o) => o.line);
    k = end;
    // A line moved elsewhere in the file is neither removed nor added; a removed line that the new code still
    // contains (the upstream wrapped it) says nothing when found in the override.
    const added = hunk.filter((o) => o.op === '+' && !inA.has(o.line) && distinctive(o.line)).map((o) => o.line);
    const removed = hunk
      .filter((o) => o.op === '-' && !inB.has(o.line) && distinctive(o.line))
      .map((o) => o.line)
      .filter((l) => !b.some((n) => n.includes(l)));
    if (removed.some(has)) return false;
    if (added.length === 0) {
      if (removed.length > 0) carried++;
      continue;
    }
    if (added.every(has)) {
      carried++;
      continue;
    }
    // The override has the hunk's surroundings (at least half of them) but not what was added there.
    const around = context.filter(distinctive);
    if (around.length > 0 && 2 * around.filter(has).length >= around.length) return false;
  }
  return carried > 0;
}
