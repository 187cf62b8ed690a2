import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../testing.js';
import { unitOf } from '../php-api/fixtures.js';
import { reservedClassName } from './reserved-class-name.js';

const match = [
  '<?php',
  'namespace Acme\\Search\\Query;',
  '',
  '/** `class Match` is how Magento 2.3 named it too. */',
  'class Match extends AbstractQuery',
  '{',
  '    public function match($value) { return $value; }',
  '}',
  '',
].join('\n');

test('a class named Match: critical where PHP 8 reserves the word, and the rest of the file is still read', async () => {
  const unit = await unitOf('app/code/Acme/Search/Query/Match.php', match);
  // The declaration is read from the masked copy: the real name, its parent and its method, no syntax error left.
  assert.deepEqual(unit.analysis.errors, []);
  assert.deepEqual(
    unit.analysis.classes.map((c) => [c.name, c.extends, c.methods.map((m) => m.name)]),
    [['Acme\\Search\\Query\\Match', 'Acme\\Search\\Query\\AbstractQuery', ['match']]],
  );
  const findings = await runRule(reservedClassName, { code: [unit], target: { php: '8.1' } });
  assert.deepEqual(
    findings.map((f) => [f.messageId, f.data, f.line, f.column, f.severity]),
    [['reserved', { name: 'Match', word: 'match', since: '8.0', php: '8.1' }, 5, 7, 'critical']],
  );
  assert.deepEqual(await runRule(reservedClassName, { code: [unit], target: { php: '7.4' } }), []);
});

test('fn, mixed and never each from the PHP that reserves them; names that only contain the word are fine', async () => {
  const source = [
    '<?php',
    'namespace Acme\\Types;',
    'interface Mixed {}',
    'trait Never {}',
    'class Fn {}',
    'class MatchQuery {}',
    'class Matcher { const MATCH = 1; public function fn() {} public function never() {} }',
    '',
  ].join('\n');
  const unit = await unitOf('app/code/Acme/Types/All.php', source);
  const on = async (php: string): Promise<string[]> =>
    (await runRule(reservedClassName, { code: [unit], target: { php } })).map((f) => `${f.line}:${f.data?.['word']}`);
  assert.deepEqual(await on('7.3'), []);
  assert.deepEqual(await on('7.4'), ['5:fn']);
  assert.deepEqual(await on('8.0'), ['3:mixed', '5:fn']);
  assert.deepEqual(await on('8.3'), ['3:mixed', '4:never', '5:fn']);
});

test('a namespace or import that ends in Match parses on PHP 8 and is not reported', async () => {
  const unit = await unitOf(
    'app/code/Acme/Ok.php',
    '<?php\nnamespace Acme\\Match;\nuse Foo\\Match;\nclass X { public function match() {} }\n',
  );
  assert.deepEqual(await runRule(reservedClassName, { code: [unit], target: { php: '8.3' } }), []);
});
