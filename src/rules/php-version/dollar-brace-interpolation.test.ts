import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../testing.js';
import { dollarBraceInterpolation } from './dollar-brace-interpolation.js';
import { unitOf } from '../php-api/fixtures.js';

test('"${var}" interpolations on PHP 8.2+', async () => {
  const unit = await unitOf('app/code/Acme/a.php', `<?php\n$a = "x";\n$b = "\${a} and {$a}";\n$c = "\${a}";\n`);
  const findings = await runRule(dollarBraceInterpolation, { code: [unit], target: { php: '8.2' } });
  assert.deepEqual(
    findings.map((f) => f.line),
    [3, 4],
  );
  assert.deepEqual(await runRule(dollarBraceInterpolation, { code: [unit], target: { php: '8.1' } }), []);
});
