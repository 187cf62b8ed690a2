import { test } from 'node:test';
import assert from 'node:assert/strict';
import { releaseFixture, runRule } from '../testing.js';
import { missingMethod } from './missing-method.js';
import { classDecl, indexOf, method, unitOf } from './fixtures.js';

const base = 'Magento\\Catalog\\Model\\Base';
const current = indexOf([
  classDecl(base, {
    methods: [
      method('load', { params: [{ name: 'id', type: 'int' }] }),
      method('legacyThing', { deprecated: 'use modernThing()' }),
      method('kept'),
    ],
  }),
  classDecl('Magento\\Framework\\Magic', { methods: [method('__call')] }),
]);
const target = indexOf([
  classDecl(base, { methods: [method('load', { params: [{ name: 'id', type: 'int' }] }), method('kept')] }),
  classDecl('Magento\\Framework\\Magic', { methods: [method('__call')] }),
]);

const source = `<?php
namespace Acme\\Shop\\Model;

class Child extends \\Magento\\Catalog\\Model\\Base
{
    public function __construct(private \\Magento\\Framework\\Magic $magic) {}

    public function legacyThing()
    {
        $this->kept();
        $this->magic->getAnything();
        $this->ownHelper();
        return parent::legacyThing();
    }

    public function run(\\Magento\\Catalog\\Model\\Base $other): void
    {
        $other->legacyThing();
        $other->neverExisted();
    }

    private function ownHelper(): void {}
}
`;

test('calls and overrides of methods the target removed, nothing for magic or unknown methods', async () => {
  const unit = await unitOf('app/code/Acme/Shop/Model/Child.php', source);
  const findings = await runRule(missingMethod, {
    code: [unit],
    current: { release: releaseFixture('2.4.6'), symbols: current },
    target: { symbols: target },
  });
  assert.deepEqual(
    findings.map((f) => [f.line, f.severity, f.uctCode]),
    [
      [8, 'error', 1410],
      [13, 'critical', 1410],
      [18, 'critical', 1410],
    ],
  );
  assert.match(findings[0]!.message, /overrides Magento\\Catalog\\Model\\Base::legacyThing\(\)/);
  assert.match(
    findings[1]!.message,
    /Magento\\Catalog\\Model\\Base::legacyThing\(\) \(was `public function legacyThing\(\)`\) is called here/,
  );
  assert.match(findings[1]!.recommendation, /@deprecated: use modernThing\(\)/);
});

test('silent without a current index (nothing to compare with)', async () => {
  const unit = await unitOf('app/code/Acme/Shop/Model/Child.php', source);
  assert.deepEqual(await runRule(missingMethod, { code: [unit], target: { symbols: target } }), []);
});

test('no member findings through a parent class the target lost (missing-class reports the parent)', async () => {
  const currentOnly = indexOf([classDecl('Magento\\Old\\Parent', { methods: [method('helper')] })]);
  const unit = await unitOf(
    'app/code/Acme/Shop/Model/Orphan.php',
    `<?php\nnamespace Acme\\Shop\\Model;\nclass Orphan extends \\Magento\\Old\\Parent\n{\n    public function run() { $this->helper(); }\n}\n`,
  );
  assert.deepEqual(
    await runRule(missingMethod, {
      code: [unit],
      current: { release: null, symbols: currentOnly },
      target: { symbols: indexOf([]) },
    }),
    [],
  );
});
