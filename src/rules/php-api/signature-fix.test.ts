import { test } from 'node:test';
import assert from 'node:assert/strict';
import { releaseFixture } from '../testing.js';
import { fixWith } from '../../fix/testing.js';
import { signatureMismatch } from './signature-mismatch.js';
import { classDecl, indexOf, method } from './fixtures.js';

const base = 'Magento\\Catalog\\Model\\Base';
const item = 'Magento\\Catalog\\Model\\Item';
const before = indexOf([
  classDecl(base, {
    methods: [
      method('isActive'),
      method('load', { params: [{ name: 'item', type: item }] }),
      method('items'),
      method('reset'),
      method('get'),
      method('count'),
      method('make', { params: [{ name: 'a' }] }),
    ],
  }),
  classDecl(item),
]);
const after = indexOf([
  classDecl(base, {
    methods: [
      method('isActive', { returnType: 'bool' }),
      method('load', { params: [{ name: 'item', type: `?${item}` }], returnType: item }),
      method('items', { returnType: 'array' }),
      method('reset', { returnType: 'void' }),
      method('get', { returnType: `?${item}` }),
      method('count', { returnType: 'int' }),
      method('make', { params: [{ name: 'a' }, { name: 'b', type: 'int' }] }),
    ],
  }),
  classDecl(item),
]);
const context = {
  current: { release: releaseFixture('2.4.6'), symbols: before },
  target: { release: releaseFixture('2.4.8'), symbols: after },
};

test('fix: return types the parent added where every return fits, ?Type where the parent made a parameter nullable', async () => {
  const src = [
    '<?php',
    'namespace Acme\\Shop\\Model;',
    '',
    'use Magento\\Catalog\\Model\\Base as CoreBase;',
    'use Magento\\Catalog\\Model\\Item;',
    '',
    'class Mine extends CoreBase',
    '{',
    '    public function isActive() { if ($this->x) { return false; } return true; }',
    '    public function load(Item $item) // keep',
    '    {',
    '        $f = function () { return 1; };',
    '        return parent::load($item);',
    '    }',
    '    public function items() { return []; }',
    '    public function reset() { $this->x = 1; return; }',
    '    public function get() { return null; }',
    '}',
    '',
  ].join('\r\n');
  const r = await fixWith(signatureMismatch, 'app/code/Acme/Shop/Model/Mine.php', src, context);
  assert.deepEqual(r.declines, []);
  assert.equal(r.findings, 5);
  assert.equal(r.remaining, 0);
  assert.ok(r.parses);
  assert.deepEqual(r.text.split('\r\n').slice(8, 17), [
    '    public function isActive(): bool { if ($this->x) { return false; } return true; }',
    '    public function load(?Item $item): \\Magento\\Catalog\\Model\\Item // keep',
    '    {',
    '        $f = function () { return 1; };',
    '        return parent::load($item);',
    '    }',
    '    public function items(): array { return []; }',
    '    public function reset(): void { $this->x = 1; return; }',
    '    public function get(): ?\\Magento\\Catalog\\Model\\Item { return null; }',
  ]);
});

test('fix: declined where the new signature could change what the method does', async () => {
  const cases: [string, RegExp][] = [
    ['public function count() { return $this->n; }', /returns `\$this->n`, not known to fit int/],
    ['public function count() { if ($this->n) { return 1; } }', /may end without a return/],
    ['public function count() { return "1"; }', /returns `"1"`, not known to fit int/],
    ['public function reset() { return $this->x; }', /returns a value: void would not compile/],
    ['public function make($a) {}', /it takes 1 parameter\(s\), the parent 2: not mechanical/],
    ['public function items() { yield 1; }', /a generator/],
  ];
  for (const [decl, reason] of cases) {
    const src = `<?php\nnamespace Acme;\nclass Other extends \\${base}\n{\n    ${decl}\n}\n`;
    const r = await fixWith(signatureMismatch, 'app/code/Acme/Other.php', src, context);
    assert.equal(r.findings, 1, decl);
    assert.equal(r.fixes.length, 0, decl);
    assert.match(r.declines[0]!, reason, decl);
  }
  // parent::load() of another class than the one that declares it (a custom parent in between) is not known to fit.
  const src = `<?php\nnamespace Acme;\nclass Mid extends \\${base} {}\nclass Leaf extends Mid\n{\n    public function count() { return parent::count(); }\n}\n`;
  const r = await fixWith(signatureMismatch, 'app/code/Acme/Leaf.php', src, context);
  assert.match(r.declines[0]!, /returns `parent::count\(\)`, not known to fit int/);
});

// Monolog 3's Logger::addRecord(int|Level $level, …): a parameter the parent widened.
const logger = 'Monolog\\Logger';
const monologContext = {
  current: {
    release: releaseFixture('2.4.7'),
    symbols: indexOf([
      classDecl(logger, {
        methods: [
          method('addRecord', {
            params: [
              { name: 'level', type: 'int' },
              { name: 'message', type: 'string' },
            ],
            returnType: 'bool',
          }),
        ],
      }),
    ]),
  },
  target: {
    release: releaseFixture('2.4.8'),
    symbols: indexOf([
      classDecl(logger, {
        methods: [
          method('addRecord', {
            params: [
              { name: 'level', type: 'int|Monolog\\Level' },
              { name: 'message', type: 'string' },
            ],
            returnType: 'bool',
          }),
        ],
      }),
      classDecl('Monolog\\Level', { kind: 'enum' }),
    ]),
  },
};

test('fix: a parameter the parent widened takes the parent’s type when the body only hands it to parent::same()', async () => {
  const src = [
    '<?php',
    'namespace Acme\\Log;',
    '',
    'class Logger extends \\Monolog\\Logger',
    '{',
    '    public function addRecord(int $level, string $message): bool',
    '    {',
    "        $message = '[acme] ' . $message;",
    '        return parent::addRecord($level, $message);',
    '    }',
    '}',
    '',
  ].join('\n');
  const r = await fixWith(signatureMismatch, 'app/code/Acme/Log/Logger.php', src, monologContext);
  assert.deepEqual(r.declines, []);
  assert.equal(r.remaining, 0);
  assert.ok(r.parses);
  assert.equal(r.text, src.replace('addRecord(int $level', 'addRecord(int|\\Monolog\\Level $level'));
  assert.deepEqual(r.fixes, [
    "addrecord(): parameter #1 int → int|\\Monolog\\Level (as the parent's: the body only hands it to parent::addRecord())",
  ]);
  // The body looks at the level itself (Monolog 3 passes a Level enum there): declined.
  for (const [line, why] of [
    [
      '        $this->sentry->send($message, $level);',
      /line 8 uses \$level other than handing it to parent::addRecord\(\)/,
    ],
    [
      '        if ($level >= 400) { $message .= "!"; }',
      /line 8 uses \$level other than handing it to parent::addRecord\(\)/,
    ],
    ['        $args = func_get_args();', /line 8 may reach \$level without naming it/],
  ] as const) {
    const other = src.replace("        $message = '[acme] ' . $message;", line);
    const d = await fixWith(signatureMismatch, 'app/code/Acme/Log/Logger.php', other, monologContext);
    assert.equal(d.fixes.length, 0, line);
    assert.match(d.declines[0] ?? '', why, line);
    assert.match(d.declines[0] ?? '', /int\|Monolog\\Level is not the nullable form of int and /, line);
  }
});
