import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../testing.js';
import { nonCanonicalCast } from './non-canonical-cast.js';
import { unitOf } from '../php-api/fixtures.js';

test('(boolean), (integer), (double), (binary) casts on PHP 8.5+; canonical casts are fine', async () => {
  const unit = await unitOf(
    'app/code/Acme/a.php',
    '<?php\n$a = (boolean) $x;\n$b = (INTEGER)$x;\n$c = ( double ) $x;\n$d = (binary) $x;\n$e = (bool) $x . (int) $x . (float) $x . (string) $x;\n',
  );
  const findings = await runRule(nonCanonicalCast, { code: [unit], target: { php: '8.5' } });
  assert.deepEqual(
    findings.map((f) => [f.line, f.recommendationId, f.data?.cast, f.data?.canonical]),
    [
      [2, 'canonical', 'boolean', 'bool'],
      [3, 'canonical', 'integer', 'int'],
      [4, 'canonical', 'double', 'float'],
      [5, 'canonical', 'binary', 'string'],
    ],
  );
  assert.equal(findings[0]!.recommendation, 'Write (bool) instead of (boolean).');
  assert.deepEqual(await runRule(nonCanonicalCast, { code: [unit], target: { php: '8.4' } }), []);
});
