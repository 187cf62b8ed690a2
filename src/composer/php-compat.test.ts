// The PHP behaviours the engine reproduces, tested on their own (expected values from PHP 8.2).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { phpFloatToString, phpIncrementDigits, phpLooseStringEquals, phpTrim, asciiLower } from './php-strings.js';
import { phpUsort } from './php-usort.js';

test('PHP integer increment overflows to a float printed with precision 14', () => {
  assert.equal(phpIncrementDigits('0000001'), '2');
  assert.equal(phpIncrementDigits('9223372036854775806'), '9223372036854775807');
  assert.equal(phpIncrementDigits('9223372036854775807'), '9.2233720368548E+18');
  assert.equal(phpIncrementDigits('99999999999999999999'), '1.0E+20');
  assert.equal(phpIncrementDigits('1' + '0'.repeat(400)), 'INF');
  assert.equal(phpFloatToString(1e14), '1.0E+14');
  assert.equal(phpFloatToString(0.00001), '1.0E-5');
  assert.equal(phpFloatToString(1.5), '1.5');
});

test('PHP loose string equality: numeric strings compare as numbers', () => {
  assert.equal(phpLooseStringEquals('2023.0101', '2023.01010'), true);
  assert.equal(phpLooseStringEquals('20230101', '020230101'), true);
  assert.equal(phpLooseStringEquals('1.0.0.0', '1.0.0.00'), false);
  assert.equal(phpLooseStringEquals('1e3', '1000'), true);
  // both overflow to the same float: PHP falls back to comparing the text
  assert.equal(phpLooseStringEquals('99999999999999999999', '99999999999999999998'), false);
});

test('PHP trim and strtolower are byte/ASCII based', () => {
  assert.equal(phpTrim('\t 1.0\x0B\0\n'), '1.0');
  assert.equal(phpTrim('\f1.0\f'), '\f1.0\f');
  assert.equal(asciiLower('RC-İ'), 'rc-İ');
});

test('phpUsort: stable on ties, same order as PHP for an inconsistent comparator', () => {
  const byLength = (a: string, b: string): number => a.length - b.length;
  assert.deepEqual(phpUsort(['bb', 'a', 'cc', 'd', 'eee'], byLength), ['a', 'd', 'bb', 'cc', 'eee']);
  // "always greater" comparator (like Composer's between two branches): PHP 8's result for 2, 3 and 7 items.
  const alwaysGreater = (): number => 1;
  assert.deepEqual(phpUsort(['x', 'y'], alwaysGreater), ['y', 'x']);
  assert.deepEqual(phpUsort(['x', 'y', 'z'], alwaysGreater), ['y', 'z', 'x']);
  assert.deepEqual(phpUsort(['a', 'b', 'c', 'd', 'e', 'f', 'g'], alwaysGreater), ['f', 'g', 'e', 'd', 'c', 'b', 'a']);
  const many = Array.from({ length: 40 }, (_, i) => i);
  assert.equal(phpUsort(many, (a, b) => a - b).join(), many.join());
  assert.deepEqual(
    phpUsort([5, 3, 9, 1, 7, 2, 8], (a, b) => b - a),
    [9, 8, 7, 5, 3, 2, 1],
  );
});
