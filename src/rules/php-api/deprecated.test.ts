import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../testing.js';
import { deprecated } from './deprecated.js';
import { classDecl, indexOf, indexOfPackages, method, unitOf } from './fixtures.js';

const target = indexOf([
  classDecl('Magento\\Framework\\Old', { deprecated: '2.4.7 use New', see: ['Magento\\Framework\\New'] }),
  classDecl('Magento\\Framework\\Svc', {
    methods: [method('legacy', { deprecated: '', see: ['we'] }), method('fine')],
  }),
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
  // Prose after @see in an index built before it was filtered ("@see we don't recommend…") names no replacement.
  assert.doesNotMatch(findings[1]!.recommendation, /@see/);
});

test('an inherited deprecated method names the package that declares it, not the subclass package', async () => {
  const symbols = indexOfPackages([
    {
      package: 'magento/framework',
      version: '103.0.8',
      classes: [
        classDecl('Magento\\Framework\\Model\\AbstractModel', { methods: [method('save', { deprecated: '' })] }),
      ],
      functions: [],
    },
    {
      package: 'magento/module-catalog',
      version: '104.0.8',
      classes: [classDecl('Magento\\Catalog\\Model\\Product', { extends: 'Magento\\Framework\\Model\\AbstractModel' })],
      functions: [],
    },
  ]);
  const unit = await unitOf(
    'app/code/Acme/Shop/Model/B.php',
    `<?php
namespace Acme\\Shop\\Model;
class B
{
    public function run(\\Magento\\Catalog\\Model\\Product $product) { $product->save(); }
}
`,
  );
  const findings = await runRule(deprecated, { code: [unit], target: { symbols } });
  assert.equal(findings.length, 1);
  assert.match(findings[0]!.message, /`Magento\\Framework\\Model\\AbstractModel::save\(\)` \(magento\/framework\)/);
});
