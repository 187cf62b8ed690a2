import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { releaseFilesFromMemory } from '../../check/files/release-files.js';
import { projectFixture, runRule } from '../testing.js';
import { themeWith } from './fixtures.js';
import { noOriginal as rule } from './no-original.js';

describe('overrides/no-original', () => {
  it('reports a file in a known module folder with no original, not files of unknown modules', async () => {
    const theme = themeWith(
      'frontend/Acme/shop',
      ['Magento/luma'],
      [
        { module: 'Magento_Theme', kind: 'template', modulePath: 'templates/moved.phtml' },
        { module: 'Vendor_Unknown', kind: 'template', modulePath: 'templates/x.phtml' },
      ],
    );
    const files = releaseFilesFromMemory('2.4.6', { 'frontend/Magento/luma': {}, Magento_Theme: {} });
    const findings = await runRule(rule, {
      project: projectFixture({ themes: [theme] }),
      files: { current: files, target: files },
    });
    assert.deepEqual(
      findings.map((f) => f.file),
      ['app/design/frontend/Acme/shop/Magento_Theme/templates/moved.phtml'],
    );
    assert.equal(findings[0]!.messageId, 'noOriginal');
    assert.equal(findings[0]!.data?.where, 'Magento_Theme');
  });
});
