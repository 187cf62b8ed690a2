import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { projectFixture, runRule } from '../testing.js';
import { moduleWith, themeWith } from '../overrides/fixtures.js';
import { duplicateTemplateOverride as rule } from './duplicate-template-override.js';

const layout = (module: string, template: string, handle = 'default', updates: string[] = []) => ({
  file: `app/code/${module.replace('_', '/')}/view/frontend/layout/${handle}.xml`,
  area: 'frontend',
  handle,
  blocks: [{ class: 'Magento\\Framework\\View\\Element\\Template', name: 'header.links', template, line: 5 }],
  references: [],
  updates: updates.map((h) => ({ handle: h, line: 3 })),
});

/** A module with its own frontend route (`<route id="…" frontName="…">`) and one layout. */
const routed = (module: string, route: string, handle: string, updates: string[] = []) =>
  moduleWith(module, {
    layouts: [layout(module, `${module}::links.phtml`, handle, updates)],
    routes: [{ area: 'frontend', id: route, frontName: route, file: 'etc/frontend/routes.xml', line: 4 }],
  });

describe('conflicts/duplicate-template-override', () => {
  it('reports two modules giving one block different templates', async () => {
    const modules = [
      moduleWith('Acme_Header', { layouts: [layout('Acme_Header', 'Acme_Header::links.phtml')] }),
      moduleWith('Mega_Menu', { layouts: [layout('Mega_Menu', 'Mega_Menu::links.phtml')] }),
    ];
    const findings = await runRule(rule, { project: projectFixture({ modules }) });
    assert.deepEqual(
      findings.map((f) => f.module),
      ['Acme_Header', 'Mega_Menu'],
    );
  });

  it('stays silent when each module declares the block only on a page of its own route', async () => {
    // Codazon_MegaMenu and Codazon_ThemeLayoutPro (keyclampstore-com): one block name, two routes' own pages.
    const modules = [
      routed('Acme_Menu', 'acmemenu', 'acmemenu_images_index'),
      routed('Acme_Layout', 'acmelayout', 'acmelayout_images_index'),
    ];
    assert.deepEqual(await runRule(rule, { project: projectFixture({ modules }) }), []);
  });

  it('reports them when a layout pulls the other page in, or a handle is a variant or Magento page', async () => {
    const cases = [
      [routed('Acme_Menu', 'acmemenu', 'acmemenu_images_index', ['acmelayout_images_index'])],
      [routed('Acme_Menu', 'acmemenu', 'acmelayout_images_index_type_simple')],
      [routed('Acme_Menu', 'acmemenu', 'hyva_acmelayout_images_index')],
      [routed('Acme_Menu', 'acmemenu', 'catalog_product_view')],
    ];
    for (const [menu] of cases) {
      const modules = [menu!, routed('Acme_Layout', 'acmelayout', 'acmelayout_images_index')];
      const findings = await runRule(rule, { project: projectFixture({ modules }) });
      assert.equal(findings.length, 2, menu!.customizations.layouts[0]!.handle);
    }
  });

  it('reports a theme file shadowing the same file of a parent theme from another package', async () => {
    const vendorTheme = themeWith(
      'frontend/Vendor/base',
      ['Magento/luma'],
      [{ module: 'Magento_Catalog', kind: 'template', modulePath: 'templates/a.phtml' }],
      {
        location: 'vendor',
        package: 'vendor/theme-base',
        path: 'vendor/vendor/theme-base',
      },
    );
    const child = themeWith(
      'frontend/Acme/shop',
      ['Vendor/base', 'Magento/luma'],
      [
        { module: 'Magento_Catalog', kind: 'template', modulePath: 'templates/a.phtml' },
        { module: 'Magento_Catalog', kind: 'template', modulePath: 'templates/b.phtml' },
      ],
    );
    const findings = await runRule(rule, { project: projectFixture({ themes: [vendorTheme, child] }) });
    assert.deepEqual(
      findings.map((f) => f.file),
      ['app/design/frontend/Acme/shop/Magento_Catalog/templates/a.phtml'],
    );
  });
});
