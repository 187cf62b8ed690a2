import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../testing.js';
import { deprecated } from './deprecated.js';
import { classDecl, indexOf, method, unitOf } from './fixtures.js';

const target = indexOf([
  classDecl('Magento\\Framework\\Old', { deprecated: '2.4.7 use New', see: ['Magento\\Framework\\New'] }),
  classDecl('Magento\\Framework\\Svc', { methods: [method('legacy', { deprecated: '' }), method('fine')] }),
]);

test('first use per file of deprecated classes and members, with UCT codes', async () => {
  const unit = await unitOf(
    'app/code/Acme/Shop/Model/A.php',
    `<?php
namespace Acme\\Shop\\Model;
use Magento\\Framework\\Old;
class A extends Old
{
    public function __construct(private \\Magento\\Framework\\Svc $svc) {}
    public function run() { $this->svc->legacy(); $this->svc->legacy(); $this->svc->fine(); }
}
`,
  );
  const findings = await runRule(deprecated, { code: [unit], target: { symbols: target } });
  assert.deepEqual(
    findings.map((f) => [f.line, f.uctCode, f.severity]),
    [
      [3, 1132, 'warning'],
      [7, 1439, 'warning'],
    ],
  );
  assert.match(
    findings[0]!.message,
    /class `Magento\\Framework\\Old` \(magento\/framework\) is deprecated in 2\.4\.8: 2\.4\.7 use New/,
  );
  assert.match(findings[0]!.recommendation, /@see\): Magento\\Framework\\New/);
});
