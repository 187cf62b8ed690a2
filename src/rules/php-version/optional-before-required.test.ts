import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../testing.js';
import { optionalBeforeRequired } from './optional-before-required.js';
import { unitOf } from '../php-api/fixtures.js';

const source = `<?php
function a($x = 1, $y) {}
function b(?int $x = null, $y) {}
function c(int|null $x = null, $y) {}
function d(int $x = null, $y) {}
function e($y, $x = 1, ...$rest) {}
`;

test('each case from the PHP version that deprecates it', async () => {
  const unit = await unitOf('app/code/Acme/f.php', source);
  const on = async (php: string) =>
    (await runRule(optionalBeforeRequired, { code: [unit], target: { php } })).map((f) => f.line);
  assert.deepEqual(await on('7.4'), []);
  assert.deepEqual(await on('8.0'), [2]);
  assert.deepEqual(await on('8.1'), [2, 3]);
  assert.deepEqual(await on('8.3'), [2, 3, 4]);
});
