import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { releaseFilesFromMemory } from '../../check/files/release-files.js';
import { projectFixture, runRule } from '../testing.js';
import { moduleWith } from './fixtures.js';
import { layoutReferenceRemoved as rule } from './layout-reference-removed.js';

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

  it('a name whose declaring component the target data lacks is "could not verify" (info), not removed', async () => {
    const module = moduleWith('Acme_Checkout', {
      layouts: [
        {
          file: 'app/code/Acme/Checkout/view/frontend/layout/checkout_index_index.xml',
          area: 'frontend',
          handle: 'checkout_index_index',
          blocks: [],
          references: [
            { kind: 'block', name: 'checkout.root', line: 3 },
            { kind: 'container', name: 'old.content', line: 4 },
          ],
        },
      ],
    });
    const before = releaseFilesFromMemory('2.4.7-p7', {
      Magento_Checkout: { 'view/frontend/layout/checkout_index_index.xml': '<block name="checkout.root"/>' },
      Magento_Theme: { 'view/frontend/layout/default.xml': '<container name="old.content"/>' },
    });
    // The target's data holds Magento_Theme (so old.content is really gone) but not Magento_Checkout.
    const after = releaseFilesFromMemory('2.4.9', {
      Magento_Theme: { 'view/frontend/layout/default.xml': '<container name="page.wrapper"/>' },
    });
    const findings = await runRule(rule, {
      project: projectFixture({ modules: [module] }),
      files: { current: before, target: after },
    });
    assert.deepEqual(
      findings.map((f) => [f.line, f.severity]),
      [
        [3, 'info'],
        [4, 'warning'],
      ],
    );
    assert.equal(findings[0]!.messageId, 'unverifiedComponent');
    assert.deepEqual(
      [findings[0]!.data?.what, findings[0]!.data?.targetLabel],
      [[{ messageId: 'whatBlock', data: { name: 'checkout.root' } }], '2.4.9'],
    );
    const none = await runRule(rule, {
      project: projectFixture({ modules: [module] }),
      files: { current: before, target: null },
    });
    assert.deepEqual(
      none.map((f) => [f.severity, f.subject]),
      [['info', 'not-covered']],
      'one "could not verify" per layout file when the target has no layout data',
    );
    assert.equal(none[0]!.messageId, 'unverifiedNames');
    assert.deepEqual([none[0]!.data?.count, none[0]!.data?.names], [2, 'checkout.root, old.content']);
  });
});
