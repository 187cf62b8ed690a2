import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { projectFixture, runRule } from '../testing.js';
import { moduleWith, themeWith } from '../overrides/fixtures.js';
import { rule } from './duplicate-template-override.js';

const layout = (module: string, template: string) => ({
  file: `app/code/${module.replace('_', '/')}/view/frontend/layout/default.xml`,
  area: 'frontend',
  handle: 'default',
  blocks: [{ class: 'Magento\\Framework\\View\\Element\\Template', name: 'header.links', template, line: 5 }],
  references: [],
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
