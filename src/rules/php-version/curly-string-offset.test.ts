import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../testing.js';
import { unitOf } from '../php-api/fixtures.js';
import { fixWith } from '../../fix/testing.js';
import { curlyStringOffset } from './curly-string-offset.js';

const source = [
  '<?php',
  'class Sku',
  '{',
  '    public function first($sku, array $rows)',
  '    {',
  "        if ($sku{0} === 'X' && $this->code{strlen($this->code) - 1} !== $rows['a']{0}) {",
  '            return $sku {$rows[0]{1}};',
  '        }',
  '        $this->{$sku} = "{$sku} {0} " . \'$a{0}\'; // $b{0}',
  '        /* $c{0} */',
  '        return <<<TXT',
  '        {$rows[1]{2}} and $x{3}',
  '        TXT;',
  '    }',
  '}',
  '?>',
  '<p>$html{0}</p>',
  '',
].join('\r\n');

test('curly offsets outside strings, comments and inline HTML: critical on PHP 8, a warning on 7.4', async () => {
  const unit = await unitOf('app/code/Acme/Sku.php', source);
  const findings = await runRule(curlyStringOffset, { code: [unit], target: { php: '8.1' } });
  assert.deepEqual(
    findings.map((f) => [f.line, f.column, f.severity]),
    [
      [6, 17, 'critical'],
      [6, 43, 'critical'],
      [6, 83, 'critical'],
      [7, 25, 'critical'],
      [7, 34, 'critical'],
      [12, 18, 'critical'],
    ],
  );
  assert.equal(findings[0]!.messageId, 'removed');
  const php74 = await runRule(curlyStringOffset, { code: [unit], target: { php: '7.4' } });
  assert.equal(php74[0]!.severity, 'warning');
  assert.deepEqual(await runRule(curlyStringOffset, { code: [unit], target: { php: '7.3' } }), []);
});

test('a file that parses has no curly offset to report', async () => {
  const unit = await unitOf('app/code/Acme/Ok.php', '<?php\n$a = [1]; if ($a) { $b = $a[0]; }\n$o->{$p} = 1;\n');
  assert.deepEqual(await runRule(curlyStringOffset, { code: [unit], target: { php: '8.1' } }), []);
});

test('fix: every {…} offset becomes […], nested ones too; the file then parses, CRLF and the rest kept', async () => {
  const r = await fixWith(curlyStringOffset, 'app/code/Acme/Sku.php', source, { target: { php: '8.1' } });
  assert.equal(r.findings, 6);
  assert.deepEqual(r.declines, []);
  assert.equal(r.remaining, 0);
  assert.ok(r.parses);
  const lines = r.text.split('\r\n');
  assert.equal(lines[5], "        if ($sku[0] === 'X' && $this->code[strlen($this->code) - 1] !== $rows['a'][0]) {");
  assert.equal(lines[6], '            return $sku [$rows[0][1]];');
  assert.equal(lines[11], '        {$rows[1][2]} and $x{3}');
  assert.deepEqual(
    lines.filter((_, i) => ![5, 6, 11].includes(i)),
    source.split('\r\n').filter((_, i) => ![5, 6, 11].includes(i)),
  );
  assert.equal(r.fixes[1], '{strlen($this->code) - 1} → [strlen($this->code) - 1]');
});
