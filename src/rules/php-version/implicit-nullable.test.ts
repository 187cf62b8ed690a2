import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../testing.js';
import { implicitNullable } from './implicit-nullable.js';
import { unitOf } from '../php-api/fixtures.js';

const source = `<?php
namespace Acme;
function a(Foo $x = null, ?Foo $y = null, Foo|null $z = null, mixed $m = null, $u = null, int $i = 0) {}
class B
{
    public function c(string $s = null) {}
}
`;

test('typed parameters defaulting to null without a nullable type, on PHP 8.4+', async () => {
  const unit = await unitOf('app/code/Acme/a.php', source);
  const findings = await runRule(implicitNullable, { code: [unit], target: { php: '8.4' } });
  assert.deepEqual(
    findings.map((f) => [f.line, f.subject]),
    [
      [3, 'Acme\\a():x'],
      [6, 'Acme\\B::c():s'],
    ],
  );
  assert.match(findings[0]!.recommendation, /\?Acme\\Foo \$x = null/);
  assert.deepEqual(await runRule(implicitNullable, { code: [unit], target: { php: '8.3' } }), []);
});
