import { ReadOnlyViolation } from './errors.js';

/**
 * The last line of defence of `mageup db` before the server's own read-only transaction: only `SELECT` and `SHOW`
 * statements pass, one statement at a time, without locking reads, `INTO` targets or functions with side effects.
 * Comments and quoted text are blanked out first so a keyword inside a string neither passes nor blocks a query.
 */
export function assertReadOnlyStatement(sql: string): void {
  const code = blankLiteralsAndComments(sql).trim().replace(/;\s*$/, '');
  const first = /^\(*\s*([a-z]+)/i.exec(code)?.[1]?.toUpperCase();
  if (first !== 'SELECT' && first !== 'SHOW') {
    throw new ReadOnlyViolation(`only SELECT and SHOW statements may run, not ${first ?? 'an empty statement'}`);
  }
  if (code.includes(';')) throw new ReadOnlyViolation('one statement at a time');
  const upper = code.toUpperCase().replace(/\s+/g, ' ');
  for (const [pattern, reason] of FORBIDDEN) {
    if (pattern.test(upper)) throw new ReadOnlyViolation(reason);
  }
}

const FORBIDDEN: [RegExp, string][] = [
  [/\bINTO\b/, 'SELECT … INTO writes a file or variables'],
  [/\bFOR UPDATE\b|\bLOCK IN SHARE MODE\b|\bFOR SHARE\b/, 'locking reads take row locks on the live store'],
  [
    /\b(GET_LOCK|RELEASE_LOCK|RELEASE_ALL_LOCKS|SLEEP|BENCHMARK|LOAD_FILE|NEXTVAL|SETVAL|LASTVAL)\s*\(/,
    'functions with side effects',
  ],
  [/:=/, 'variable assignment'],
];

/** Replaces the content of quoted strings, quoted identifiers and comments with spaces (lengths kept). */
export function blankLiteralsAndComments(sql: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < sql.length) {
        if (sql[j] === '\\' && c !== '`') j += 2;
        else if (sql[j] === c && sql[j + 1] === c) j += 2;
        else if (sql[j] === c) break;
        else j++;
      }
      out += c + ' '.repeat(Math.max(0, Math.min(j, sql.length) - i - 1)) + (j < sql.length ? c : '');
      i = j + 1;
    } else if ((c === '-' && next === '-') || c === '#') {
      const end = sql.indexOf('\n', i);
      const stop = end === -1 ? sql.length : end;
      out += ' '.repeat(stop - i);
      i = stop;
    } else if (c === '/' && next === '*') {
      // MySQL executes /*! … */ "comments": treat them as code the guard cannot vouch for.
      if (sql[i + 2] === '!' || sql[i + 2] === 'M') throw new ReadOnlyViolation('executable comments (/*! … */)');
      const end = sql.indexOf('*/', i + 2);
      const stop = end === -1 ? sql.length : end + 2;
      out += ' '.repeat(stop - i);
      i = stop;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
