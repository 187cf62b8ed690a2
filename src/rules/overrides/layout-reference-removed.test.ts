import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { releaseFilesFromMemory } from '../../overrides/release-files.js';
import { projectFixture, runRule } from '../testing.js';
import { moduleWith } from './fixtures.js';
import { rule } from './layout-reference-removed.js';

describe('overrides/layout-reference-removed', () => {
  it('reports references, moves and handle updates to names the target no longer declares', async () => {
    const module = moduleWith('Acme_Layout', {
      layouts: [
        {
          file: 'app/code/Acme/Layout/view/frontend/layout/catalog_product_view.xml',
          area: 'frontend',
          handle: 'catalog_product_view',
          blocks: [{ class: 'Acme\\Block', name: 'acme.own', line: 9 }],
          references: [
            { kind: 'block', name: 'product.info.old', line: 3 },
            { kind: 'container', name: 'content', line: 4 },
            { kind: 'block', name: 'acme.own', line: 5 },
          ],
          updates: [{ handle: 'catalog_product_legacy', line: 2 }],
          moves: [{ element: 'product.info.old', destination: 'content', line: 6 }],
        },
      ],
    });
    const before = releaseFilesFromMemory('2.4.6', {
      Magento_Catalog: {
        'view/frontend/layout/catalog_product_view.xml':
          '<container name="content"/><block name="product.info.old"/><block name="acme.own"/>',
        'view/frontend/layout/catalog_product_legacy.xml': '<page/>',
      },
    });
    const after = releaseFilesFromMemory('2.4.8', {
      Magento_Catalog: { 'view/frontend/layout/catalog_product_view.xml': '<container name="content"/>' },
    });
    const findings = await runRule(rule, {
      project: projectFixture({ modules: [module] }),
      files: { current: before, target: after },
    });
    assert.deepEqual(
      findings.map((f) => f.line),
      [2, 3, 6],
    );
  });
});
