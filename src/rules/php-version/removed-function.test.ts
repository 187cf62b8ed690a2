import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../testing.js';
import { removedFunction } from './removed-function.js';
import { unitOf } from '../php-api/fixtures.js';

const source = `<?php
namespace Acme\\Shop;
class A
{
    public function run($a)
    {
        while (list($k, $v) = each($a)) {}
        $s = utf8_encode('x');
        $c = get_class();
        $d = get_class($this);
        $m = \\mysqli_query($a, 'x');
        $e = mysql_query('x');
        return strftime('%Y');
    }
}
`;

test('removed (critical) and deprecated (warning) functions for the target PHP', async () => {
  const unit = await unitOf('app/code/Acme/Shop/A.php', source);
  const findings = await runRule(removedFunction, { code: [unit], target: { php: '8.3' } });
  assert.deepEqual(
    findings.map((f) => [f.line, f.severity, f.subject]),
    [
      [7, 'critical', 'function:each'],
      [8, 'warning', 'function:utf8_encode'],
      [9, 'warning', 'function:get_class'],
      [12, 'critical', 'function:mysql_query'],
      [13, 'warning', 'function:strftime'],
    ],
  );
  assert.equal(findings[0]!.messageId, 'removed');
  assert.deepEqual(findings[0]!.data, {
    call: [{ messageId: 'call', data: { name: 'each' } }],
    history: [
      { messageId: 'deprecatedIn', data: { version: '7.2' } },
      { messageId: 'removedIn', data: { version: '8.0' } },
    ],
    php: '8.3',
    replacement: 'foreach',
  });
  assert.equal(
    findings[0]!.message,
    'each() is deprecated in PHP 7.2, removed in PHP 8.0; the target runs PHP 8.3: "Call to undefined function"',
  );
  assert.deepEqual(findings[2]!.data?.call, [{ messageId: 'callWithoutArgument', data: { name: 'get_class' } }]);
  assert.equal(findings[0]!.recommendationId, 'replacement');
  const old = await runRule(removedFunction, { code: [unit], target: { php: '7.4' } });
  assert.deepEqual(
    old.map((f) => [f.line, f.severity]),
    [
      [7, 'warning'],
      [12, 'critical'],
    ],
  );
});

test('a polyfill declared by the code under check silences the finding', async () => {
  const poly = await unitOf('app/code/Acme/poly.php', `<?php function each(&$a) { return false; }`);
  const user = await unitOf('app/code/Acme/use.php', `<?php each($x);`);
  assert.deepEqual(await runRule(removedFunction, { code: [poly, user], target: { php: '8.3' } }), []);
});

test('functions PHP 8.5 deprecates (no-ops since 8.0): curl_close(), finfo_close(), xml_parser_free(), …', async () => {
  const unit = await unitOf(
    'app/code/Acme/b.php',
    '<?php\ncurl_close($ch);\nfinfo_close($f);\nxml_parser_free($p);\nimagedestroy($i);\ncurl_multi_close($m);\n',
  );
  const findings = await runRule(removedFunction, { code: [unit], target: { php: '8.5' } });
  assert.deepEqual(
    findings.map((f) => [f.line, f.severity]),
    [
      [2, 'warning'],
      [3, 'warning'],
      [4, 'warning'],
      [5, 'warning'],
    ],
  );
  assert.deepEqual(await runRule(removedFunction, { code: [unit], target: { php: '8.4' } }), []);
});
