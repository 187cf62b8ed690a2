import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../testing.js';
import { nonApi } from './non-api.js';
import { classDecl, indexOf, indexOfPackages, unitOf } from './fixtures.js';

test('extends/implements/new of non-@api core classes only, once per file and class', async () => {
  const target = indexOfPackages([
    {
      package: 'magento/module-catalog',
      version: '104.0.0',
      classes: [
        classDecl('Magento\\Catalog\\Model\\Impl'),
        classDecl('Magento\\Catalog\\Api\\Repo', { kind: 'interface', api: true }),
      ],
      functions: [],
    },
    { package: 'monolog/monolog', version: '3.0.0', classes: [classDecl('Monolog\\Logger')], functions: [] },
  ]);
  const unit = await unitOf(
    'app/code/Acme/Shop/Model/B.php',
    `<?php
namespace Acme\\Shop\\Model;
class B extends \\Magento\\Catalog\\Model\\Impl implements \\Magento\\Catalog\\Api\\Repo
{
    public function make() { new \\Magento\\Catalog\\Model\\Impl(); new \\Magento\\Catalog\\Model\\Impl(); new \\Monolog\\Logger('x'); }
}
`,
  );
  const findings = await runRule(nonApi, { code: [unit], target: { symbols: target } });
  assert.deepEqual(
    findings.map((f) => [f.line, f.uctCode, f.severity]),
    [
      [3, 1121, 'info'],
      [5, 1420, 'info'],
    ],
  );
});

test('nothing without an index', async () => {
  const unit = await unitOf('a.php', '<?php new \\Magento\\X();');
  assert.deepEqual(
    await runRule(nonApi, { code: [unit], target: { symbols: { ...indexOf([]), coverage: 'none' } } }),
    [],
  );
});
