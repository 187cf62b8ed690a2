import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../testing.js';
import { missingConstant } from './missing-constant.js';
import { classDecl, indexOf, unitOf } from './fixtures.js';

const constant = (name: string) => ({ name, visibility: 'public' as const, line: 1 });
const current = indexOf([
  classDecl('Magento\\Sales\\Model\\Order', { constants: [constant('STATE_NEW'), constant('OLD_FLAG')] }),
]);
const target = indexOf([classDecl('Magento\\Sales\\Model\\Order', { constants: [constant('STATE_NEW')] })]);

test('constants read through the class or self:: in a subclass', async () => {
  const unit = await unitOf(
    'app/code/Acme/Shop/Model/Order.php',
    `<?php
namespace Acme\\Shop\\Model;
use Magento\\Sales\\Model\\Order as CoreOrder;
class Order extends CoreOrder
{
    public function flags(): array { return [CoreOrder::STATE_NEW, CoreOrder::OLD_FLAG, self::OLD_FLAG, self::MINE]; }
    const MINE = 1;
}
`,
  );
  const findings = await runRule(missingConstant, {
    code: [unit],
    current: { release: null, symbols: current },
    target: { symbols: target },
  });
  assert.deepEqual(
    findings.map((f) => [f.line, f.uctCode]),
    [
      [6, 1214],
      [6, 1214],
    ],
  );
  assert.deepEqual(
    findings.map((f) => [f.messageId, f.data?.member, f.data?.verb, f.data?.class]),
    [
      [
        'memberGone',
        'Magento\\Sales\\Model\\Order::OLD_FLAG',
        [{ messageId: 'verbRead' }],
        'Magento\\Sales\\Model\\Order',
      ],
      ['memberGone', 'Magento\\Sales\\Model\\Order::OLD_FLAG', [{ messageId: 'verbRead' }], 'Acme\\Shop\\Model\\Order'],
    ],
  );
});
