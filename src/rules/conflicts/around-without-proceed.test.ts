import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyzePhp } from '../../php/index.js';
import { projectFixture, runRule } from '../testing.js';
import { moduleWith } from '../overrides/fixtures.js';
import { aroundWithoutProceed as rule } from './around-without-proceed.js';

const source = `<?php
namespace Acme\\Catalog\\Plugin;

class NamePlugin
{
    public function aroundGetName($subject, callable $proceed)
    {
        return 'fixed';
    }

    public function aroundGetSku($subject, callable $proceed)
    {
        return strtoupper($proceed());
    }

    public function aroundGetPrice($subject, callable $next)
    {
        return $this->wrap($next);
    }
}
`;

describe('conflicts/around-without-proceed', () => {
  it('reports an around method whose body never mentions its callable, at the method line', async () => {
    const file = 'app/code/Acme/Catalog/Plugin/NamePlugin.php';
    const analysis = await analyzePhp(source, file);
    const module = moduleWith('Acme_Catalog', {
      plugins: [
        {
          file: 'app/code/Acme/Catalog/etc/di.xml',
          line: 4,
          target: 'Magento\\Catalog\\Model\\Product',
          name: 'acme_name',
          type: 'Acme\\Catalog\\Plugin\\NamePlugin',
          disabled: false,
          area: 'global',
          methods: ['aroundGetName', 'aroundGetSku', 'aroundGetPrice'],
        },
      ],
    });
    const findings = await runRule(rule, {
      project: projectFixture({ modules: [module] }),
      code: [{ analysis, package: null, module: 'Acme_Catalog', origin: 'custom' }],
    });
    assert.deepEqual(
      findings.map((f) => `${f.file}:${f.line}`),
      [`${file}:6`],
    );
    assert.equal(findings[0]!.messageId, 'noProceed');
    assert.deepEqual([findings[0]!.data?.method, findings[0]!.data?.proceed], ['aroundGetName', 'proceed']);
  });

  it("reports the registered module's file, not an unregistered copy declaring the same class", async () => {
    const file = 'app/code/Acme/Catalog/Plugin/NamePlugin.php';
    const copy = 'app/code/Acme/CatalogBK/Plugin/NamePlugin.php';
    const module = moduleWith('Acme_Catalog', {
      plugins: [
        {
          file: 'app/code/Acme/Catalog/etc/di.xml',
          line: 4,
          target: 'Magento\\Catalog\\Model\\Product',
          name: 'acme_name',
          type: 'Acme\\Catalog\\Plugin\\NamePlugin',
          disabled: false,
          area: 'global',
          methods: ['aroundGetName'],
        },
      ],
    });
    const findings = await runRule(rule, {
      project: projectFixture({ modules: [module] }),
      code: [
        { analysis: await analyzePhp(source, file), package: null, module: 'Acme_Catalog', origin: 'custom' },
        // The copy (registration.php renamed) comes later in the walk and has no module.
        { analysis: await analyzePhp(source, copy), package: null, module: null, origin: 'custom' },
      ],
    });
    assert.deepEqual(
      findings.map((f) => `${f.file}:${f.line}`),
      [`${file}:6`],
    );
  });
});
