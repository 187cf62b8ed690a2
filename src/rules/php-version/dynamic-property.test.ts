import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../testing.js';
import { dynamicProperty } from './dynamic-property.js';
import { classDecl, indexOf, method, unitOf } from '../php-api/fixtures.js';
import { fixWith } from '../../fix/testing.js';

const target = indexOf([
  classDecl('Magento\\Framework\\View\\Element\\Template', {
    properties: [{ name: '_template', visibility: 'protected', line: 1 }],
  }),
  classDecl('Magento\\Framework\\Magic', { methods: [method('__set')] }),
]);

const source = `<?php
namespace Acme\\Shop\\Block;
class View extends \\Magento\\Framework\\View\\Element\\Template
{
    private $declared;
    public function __construct(private \\Magento\\Framework\\Registry $registry) {}
    public function run()
    {
        $this->_template = 'a.phtml';
        $this->declared = 1;
        $this->registry = null;
        $this->helper = 1;
        $this->helper = 2;
    }
}
class Bag extends \\Magento\\Framework\\Magic { public function run() { $this->anything = 1; } }
#[\\AllowDynamicProperties]
class Free { public function run() { $this->anything = 1; } }
class Unknown extends \\Vendor\\Missing\\Base { public function run() { $this->anything = 1; } }
`;

test('dynamic properties on $this, once per class and property, exemptions honoured', async () => {
  const unit = await unitOf('app/code/Acme/Shop/Block/View.php', source);
  const findings = await runRule(dynamicProperty, { code: [unit], target: { symbols: target, php: '8.2' } });
  assert.deepEqual(
    findings.map((f) => [f.line, f.severity, f.subject]),
    [[12, 'warning', 'acme\\shop\\block\\view::$helper']],
  );
  assert.equal(findings[0]!.messageId, 'dynamicProperty');
  assert.equal(findings[0]!.data?.property, 'helper');
  const php9 = await runRule(dynamicProperty, { code: [unit], target: { symbols: target, php: '9.0' } });
  assert.equal(php9[0]!.severity, 'error');
});

test('silent when the target PHP is older than 8.2', async () => {
  const unit = await unitOf('app/code/Acme/Shop/Block/View.php', source);
  assert.deepEqual(await runRule(dynamicProperty, { code: [unit], target: { symbols: target, php: '8.1' } }), []);
});

test('fix: declares each property after the class last property, protected, with the type the assignment tells', async () => {
  const src = [
    '<?php',
    'namespace Acme\\Shop\\Model;',
    'use Magento\\Framework\\Registry;',
    'class Config',
    '{',
    '    const A = 1;',
    '',
    '    /**',
    '     * @var string',
    '     */',
    '    protected $declared; // kept',
    '',
    '    public function __construct(Registry $registry, ?Registry $maybe, $untyped)',
    '    {',
    '        $this->registry = $registry;',
    '        $this->maybe = $maybe;',
    '        $this->untyped = $untyped;',
    '        $this->flag = false;',
    '        $this->made = new \\ArrayObject();',
    '        $this->list[] = 1;',
    '    }',
    '}',
    '',
  ].join('\r\n');
  const r = await fixWith(dynamicProperty, 'app/code/Acme/Shop/Model/Config.php', src, {
    target: { symbols: target, php: '8.2' },
  });
  assert.equal(r.findings, 6);
  assert.deepEqual(r.declines, []);
  assert.equal(r.remaining, 0);
  assert.ok(r.parses);
  const declared = (name: string, type?: string): string[] => [
    '',
    ...(type ? ['    /**', `     * @var ${type}`, '     */'] : []),
    `    protected $${name};`,
  ];
  assert.equal(
    r.text,
    [
      ...src.split('\r\n').slice(0, 11),
      ...declared('registry', 'Registry'),
      ...declared('maybe', 'Registry|null'),
      ...declared('untyped'),
      ...declared('flag', 'bool'),
      ...declared('made', '\\ArrayObject'),
      ...declared('list'),
      ...src.split('\r\n').slice(11),
    ].join('\r\n'),
    'after the last property and its comment, CRLF kept',
  );
  assert.equal(r.fixes[0], 'declare `protected $registry;` (@var Registry) in Config');
});

test('fix: a class without properties gets them after its brace; declines what it cannot be sure of', async () => {
  const src = `<?php
class Plain
{
    public function run() { $this->a = 'x'; }
}
trait Helper { public function run() { $this->b = 1; } }
class Shown
{
    public function run($other) { $this->c = 1; return $other->c; }
}
class Tight { private $x; public function run() { $this->d = 1; } }
`;
  const r = await fixWith(dynamicProperty, 'app/code/Acme/Shop/Plain.php', src, {
    target: { symbols: target, php: '8.2' },
  });
  assert.ok(
    r.text.startsWith(
      '<?php\nclass Plain\n{\n    /**\n     * @var string\n     */\n    protected $a;\n\n    public function run()',
    ),
  );
  assert.deepEqual(r.declines, [
    '$this->b is not in a named class (a trait or an anonymous class): declare it by hand',
    '->c is also used on another object on line 9: the dynamic property was public, choose its visibility by hand',
    "Tight's members share a line: no place to add $d without reflowing code",
  ]);
  assert.equal(r.remaining, 3, 'the three declined ones');
});

test("PHP's own parents: \\Exception's properties are declared; an internal class with unknown properties silences", async () => {
  const src = `<?php
namespace Acme\\Shop\\Model;
class BaseException extends \\RuntimeException {}
class InvalidStatus extends BaseException
{
    public function __construct($status)
    {
        $this->message = "bad $status";
        $this->code = 3;
        $this->status = $status;
    }
}
class Doc extends \\DOMDocument { public function run() { $this->anything = 1; } }
class Bag extends \\ArrayObject { public function run() { $this->anything = 1; } }
class Stamp extends \\DateTimeImmutable { public function run() { $this->zone = 1; } }
`;
  const unit = await unitOf('app/code/Acme/Shop/Model/InvalidStatus.php', src);
  const findings = await runRule(dynamicProperty, { code: [unit], target: { symbols: target, php: '8.2' } });
  assert.deepEqual(
    findings.map((f) => [f.line, f.data]),
    [
      [10, { class: 'Acme\\Shop\\Model\\InvalidStatus', property: 'status', php: '8.2' }],
      [15, { class: 'Acme\\Shop\\Model\\Stamp', property: 'zone', php: '8.2' }],
    ],
  );
});
