import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { gitBlobHash, releaseFilesFromMemory } from '../../check/files/release-files.js';
import { projectFixture, runRule } from '../testing.js';
import { themeWith } from './fixtures.js';
import { redundantOverride as rule } from './redundant-override.js';
import { themeTemplateChanged as templateChanged } from './theme-template-changed.js';

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

  it("reports an override identical to the target's original (upgrade-patch-helper's Redundant Override), and the changed-original rule stays silent on it", async () => {
    const theme = themeWith(
      'frontend/Acme/shop',
      [],
      [{ module: 'Magento_Theme', kind: 'template', modulePath: 'templates/ahead.phtml' }],
    );
    const file = 'app/design/frontend/Acme/shop/Magento_Theme/templates/ahead.phtml';
    const context = {
      project: projectFixture({ themes: [theme] }),
      files: {
        current: releaseFilesFromMemory('2.4.6', { Magento_Theme: { 'view/frontend/templates/ahead.phtml': 'old' } }),
        target: releaseFilesFromMemory('2.4.8', { Magento_Theme: { 'view/frontend/templates/ahead.phtml': 'new' } }),
        projectHash: () => gitBlobHash(Buffer.from('new')),
      },
    };
    const findings = await runRule(rule, context);
    assert.deepEqual(
      findings.map((f) => [f.file, f.severity]),
      [[file, 'info']],
    );
    assert.equal(findings[0]!.messageId, 'identicalToTarget');
    assert.deepEqual(
      [findings[0]!.data?.original, findings[0]!.data?.target],
      ['Magento_Theme::view/frontend/templates/ahead.phtml', '2.4.8'],
    );
    assert.deepEqual(await runRule(templateChanged, context), []);
  });

  it('an override equal to the original apart from comments and blank lines is redundant too', async () => {
    const theme = themeWith(
      'frontend/Acme/shop',
      [],
      [{ module: 'Magento_Ui', kind: 'web', modulePath: 'web/js/a.js' }],
    );
    const file = 'app/design/frontend/Acme/shop/Magento_Ui/web/js/a.js';
    const originals = releaseFilesFromMemory('2.4.6', { Magento_Ui: { 'view/frontend/web/js/a.js': 'define([]);\n' } });
    const findings = await runRule(rule, {
      project: projectFixture({ themes: [theme] }),
      files: {
        current: originals,
        target: originals,
        projectHash: () => gitBlobHash(Buffer.from('x')),
        projectText: () => '/* copied from Magento_Ui */\n\ndefine([]);\n\n',
      },
    });
    assert.deepEqual(
      findings.map((f) => f.file),
      [file],
    );
  });
});
