import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { releaseFilesFromMemory } from '../../check/files/release-files.js';
import { projectFixture, runRule } from '../testing.js';
import { themeWith } from './fixtures.js';
import { themeLayoutChanged as rule } from './theme-layout-changed.js';

describe('overrides/theme-layout-changed', () => {
  const theme = themeWith(
    'frontend/Acme/shop',
    ['Magento/luma'],
    [
      {
        module: 'Magento_Catalog',
        kind: 'layout-override',
        modulePath: 'layout/override/base/catalog_product_view.xml',
      },
      { module: 'Magento_Catalog', kind: 'template', modulePath: 'templates/other.phtml' },
    ],
  );
  const project = projectFixture({ themes: [theme] });
  const files = (text: string) =>
    releaseFilesFromMemory(text, {
      'frontend/Magento/luma': {},
      Magento_Catalog: {
        'view/frontend/layout/catalog_product_view.xml': text,
        'view/frontend/templates/other.phtml': text,
      },
    });

  it('reports only its own kind of override when the original changed', async () => {
    const findings = await runRule(rule, { project, files: { current: files('v1\n'), target: files('v2\n') } });
    assert.deepEqual(
      findings.map((f) => f.file),
      ['app/design/frontend/Acme/shop/Magento_Catalog/layout/override/base/catalog_product_view.xml'],
    );
    assert.equal(findings[0]!.messageId, 'changed');
    assert.equal(findings[0]!.data?.original, 'Magento_Catalog::view/frontend/layout/catalog_product_view.xml');
    assert.match(findings[0]!.details!, /-v1\n\+v2/);
  });

  it('says nothing when the original did not change', async () => {
    assert.deepEqual(await runRule(rule, { project, files: { current: files('v1\n'), target: files('v1\n') } }), []);
  });
});

describe('overrides/theme-layout-changed: layout extensions', () => {
  const theme = themeWith(
    'frontend/Acme/shop',
    ['Magento/luma'],
    [{ module: 'Magento_Catalog', kind: 'layout', modulePath: 'layout/catalog_category_view.xml' }],
  );
  const project = projectFixture({ themes: [theme] });
  const files = (module: string, luma: string) =>
    releaseFilesFromMemory(module, {
      'frontend/Magento/luma': { 'Magento_Catalog/layout/catalog_category_view.xml': luma },
      Magento_Catalog: { 'view/frontend/layout/catalog_category_view.xml': module },
    });

  it('names (info) each merged original of an extension that changed: the module file, a parent theme file', async () => {
    const findings = await runRule(rule, {
      project,
      files: { current: files('<page a="1"/>\n', '<page/>\n'), target: files('<page a="2"/>\n', '<page/>\n') },
    });
    assert.deepEqual(
      findings.map((f) => [f.messageId, f.severity, f.data?.original]),
      [['extendsChanged', 'info', 'Magento_Catalog::view/frontend/layout/catalog_category_view.xml']],
    );
    assert.match(findings[0]!.details!, /-<page a="1"\/>\n\+<page a="2"\/>/);
  });

  it('says nothing for comment-only changes', async () => {
    assert.deepEqual(
      await runRule(rule, {
        project,
        files: { current: files('<page/>\n', '<page/>\n'), target: files('<page/><!-- x -->\n', '<page/>\n') },
      }),
      [],
    );
  });
});
