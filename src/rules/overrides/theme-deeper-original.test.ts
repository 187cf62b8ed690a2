import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { releaseFilesFromMemory } from '../../check/files/release-files.js';
import { projectFixture, runRule } from '../testing.js';
import { themeWith } from './fixtures.js';
import { themeTemplateChanged as rule } from './theme-template-changed.js';

describe('theme overrides: the fallback chain beneath a third-party theme copy', () => {
  const files = (vendorCopy: string, module: string) =>
    releaseFilesFromMemory('release', {
      'frontend/Vendor/base': { 'Magento_Catalog/templates/x.phtml': vendorCopy },
      'frontend/Magento/luma': {},
      'frontend/Magento/blank': {},
      Magento_Catalog: { 'view/frontend/templates/x.phtml': module },
    });
  const override = [{ module: 'Magento_Catalog', kind: 'template' as const, modulePath: 'templates/x.phtml' }];

  it("names the module's original that changed beneath an unchanged third-party copy, with the chain", async () => {
    const theme = themeWith('frontend/Acme/shop', ['Vendor/base', 'Magento/luma', 'Magento/blank'], override);
    const findings = await runRule(rule, {
      project: projectFixture({ themes: [theme] }),
      files: { current: files('copy\n', 'v1\n'), target: files('copy\n', 'v2\n') },
    });
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.messageId, 'deeperChangedDiff');
    assert.deepEqual(
      [findings[0]!.data?.deeper, findings[0]!.data?.original],
      ['Magento_Catalog::view/frontend/templates/x.phtml', 'frontend/Vendor/base: Magento_Catalog/templates/x.phtml'],
    );
  });

  it("leaves Magento's own themes' copies to Magento", async () => {
    const theme = themeWith('frontend/Acme/shop', ['Magento/luma', 'Magento/blank'], override);
    const lumaFiles = (module: string) =>
      releaseFilesFromMemory('release', {
        'frontend/Magento/luma': { 'Magento_Catalog/templates/x.phtml': 'luma\n' },
        'frontend/Magento/blank': {},
        Magento_Catalog: { 'view/frontend/templates/x.phtml': module },
      });
    const findings = await runRule(rule, {
      project: projectFixture({ themes: [theme] }),
      files: { current: lumaFiles('v1\n'), target: lumaFiles('v2\n') },
    });
    assert.deepEqual(findings, []);
  });
});
