import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { gitBlobHash, releaseFilesFromMemory } from '../../overrides/release-files.js';
import { projectFixture, runRule } from '../testing.js';
import { themeWith } from './fixtures.js';
import { rule } from './redundant-override.js';

describe('overrides/redundant-override', () => {
  it('reports an override identical to its original, not a customized one', async () => {
    const theme = themeWith(
      'frontend/Acme/shop',
      [],
      [
        { module: 'Magento_Theme', kind: 'template', modulePath: 'templates/copy.phtml' },
        { module: 'Magento_Theme', kind: 'template', modulePath: 'templates/custom.phtml' },
      ],
    );
    const originals = releaseFilesFromMemory('2.4.6', {
      Magento_Theme: { 'view/frontend/templates/copy.phtml': 'same', 'view/frontend/templates/custom.phtml': 'core' },
    });
    const project: Record<string, string> = {
      'app/design/frontend/Acme/shop/Magento_Theme/templates/copy.phtml': 'same',
      'app/design/frontend/Acme/shop/Magento_Theme/templates/custom.phtml': 'changed',
    };
    const findings = await runRule(rule, {
      project: projectFixture({ themes: [theme] }),
      files: { current: originals, target: originals, projectHash: (f) => gitBlobHash(Buffer.from(project[f]!)) },
    });
    assert.deepEqual(
      findings.map((f) => f.file),
      ['app/design/frontend/Acme/shop/Magento_Theme/templates/copy.phtml'],
    );
  });
});
