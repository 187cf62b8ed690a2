import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../testing.js';
import { dynamicProperty } from './dynamic-property.js';
import { classDecl, indexOf, method, unitOf } from '../php-api/fixtures.js';

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
  assert.match(findings[0]!.message, /creates dynamic property \$helper/);
  const php9 = await runRule(dynamicProperty, { code: [unit], target: { symbols: target, php: '9.0' } });
  assert.equal(php9[0]!.severity, 'error');
});

test('silent when the target PHP is older than 8.2', async () => {
  const unit = await unitOf('app/code/Acme/Shop/Block/View.php', source);
  assert.deepEqual(await runRule(dynamicProperty, { code: [unit], target: { symbols: target, php: '8.1' } }), []);
});
