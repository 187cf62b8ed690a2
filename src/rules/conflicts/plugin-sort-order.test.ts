import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { projectFixture, runRule } from '../testing.js';
import { moduleWith } from '../overrides/fixtures.js';
import { pluginSortOrder as rule } from './plugin-sort-order.js';

const plugin = (module: string, sortOrder: number | undefined, methods: string[]) => ({
  file: `app/code/${module.replace('_', '/')}/etc/di.xml`,
  line: 4,
  target: 'Magento\\Catalog\\Model\\Product',
  name: module.toLowerCase(),
  type: `${module}\\Plugin`,
  disabled: false,
  area: 'global',
  methods,
  ...(sortOrder !== undefined ? { sortOrder } : {}),
});

describe('conflicts/plugin-sort-order', () => {
  it('reports plugins of different modules on one method with the same sortOrder once, the others related', async () => {
    const modules = [
      moduleWith('Acme_Catalog', { plugins: [plugin('Acme_Catalog', 10, ['aroundGetName'])] }),
      moduleWith('Seo_Plus', { plugins: [plugin('Seo_Plus', 10, ['afterGetName', 'afterGetSku'])] }),
      moduleWith('Other_Sku', { plugins: [plugin('Other_Sku', 20, ['afterGetSku'])] }),
      moduleWith('No_Order', { plugins: [plugin('No_Order', undefined, ['afterGetName'])] }),
    ];
    const findings = await runRule(rule, { project: projectFixture({ modules }) });
    assert.deepEqual(
      findings.map((f) => f.file),
      ['app/code/Acme/Catalog/etc/di.xml'],
    );
    assert.deepEqual(
      findings[0]!.related?.map((r) => r.file),
      ['app/code/Seo/Plus/etc/di.xml'],
    );
    assert.equal(findings[0]!.messageId, 'sameOrder');
    assert.deepEqual(
      [findings[0]!.data?.target, findings[0]!.data?.sortOrder, findings[0]!.data?.others],
      ['Magento\\Catalog\\Model\\Product::getName', '10', 'seo_plus (app/code/Seo/Plus/etc/di.xml:4)'],
    );
  });
});
