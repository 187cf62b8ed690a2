// Every row of ../shared/data/semver-vectors.json (answers computed by the real composer/semver 3.3.2) must agree.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  compareWith,
  intersects,
  isSubsetOf,
  normalizeVersion,
  parseConstraint,
  parseStability,
  satisfies,
} from './index.js';

const VECTORS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/data/semver-vectors.json');

interface Vectors {
  normalize: Array<{ input: string; normalized?: string; error?: boolean }>;
  constraints: Array<{
    input: string;
    valid: boolean;
    lower?: string;
    upper?: string;
    lowerInclusive?: boolean;
    upperInclusive?: boolean;
  }>;
  satisfies: Array<{ version: string; constraint: string; result: boolean }>;
  compare: Array<{ a: string; b: string; lt: boolean; eq: boolean; gt: boolean }>;
  intersects: Array<{ a: string; b: string; result: boolean }>;
  subset: Array<{ a: string; b: string; result: boolean }>;
  stability: Array<{ input: string; stability: string }>;
}

function attempt<T>(fn: () => T): T | { error: string } {
  try {
    return fn();
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** Runs `check` on every row; returns the mismatches (row, expected, got) so the summary can show a few. */
function mismatches<R>(rows: readonly R[], check: (row: R) => [expected: unknown, got: unknown]): string[] {
  const out: string[] = [];
  for (const row of rows) {
    const [expected, got] = check(row);
    try {
      assert.deepStrictEqual(got, expected);
    } catch {
      out.push(`${JSON.stringify(row)} → got ${JSON.stringify(got)}`);
    }
  }
  return out;
}

const available = existsSync(VECTORS);
const skip = !available && !process.env.CI ? `semver vectors not found at ${VECTORS}` : false;

test('composer/semver reference vectors: every row agrees', { skip }, () => {
  assert.ok(available, `semver vectors not found at ${VECTORS} (required in CI)`);
  const vectors = JSON.parse(readFileSync(VECTORS, 'utf8')) as Vectors;
  const sections: Record<string, { rows: number; failures: string[] }> = {};
  const run = <R>(name: string, rows: readonly R[], check: (row: R) => [unknown, unknown]): void => {
    sections[name] = { rows: rows.length, failures: mismatches(rows, check) };
  };

  run('normalize', vectors.normalize, (r) => {
    const got = attempt(() => normalizeVersion(r.input));
    return r.error ? [true, typeof got === 'object'] : [r.normalized, got];
  });
  run('constraints', vectors.constraints, (r) => {
    const got = attempt(() => {
      const c = parseConstraint(r.input);
      return {
        valid: true,
        lower: c.lowerBound.version,
        upper: c.upperBound.version,
        lowerInclusive: c.lowerBound.inclusive,
        upperInclusive: c.upperBound.inclusive,
      };
    });
    if (!r.valid) return [true, 'error' in got];
    const { input: _input, ...expected } = r;
    return [expected, got];
  });
  run('satisfies', vectors.satisfies, (r) => [r.result, attempt(() => satisfies(r.version, r.constraint))]);
  run('compare', vectors.compare, (r) => [
    { lt: r.lt, eq: r.eq, gt: r.gt },
    { lt: compareWith(r.a, '<', r.b), eq: compareWith(r.a, '==', r.b), gt: compareWith(r.a, '>', r.b) },
  ]);
  run('intersects', vectors.intersects, (r) => [r.result, attempt(() => intersects(r.a, r.b))]);
  run('subset', vectors.subset, (r) => [r.result, attempt(() => isSubsetOf(r.a, r.b))]);
  run('stability', vectors.stability, (r) => [r.stability, parseStability(r.input)]);

  const summary = Object.entries(sections)
    .map(([name, s]) => `${name} ${s.rows - s.failures.length}/${s.rows}`)
    .join(', ');
  const failures = Object.entries(sections).flatMap(([name, s]) =>
    s.failures.slice(0, 5).map((f) => `  ${name}: ${f}`),
  );
  if (failures.length > 0) assert.fail(`semver vectors disagree: ${summary}\n${failures.join('\n')}`);
  console.log(`semver vectors: ${summary}`);
});
