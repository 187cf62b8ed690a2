import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../testing.js';
import { missingProperty } from './missing-property.js';
import { classDecl, indexOf, unitOf } from './fixtures.js';

const prop = (name: string) => ({ name, visibility: 'protected' as const, line: 1 });
const current = indexOf([
  classDecl('Magento\\Framework\\View\\Element\\Template', { properties: [prop('_template'), prop('_oldRegistry')] }),
]);
const target = indexOf([classDecl('Magento\\Framework\\View\\Element\\Template', { properties: [prop('_template')] })]);

test('reads and writes of a removed inherited property, with UCT 1514/1516', async () => {
  const unit = await unitOf(
    'app/code/Acme/Shop/Block/View.php',
    `<?php
namespace Acme\\Shop\\Block;
class View extends \\Magento\\Framework\\View\\Element\\Template
{
    public function run()
    {
        $this->_template = 'x.phtml';
        $x = $this->_oldRegistry;
        $this->_oldRegistry = null;
        $this->mine = 1;
    }
}
`,
  );
  const findings = await runRule(missingProperty, {
    code: [unit],
    current: { release: null, symbols: current },
    target: { symbols: target },
  });
  assert.deepEqual(
    findings.map((f) => [f.line, f.uctCode]),
    [
      [8, 1514],
      [9, 1516],
    ],
  );
  assert.equal(findings[1]!.messageId, 'memberGone');
  assert.deepEqual(
    [findings[1]!.data?.member, findings[1]!.data?.verb],
    ['Magento\\Framework\\View\\Element\\Template::$_oldRegistry', [{ messageId: 'verbAssigned' }]],
  );
});
