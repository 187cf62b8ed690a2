import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { releaseFilesFromMemory } from '../../check/files/release-files.js';
import { projectFixture, runRule } from '../testing.js';
import { themeWith } from './fixtures.js';
import { themeViewXmlChanged as rule } from './theme-view-xml-changed.js';

describe('overrides/theme-view-xml-changed', () => {
  const theme = themeWith('frontend/Acme/shop', ['Magento/luma', 'Magento/blank'], []);
  const project = projectFixture({ themes: [theme] });
  const own = 'app/design/frontend/Acme/shop/etc/view.xml';
  const files = (luma: string, blank: string) =>
    releaseFilesFromMemory('release', {
      'frontend/Magento/luma': { 'etc/view.xml': luma },
      'frontend/Magento/blank': { 'etc/view.xml': blank },
    });
  const run = (current: ReturnType<typeof files>, target: ReturnType<typeof files>, hasOwn = true, ownText?: string) =>
    runRule(rule, {
      project,
      files: {
        current,
        target,
        projectHash: (file) => (hasOwn && file === own ? 'h' : undefined),
        ...(ownText ? { projectText: (file: string) => (file === own ? ownText : undefined) } : {}),
      },
    });

  it('names each parent whose etc/view.xml changed, with the whole fallback chain', async () => {
    const findings = await run(files('<view a="1"/>', '<view b="1"/>'), files('<view a="2"/>', '<view b="2"/>'));
    assert.deepEqual(
      findings.map((f) => [f.file, f.subject]),
      [
        [own, 'frontend/Acme/shop frontend/Magento/blank'],
        [own, 'frontend/Acme/shop frontend/Magento/luma'],
      ].sort(),
    );
    assert.deepEqual(
      findings.map((f) => [f.messageId, f.data?.component, f.data?.chain]),
      [
        [
          'parentChanged',
          'frontend/Magento/blank',
          'frontend/Acme/shop → frontend/Magento/luma → frontend/Magento/blank',
        ],
        [
          'parentChanged',
          'frontend/Magento/luma',
          'frontend/Acme/shop → frontend/Magento/luma → frontend/Magento/blank',
        ],
      ],
    );
  });

  it('ignores comment-only changes, unchanged parents and themes without their own view.xml', async () => {
    assert.deepEqual(await run(files('<view a="1"/>', '<view/>'), files('<view a="1"/><!-- x -->', '<view/>')), []);
    assert.deepEqual(await run(files('<view a="1"/>', '<view/>'), files('<view a="2"/>', '<view/>'), false), []);
  });

  it("says a theme file identical to the parent's new etc/view.xml already carries the change (info)", async () => {
    const findings = await run(
      files('<view a="1"/>', '<view b="1"/>'),
      files('<view a="2"/>', '<view b="2"/>'),
      true,
      '<!-- copied --><view b="2"/>',
    );
    assert.deepEqual(
      findings.map((f) => [f.data?.component, f.messageId, f.severity]),
      [
        ['frontend/Magento/luma', 'parentChanged', 'warning'],
        ['frontend/Magento/blank', 'identicalToTarget', 'info'],
      ],
    );
  });
});
