import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { releaseFixture } from '../testing.js';
import { fixWith } from '../../fix/testing.js';
import { signatureMismatch } from './signature-mismatch.js';
import { classDecl, indexOf, method } from './fixtures.js';

// Monolog 2 (Magento 2.4.7) → Monolog 3 (2.4.8): the record parameters of handlers, processors and formatters.
const handler = 'Monolog\\Handler\\AbstractHandler';
const processing = 'Monolog\\Handler\\AbstractProcessingHandler';
const processor = 'Monolog\\Processor\\ProcessorInterface';
const formatter = 'Monolog\\Formatter\\NormalizerFormatter';
function monolog(record: string) {
  const param = [{ name: 'record', type: record }];
  return indexOf(
    [
      classDecl(handler, {
        abstract: true,
        methods: [method('isHandling', { params: param, returnType: 'bool' })],
      }),
      classDecl(processing, {
        abstract: true,
        extends: handler,
        methods: [method('write', { params: param, returnType: 'void', abstract: true, visibility: 'protected' })],
      }),
      classDecl(processor, { kind: 'interface', methods: [method('__invoke', { params: param, abstract: true })] }),
      classDecl(formatter, { methods: [method('format', { params: param })] }),
      ...(record === 'array' ? [] : [classDecl('Monolog\\LogRecord')]),
    ],
    'monolog/monolog',
    record === 'array' ? '2.9.3' : '3.9.0',
  );
}
const context = {
  current: { release: releaseFixture('2.4.7'), symbols: monolog('array') },
  target: { release: releaseFixture('2.4.8'), symbols: monolog('Monolog\\LogRecord') },
};

/** `php -l` on a text when PHP is installed (linting parses, it does not execute): true, or the error. */
function lints(text: string): true | string {
  const r = spawnSync('php', ['-n', '-l'], { input: text, encoding: 'utf8' });
  if (r.error) return true; // no PHP here: tree-sitter's parse (fixWith's `parses`) is the check
  return r.status === 0 ? true : `${r.stdout}${r.stderr}`;
}

test('fix: array $record → LogRecord where the body only reads the record, CRLF and comments kept', async () => {
  const src = [
    '<?php',
    'namespace Acme\\Log;',
    '',
    'use Monolog\\Handler\\AbstractProcessingHandler;',
    'use Monolog\\Logger;',
    '',
    'class Handler extends AbstractProcessingHandler',
    '{',
    '    /** @param array $record */',
    '    public function isHandling(array $record): bool // keep',
    '    {',
    "        return $record['level'] >= Logger::WARNING && !empty($record['context']['order']);",
    '    }',
    '',
    '    protected function write(array /* the record */ $record): void',
    '    {',
    '        $this->send(',
    "            $record['formatted'],",
    '            "{$record[\'channel\']}: $record[message]",',
    "            isset($record['extra']['uid']) ? $record['datetime']->format('c') : null,",
    "            fn ($x) => $x . $record['level_name'],",
    "            array_keys($record['context'])",
    '        );',
    '    }',
    '}',
    '',
  ].join('\r\n');
  const r = await fixWith(signatureMismatch, 'app/code/Acme/Log/Handler.php', src, context);
  assert.deepEqual(r.declines, []);
  assert.equal(r.findings, 2);
  assert.equal(r.remaining, 0);
  assert.ok(r.parses);
  assert.equal(lints(r.text), true);
  // Only the two parameter types change, byte for byte.
  assert.equal(
    r.text,
    src
      .replace('isHandling(array $record)', 'isHandling(\\Monolog\\LogRecord $record)')
      .replace('write(array /*', 'write(\\Monolog\\LogRecord /*'),
  );
  assert.match(
    r.fixes[0]!,
    /parameter #1 array \$record → \\Monolog\\LogRecord \$record \(the body reads only \['level'\], \['context'\]/,
  );
});

test('fix: the imported name of LogRecord, parent::same($record), a processor that sets extra and returns the record', async () => {
  const src = `<?php
namespace Acme\\Log;

use Monolog\\LogRecord as Record;

class Uid implements \\${processor}
{
    public function __invoke(array $record): array
    {
        $record['extra']['uid'] = $this->uid;
        $record['extra'] += ['host' => gethostname()];
        return $record;
    }
}

class Fmt extends \\${formatter}
{
    public function format(array $record)
    {
        return '[' . $record['channel'] . '] ' . parent::format($record);
    }
}
`;
  const r = await fixWith(signatureMismatch, 'app/code/Acme/Log/Uid.php', src, context);
  assert.deepEqual(r.declines, []);
  assert.equal(r.remaining, 0);
  assert.equal(lints(r.text), true);
  assert.match(r.text, /public function __invoke\(Record \$record\): Record\n/);
  assert.match(r.text, /public function format\(Record \$record\)\n/);
  assert.deepEqual(
    r.fixes.map((f) => f.replace(/^\w+\(\): /, '')),
    [
      'parameter #1 array $record → Record $record, return type array → Record (the body sets its extra/formatted and returns it; needs Monolog 3: Magento 2.4.8+)',
      "parameter #1 array $record → Record $record (the body reads only ['channel'], hands it to parent::format(); needs Monolog 3: Magento 2.4.8+)",
    ].map((f) => f.replace(/^\w+\(\): /, '')),
  );
});

test("fix: `$this->level` compared with the record's level becomes `$this->level->value` (Adyen's handlers)", async () => {
  const src = [
    '<?php',
    'namespace Acme\\Log;',
    '',
    `class Exact extends \\${processing}`,
    '{',
    '    /** only the exact level */',
    '    public function isHandling(array $record): bool',
    '    {',
    "        return $record['level'] == $this->level;",
    '    }',
    '',
    '    protected function write(array $record): void',
    '    {',
    "        $up = fn () => $record['level'] >= $this->getLevel();",
    "        $this->send($record['message'], $up());",
    '    }',
    '}',
    '',
  ].join('\r\n');
  const r = await fixWith(signatureMismatch, 'app/code/Acme/Log/Exact.php', src, context);
  assert.deepEqual(r.declines, []);
  assert.equal(r.remaining, 0);
  assert.ok(r.parses);
  assert.equal(lints(r.text), true);
  assert.equal(
    r.text,
    src
      .replace('isHandling(array $record)', 'isHandling(\\Monolog\\LogRecord $record)')
      .replace('write(array $record)', 'write(\\Monolog\\LogRecord $record)')
      .replace('== $this->level;', '== $this->level->value;')
      .replace('$this->getLevel();', '$this->getLevel()->value;'),
  );
  assert.match(r.fixes[0]!, /`\$this->level` → `…->value` in 1 comparison \(a Monolog\\Level enum in Monolog 3/);
  // A class with a `level` of its own, or a method of another line than AbstractHandler's, is left alone.
  const own = src.replace('{\r\n    /** only', '{\r\n    protected $level = 100;\r\n\r\n    /** only');
  const declined = await fixWith(signatureMismatch, 'app/code/Acme/Log/Exact.php', own, context);
  assert.equal(declined.fixes.length, 0);
  assert.equal(declined.declines.length, 2);
});

test('fix: declined where a LogRecord would not behave as the array did', async () => {
  const handlerCases: [string, RegExp][] = [
    ['foreach ($record as $k => $v) { $this->n++; }', /uses \$record as a whole .*an object, not an array/],
    ["$this->send(array_merge($record, ['x' => 1]));", /uses \$record as a whole \(`array_merge/],
    ['$this->send(is_array($record));', /uses \$record as a whole/],
    ['$this->send($record);', /uses \$record as a whole/],
    ["$this->send($record['foo']);", /reads `\$record\['foo'\]`: a LogRecord answers only/],
    ['$this->send($record[$this->key]);', /reads `\$record\[\$this->key\]`/],
    [
      "sort($record['context']); $this->send($record['context']);",
      /passes `\$record\['context'\]` to sort\(\) by reference/,
    ],
    ["$this->trim($record['context']);", /passes `\$record\['context'\]` to trim\(\) by reference/],
    ["$record['extra']['x'] = 1; $this->send($record['extra']);", /a change to a LogRecord reaches the caller/],
    ["$record['formatted'] .= 'x';", /a change to a LogRecord reaches the caller/],
    ["$e = &$record['extra'];", /changes `\$record\['extra'\]`/],
    ['$this->send($this->level);', /`\$this->level`, a Monolog\\Level enum/],
    ["$this->level = $record['level'];", /`\$this->level`, a Monolog\\Level enum/],
    ["$this->send($record['level'] >= $this->getLevel(true));", /`\$this->getLevel\(true\)`, a Monolog\\Level enum/],
    [
      "$this->send($record instanceof \\Monolog\\LogRecord ? $record->message : $record['message']);",
      /dual Monolog 2\/3 code/,
    ],
    ["$f = function () use ($record) { return $record['message']; };", /hands \$record to a closure/],
    ["$this->send(compact('record'));", /may reach \$record without naming it/],
    ["$this->write(['message' => 'x']);", /calls write\(\) itself/],
  ];
  for (const [body, reason] of handlerCases) {
    const src = `<?php\nnamespace Acme;\nclass H extends \\${processing}\n{\n    protected function write(array $record): void\n    {\n        ${body}\n    }\n\n    private function trim(array &$a): void {}\n}\n`;
    const r = await fixWith(signatureMismatch, 'app/code/Acme/H.php', src, context);
    assert.equal(r.findings, 1, body);
    assert.equal(r.fixes.length, 0, body);
    assert.match(r.declines[0] ?? '', reason, body);
  }
  const processorCases: [string, RegExp][] = [
    ["$record['context']['trace'] = debug_backtrace(); return $record;", /'context' is read-only/],
    ["$record['message'] = 'x'; return $record;", /'message' is read-only/],
    ["$record['extra'] = $this->extra; return $record;", /to what may not be an array/],
    ["unset($record['extra']['x']); return $record;", /not a plain assignment to its extra or formatted/],
    [
      "$record['extra']['x'] = 1; return ['message' => $record['message']];",
      /a change to a LogRecord reaches the caller/,
    ],
  ];
  for (const [body, reason] of processorCases) {
    const src = `<?php\nnamespace Acme;\nclass P implements \\${processor}\n{\n    public function __invoke(array $record): array\n    {\n        ${body}\n    }\n}\n`;
    const r = await fixWith(signatureMismatch, 'app/code/Acme/P.php', src, context);
    assert.equal(r.findings, 1, body);
    assert.equal(r.fixes.length, 0, body);
    assert.match(r.declines[0] ?? '', reason, body);
  }
});

test('fix: a class declared per Monolog version is left to the developer', async () => {
  const variant = `class H extends \\${processing}\n    {\n        protected function write(array $record): void { $this->n = $record['message']; }\n    }`;
  const src = `<?php\nnamespace Acme;\nif (\\Monolog\\Logger::API >= 3) {\n    ${variant}\n} else {\n    ${variant}\n}\n`;
  const r = await fixWith(signatureMismatch, 'app/code/Acme/H.php', src, context);
  assert.equal(r.fixes.length, 0);
  assert.ok(r.declines.length > 0);
  for (const reason of r.declines) assert.match(reason, /declared conditionally \(dual Monolog 2\/3 support\)/);
});
