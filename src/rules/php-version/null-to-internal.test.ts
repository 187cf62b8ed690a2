import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../testing.js';
import { nullToInternal } from './null-to-internal.js';
import { unitOf } from '../php-api/fixtures.js';

const source = `<?php
namespace Acme;
$a = strlen(null);
$b = str_replace('a', 'b', null);
$c = count(null);
$d = trim($x);
$e = json_encode(null);
`;

test('literal nulls to non-nullable internal parameters', async () => {
  const unit = await unitOf('app/code/Acme/a.php', source);
  const findings = await runRule(nullToInternal, { code: [unit], target: { php: '8.1' } });
  assert.deepEqual(
    findings.map((f) => [f.line, f.severity]),
    [
      [3, 'warning'],
      [4, 'warning'],
      [5, 'error'],
    ],
  );
  assert.equal(findings[1]!.messageId, 'deprecated');
  assert.deepEqual(findings[1]!.data, { name: 'str_replace', positions: '3', php: '8.1' });
  const php80 = await runRule(nullToInternal, { code: [unit], target: { php: '8.0' } });
  assert.deepEqual(
    php80.map((f) => f.line),
    [5],
  );
});
