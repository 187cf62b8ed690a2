import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { evaluatePhpArrayFile, PhpConstant, phpGet, phpString } from './php-array.js';

describe('evaluatePhpArrayFile', () => {
  it('evaluates both array syntaxes, strings, numbers, booleans and null', async () => {
    const { value, problems } = await evaluatePhpArrayFile(
      `<?php\nreturn array(\n  'a' => [1, -2, 1.5, 0x1F, 017, 1_000],\n  "b" => array('x' => TRUE, 'y' => false, 'z' => NULL),\n  3 => 'three',\n  'four',\n);\n`,
      'app/etc/config.php',
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(value, {
      a: { 0: 1, 1: -2, 2: 1.5, 3: 31, 4: 15, 5: 1000 },
      b: { x: true, y: false, z: null },
      3: 'three',
      4: 'four',
    });
  });

  it("decodes escapes like PHP: single quotes only \\\\ and \\', double quotes the full set", async () => {
    const { value } = await evaluatePhpArrayFile(
      `<?php return ['s' => 'it\\'s a \\\\ and \\n', 'd' => "tab\\there \\x41\\101 \\u{1F600} \\$x \\q"];`,
      'x.php',
    );
    assert.equal(phpGet(value, 's'), "it's a \\ and \\n");
    assert.equal(phpGet(value, 'd'), 'tab\there AA \u{1F600} $x \\q');
  });

  it('keeps constants as names and maps the known Magento ones', async () => {
    const { value } = await evaluatePhpArrayFile(
      `<?php return [\\Magento\\Framework\\Config\\ConfigOptionsListConstants::KEY_HOST => 'db', 'c' => \\Acme\\Thing::MODE, 'k' => Foo\\Bar::class, 'g' => PHP_EOL];`,
      'env.php',
    );
    assert.equal(phpGet(value, 'host'), 'db');
    const c = phpGet(value, 'c');
    assert.ok(c instanceof PhpConstant);
    assert.equal(c.name, 'Acme\\Thing::MODE');
    assert.equal(c.value, undefined);
    assert.equal(phpGet(value, 'k'), 'Foo\\Bar');
    assert.equal(phpString(phpGet(value, 'g')), 'PHP_EOL');
  });

  it('concatenates literals', async () => {
    const { value, problems } = await evaluatePhpArrayFile(`<?php return ['a' => 'x' . 'y' . 1 . "z"];`, 'x.php');
    assert.deepEqual(problems, []);
    assert.equal(phpGet(value, 'a'), 'xy1z');
  });

  it('reports what it cannot evaluate with the line, without quoting the source, and never runs it', async () => {
    const { value, problems } = await evaluatePhpArrayFile(
      `<?php\nreturn [\n  'a' => getenv('X'),\n  'b' => "pw-$secret",\n  'c' => 'ok',\n];\n`,
      'app/etc/env.php',
    );
    assert.deepEqual(value, { c: 'ok' });
    assert.deepEqual(
      problems.map((p) => [p.code, p.line]),
      [
        ['php-unevaluated', 3],
        ['php-unevaluated', 4],
      ],
    );
    assert.match(
      problems[0]?.message ?? '',
      /^app\/etc\/env\.php:3: expression \(function call expression\) is not a literal/,
    );
    assert.ok(!problems.some((p) => p.message.includes('pw-')), 'source text is never quoted');
  });

  it('reports a syntax error with its line and keeps what parsed', async () => {
    const { value, problems } = await evaluatePhpArrayFile(`<?php\nreturn [\n  'a' => 1,\n  'b' => ,\n];\n`, 'env.php');
    assert.equal(problems[0]?.code, 'php-syntax');
    assert.equal(problems[0]?.line, 4);
    assert.equal(phpGet(value, 'a'), 1);
  });

  it('reports a file without a return statement', async () => {
    const { value, problems } = await evaluatePhpArrayFile(`<?php\n$config = [];\n`, 'config.php');
    assert.equal(value, undefined);
    assert.equal(problems[0]?.code, 'php-no-return');
  });
});
