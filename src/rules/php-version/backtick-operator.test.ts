import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../testing.js';
import { backtickOperator } from './backtick-operator.js';
import { unitOf } from '../php-api/fixtures.js';

test('the backtick operator on PHP 8.5+', async () => {
  const unit = await unitOf(
    'app/code/Acme/a.php',
    "<?php\n$a = `ls -la`;\n$b = shell_exec('ls');\n$c = '`not a command`';\n",
  );
  const findings = await runRule(backtickOperator, { code: [unit], target: { php: '8.5' } });
  assert.deepEqual(
    findings.map((f) => [f.line, f.severity]),
    [[2, 'warning']],
  );
  assert.equal(findings[0]!.recommendationId, 'shellExec');
  assert.deepEqual(await runRule(backtickOperator, { code: [unit], target: { php: '8.4' } }), []);
});
