import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../testing.js';
import { caseSemicolon } from './case-semicolon.js';
import { unitOf } from '../php-api/fixtures.js';

test('case and default labels ended by a semicolon on PHP 8.5+', async () => {
  const unit = await unitOf(
    'app/code/Acme/a.php',
    "<?php\nswitch ($x) {\n    case 1;\n        echo 'a;';\n        break;\n    case 2:\n        break;\n    default;\n        break;\n}\n",
  );
  const findings = await runRule(caseSemicolon, { code: [unit], target: { php: '8.5' } });
  assert.deepEqual(
    findings.map((f) => f.line),
    [3, 8],
  );
  assert.deepEqual(await runRule(caseSemicolon, { code: [unit], target: { php: '8.4' } }), []);
});
