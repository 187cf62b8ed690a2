import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../testing.js';
import { sleepWakeup } from './sleep-wakeup.js';
import { unitOf } from '../php-api/fixtures.js';

test('__sleep()/__wakeup() at info on PHP 8.5+, unless the class already has the modern pair', async () => {
  const unit = await unitOf(
    'app/code/Acme/a.php',
    '<?php\nclass Old\n{\n    public function __sleep() { return []; }\n    public function __wakeup() {}\n}\nclass Both\n{\n    public function __sleep() { return []; }\n    public function __serialize(): array { return []; }\n}\n',
  );
  const findings = await runRule(sleepWakeup, { code: [unit], target: { php: '8.5' } });
  assert.deepEqual(
    findings.map((f) => [f.line, f.severity, f.message.split(' is ')[0]]),
    [
      [4, 'info', 'Old::__sleep()'],
      [5, 'info', 'Old::__wakeup()'],
    ],
  );
  assert.equal(findings[0]!.messageId, 'softDeprecated');
  assert.deepEqual(findings[0]!.data, { class: 'Old', method: '__sleep', modern: '__serialize' });
  assert.equal(findings[0]!.recommendationId, 'implementModern');
  assert.deepEqual(await runRule(sleepWakeup, { code: [unit], target: { php: '8.4' } }), []);
});
