import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, originalPosition } from './run-fix.js';

test('positions in a fixed text are taken back to the original: inserted lines and changed widths', () => {
  const before = 'a\nb x\nc\n';
  const edits = [
    { start: 1, end: 1, text: '\n/** @var */\nnew;' },
    { start: 2, end: 3, text: 'bbb' },
  ];
  const after = applyEdits(before, edits);
  assert.equal(after, 'a\n/** @var */\nnew;\nbbb x\nc\n');
  assert.deepEqual(originalPosition(before, after, edits, { line: 5, column: 1 }), { line: 3, column: 1 });
  assert.deepEqual(originalPosition(before, after, edits, { line: 4, column: 5 }), { line: 2, column: 3 }, 'the x');
  assert.deepEqual(originalPosition(before, after, edits, { line: 3 }), { line: 1 }, 'inside an insertion');
  assert.deepEqual(originalPosition(before, after, edits, {}), {});
});
