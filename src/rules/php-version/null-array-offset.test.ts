import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../testing.js';
import { nullArrayOffset } from './null-array-offset.js';
import { unitOf } from '../php-api/fixtures.js';

test('a literal null offset and array_key_exists(null, …) on PHP 8.5+', async () => {
  const unit = await unitOf(
    'app/code/Acme/a.php',
    "<?php\n$a = $arr[null];\n$arr[null] = 1;\n$b = array_key_exists(null, $arr);\n$c = array_key_exists('', $arr) || $arr[''] || $arr[$key];\n",
  );
  const findings = await runRule(nullArrayOffset, { code: [unit], target: { php: '8.5' } });
  assert.deepEqual(
    findings.map((f) => [f.line, f.message.split(' is ')[0]]),
    [
      [2, 'null used as an array offset'],
      [3, 'null used as an array offset'],
      [4, 'array_key_exists(null, …)'],
    ],
  );
  assert.deepEqual(await runRule(nullArrayOffset, { code: [unit], target: { php: '8.4' } }), []);
});
