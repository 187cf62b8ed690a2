import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../testing.js';
import { implicitNullable } from './implicit-nullable.js';
import { optionalBeforeRequired } from './optional-before-required.js';
import { unitOf } from '../php-api/fixtures.js';
import { fixWith } from '../../fix/testing.js';
import { makeFinding } from '../../core/finding.js';
import { sharedPhpParser } from '../../php/parser.js';

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
  assert.deepEqual(
    [findings[0]!.recommendationId, findings[0]!.data?.type, findings[0]!.data?.param],
    ['nullable', 'Acme\\Foo', '$x'],
  );
  assert.deepEqual(await runRule(implicitNullable, { code: [unit], target: { php: '8.3' } }), []);
});

test('fix: ?Type and |null through the parse tree, CRLF, comments and formatting kept; declines what it is unsure of', async () => {
  const crlf = [
    '<?php',
    'namespace Acme;',
    'use Foo\\Bar;',
    'class B',
    '{',
    '    // keep me',
    '    public function c(Bar /* the bar */ $bar = NULL, int|string  $id = null, $u = null,',
    '        \\Foo\\Baz $baz = null, ?Bar $ok = null, self $same = null) {',
    '        $f = function (array $inner = null) {};',
    '    }',
    '    public function __construct(private Bar $promoted = null, A&B $both = null) {}',
    '}',
    '',
  ].join('\r\n');
  const r = await fixWith(implicitNullable, 'app/code/Acme/B.php', crlf, { target: { php: '8.4' } });
  assert.equal(r.findings, 6);
  assert.deepEqual(r.declines, ['$both: intersection type A&B: write the nullable form by hand']);
  assert.equal(r.remaining, 1, 'only the declined one is still reported');
  assert.ok(r.parses);
  assert.equal(
    r.text,
    [
      '<?php',
      'namespace Acme;',
      'use Foo\\Bar;',
      'class B',
      '{',
      '    // keep me',
      '    public function c(?Bar /* the bar */ $bar = NULL, int|string|null  $id = null, $u = null,',
      '        ?\\Foo\\Baz $baz = null, ?Bar $ok = null, ?self $same = null) {',
      '        $f = function (array $inner = null) {};',
      '    }',
      '    public function __construct(private ?Bar $promoted = null, A&B $both = null) {}',
      '}',
      '',
    ].join('\r\n'),
    'closures are not reported by the rule, so not fixed; every line keeps its CRLF',
  );
});

test('fix: before a required parameter the default goes too (PHP treats it as required): no optional-before-required', async () => {
  const src = '<?php\nfunction f(Foo $a = null, int|string $b = null, $c, Bar $d = null, ...$rest) {}\n';
  const r = await fixWith(implicitNullable, 'app/code/Acme/f.php', src, { target: { php: '8.4' } });
  assert.equal(r.text, '<?php\nfunction f(?Foo $a, int|string|null $b, $c, ?Bar $d = null, ...$rest) {}\n');
  assert.deepEqual(r.fixes, [
    'Foo $a = null → ?Foo $a (before the required $c, PHP already treats it as required)',
    'int|string $b = null → int|string|null $b (before the required $c, PHP already treats it as required)',
    'Bar $d = null → ?Bar $d = null',
  ]);
  const after = await runRule(optionalBeforeRequired, {
    code: [await unitOf('app/code/Acme/f.php', r.text)],
    target: { php: '8.4' },
  });
  assert.deepEqual(after, []);
  const commented = await fixWith(
    implicitNullable,
    'app/code/Acme/f.php',
    '<?php\nfunction f(Foo $a /* why */ = null, $c) {}\n',
    { target: { php: '8.4' } },
  );
  assert.deepEqual(commented.declines, ['$a: a comment sits in its default: drop `= null` by hand']);
});

test('fix: methods of the same name on one line are told apart by their class; a mismatch is declined', async () => {
  const src = '<?php\nclass A { function f(Foo $x = null) {} } class B { function f(Foo $x = null) {} }\n';
  const r = await fixWith(implicitNullable, 'app/code/Acme/A.php', src, { target: { php: '8.4' } });
  assert.equal(r.findings, 2);
  assert.deepEqual(r.declines, []);
  assert.equal(r.text, '<?php\nclass A { function f(?Foo $x = null) {} } class B { function f(?Foo $x = null) {} }\n');
  const parser = await sharedPhpParser();
  const tree = parser.parse(src);
  const stale = {
    ...makeFinding({
      ruleId: implicitNullable.meta.id,
      severity: 'warning',
      category: 'php-version',
      message: '',
      recommendation: '',
    }),
    line: 3,
    subject: 'A::f():x',
  };
  assert.deepEqual(
    implicitNullable.fix!(stale, { file: 'A.php', text: src, tree, releases: { current: null, target: '2.4.8' } }),
    {
      decline: 'cannot find f() on line 3 for sure',
    },
  );
  tree.delete();
});
