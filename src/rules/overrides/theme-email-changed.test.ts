import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { releaseFilesFromMemory } from '../../check/files/release-files.js';
import { projectFixture, runRule } from '../testing.js';
import { themeWith } from './fixtures.js';
import { themeEmailChanged as rule } from './theme-email-changed.js';

describe('overrides/theme-email-changed', () => {
  const theme = themeWith(
    'frontend/Acme/shop',
    ['Magento/luma'],
    [
      { module: 'Magento_Customer', kind: 'email', modulePath: 'email/password_reset.html' },
      { module: 'Magento_Customer', kind: 'template', modulePath: 'templates/other.phtml' },
    ],
  );
  const project = projectFixture({ themes: [theme] });
  const files = (text: string) =>
    releaseFilesFromMemory(text, {
      'frontend/Magento/luma': {},
      Magento_Customer: {
        'view/frontend/email/password_reset.html': text,
        'view/frontend/templates/other.phtml': text,
      },
    });

  it('reports only its own kind of override when the original changed', async () => {
    const findings = await runRule(rule, { project, files: { current: files('v1\n'), target: files('v2\n') } });
    assert.deepEqual(
      findings.map((f) => f.file),
      ['app/design/frontend/Acme/shop/Magento_Customer/email/password_reset.html'],
    );
    assert.equal(findings[0]!.messageId, 'changed');
    assert.equal(findings[0]!.data?.original, 'Magento_Customer::view/frontend/email/password_reset.html');
    assert.match(findings[0]!.details!, /-v1\n\+v2/);
  });

  it('says nothing when the original did not change', async () => {
    assert.deepEqual(await runRule(rule, { project, files: { current: files('v1\n'), target: files('v1\n') } }), []);
  });
});
