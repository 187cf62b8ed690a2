import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../testing.js';
import { dollarBraceInterpolation } from './dollar-brace-interpolation.js';
import { unitOf } from '../php-api/fixtures.js';
import { fixWith } from '../../fix/testing.js';

test('"${var}" interpolations on PHP 8.2+', async () => {
  const unit = await unitOf('app/code/Acme/a.php', `<?php\n$a = "x";\n$b = "\${a} and {$a}";\n$c = "\${a}";\n`);
  const findings = await runRule(dollarBraceInterpolation, { code: [unit], target: { php: '8.2' } });
  assert.deepEqual(
    findings.map((f) => f.line),
    [3, 4],
  );
  assert.deepEqual(await runRule(dollarBraceInterpolation, { code: [unit], target: { php: '8.1' } }), []);
});

test('fix: "${var}" → "{$var}", "${arr[…]}" → "{$arr[…]}", "${expr}" → "{${expr}}"; heredocs, CRLF, several per line', async () => {
  const src = [
    '<?php',
    '$a = "x"; $arr = ["k" => 1]; $n = "a";',
    '$b = "${a} and {$a} and ${arr["k"]} and ${arr[0]}"; // "${not} a string"',
    "$c = '${single} quotes are literal';",
    '$d = "${$n}" . "${n . \'x\'}";',
    '$e = <<<EOT',
    '  ${a} in a heredoc, $a plain, \\${escaped}',
    '  EOT;',
    '',
  ].join('\r\n');
  const r = await fixWith(dollarBraceInterpolation, 'app/code/Acme/a.php', src, { target: { php: '8.2' } });
  assert.equal(r.findings, 6);
  assert.deepEqual(r.declines, []);
  assert.equal(r.remaining, 0);
  assert.ok(r.parses);
  assert.equal(
    r.text,
    [
      '<?php',
      '$a = "x"; $arr = ["k" => 1]; $n = "a";',
      '$b = "{$a} and {$a} and {$arr["k"]} and {$arr[0]}"; // "${not} a string"',
      "$c = '${single} quotes are literal';",
      '$d = "{${$n}}" . "{${n . \'x\'}}";',
      '$e = <<<EOT',
      '  {$a} in a heredoc, $a plain, \\${escaped}',
      '  EOT;',
      '',
    ].join('\r\n'),
  );
});
