import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { releaseFilesFromMemory } from '../../check/files/release-files.js';
import { projectFixture, runRule } from '../testing.js';
import { themeWith } from './fixtures.js';
import { themeWebChanged as rule } from './theme-web-changed.js';

describe('overrides/theme-web-changed', () => {
  const theme = themeWith(
    'frontend/Acme/shop',
    ['Magento/luma'],
    [
      { module: 'Magento_Catalog', kind: 'web', modulePath: 'web/js/gallery.js' },
      { module: 'Magento_Catalog', kind: 'template', modulePath: 'templates/other.phtml' },
    ],
  );
  const project = projectFixture({ themes: [theme] });
  const files = (text: string) =>
    releaseFilesFromMemory(text, {
      'frontend/Magento/luma': {},
      Magento_Catalog: { 'view/frontend/web/js/gallery.js': text, 'view/frontend/templates/other.phtml': text },
    });

  it('reports only its own kind of override when the original changed', async () => {
    const findings = await runRule(rule, { project, files: { current: files('v1\n'), target: files('v2\n') } });
    assert.deepEqual(
      findings.map((f) => f.file),
      ['app/design/frontend/Acme/shop/Magento_Catalog/web/js/gallery.js'],
    );
    assert.equal(findings[0]!.messageId, 'changed');
    assert.equal(findings[0]!.data?.original, 'Magento_Catalog::view/frontend/web/js/gallery.js');
    assert.match(findings[0]!.details!, /-v1\n\+v2/);
  });

  it('says nothing when the original did not change', async () => {
    assert.deepEqual(await runRule(rule, { project, files: { current: files('v1\n'), target: files('v1\n') } }), []);
  });
});
