import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Problem } from '../core/problem.js';
import { readShippedIndex } from './shipped-index.js';

test('a shipped index that cannot be read is one warning naming it, why and what goes unverified', () => {
  const problems: Problem[] = [];
  const load = (): number => {
    throw new Error('unexpected end of file');
  };
  assert.equal(readShippedIndex(problems, load, 'x-unavailable', 'The X index', 'X is not verified'), null);
  assert.deepEqual(problems, [
    {
      code: 'x-unavailable',
      level: 'warning',
      message: 'The X index could not be read (unexpected end of file): X is not verified.',
    },
  ]);
  assert.equal(
    readShippedIndex(problems, () => 7, 'x-unavailable', 'The X index', 'X is not verified'),
    7,
  );
  assert.equal(problems.length, 1);
});
