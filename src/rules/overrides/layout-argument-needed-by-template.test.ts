import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { releaseFilesFromMemory, type ReleaseFiles } from '../../check/files/release-files.js';
import { layoutArgumentIndexFrom, templateDataReads } from '../../knowledge/layout-arguments/index.js';
import { readLayoutXml } from '../../project/customizations/layout.js';
import { parseXml } from '../../project/xml.js';
import { dataOf, projectFixture, releaseFixture, runRule } from '../testing.js';
import { themeWith } from './fixtures.js';
import { layoutArgumentNeededByTemplate as rule } from './layout-argument-needed-by-template.js';

// Alpaca's Magento_Customer/layout/customer_account.xml before 035fffb8: its own block renders core's wishlist
// sidebar, which 2.4.2 made read the `wishlistDataViewModel` view model that core's default.xml passes.
const LAYOUT_FILE = 'app/design/frontend/Snowdog/alpaca/Magento_Customer/layout/customer_account.xml';
const layoutXml = (withViewModel: boolean, extra = '') => `<?xml version="1.0"?>
<page xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
    <body>
        <referenceContainer name="sidebar.main">
            <block class="Magento\\Framework\\View\\Element\\Template" name="customer_account_wishlist_block"
                   template="Magento_Wishlist::sidebar.phtml">
                <arguments>
                    <argument name="heading_class" xsi:type="string">sidebar-block__heading</argument>${
                      withViewModel
                        ? '\n                    <argument name="wishlistDataViewModel" xsi:type="object">Magento\\Wishlist\\ViewModel\\WishlistData</argument>'
                        : ''
                    }
                </arguments>
            </block>${extra}
        </referenceContainer>
    </body>
</page>`;
const layout = (withViewModel: boolean, extra = '') => {
  const parsed = parseXml(layoutXml(withViewModel, extra));
  assert.ok(parsed.ok);
  return readLayoutXml(parsed.root, LAYOUT_FILE, 'frontend');
};
const theme = (withViewModel: boolean, extra = '', overrides: Parameters<typeof themeWith>[2] = []) =>
  themeWith('frontend/Snowdog/alpaca', ['Magento/blank'], overrides, { layouts: [layout(withViewModel, extra)] });

const SIDEBAR_241 = `<?php $wishlistHelper = $this->helper(\\Magento\\Wishlist\\Helper\\Data::class); ?>
<div class="<?= $block->escapeHtmlAttr($block->getHeadingClass()) ?>"><?= $block->escapeHtml($block->getTitle()) ?></div>`;
const SIDEBAR_242 = `<?php $wishlstViewModel = $block->getData('wishlistDataViewModel'); ?>
<?php if ($wishlstViewModel->isAllow()): ?><div class="<?= $block->escapeHtmlAttr($block->getHeadingClass()) ?>">
<?= $block->escapeHtml($block->getTitle()) ?></div><?php endif ?>`;

const index = layoutArgumentIndexFrom({
  schema: 1,
  generatedAt: '',
  source: 'test',
  releases: ['2.4.1', '2.4.2'],
  reads: {
    'frontend Magento_Wishlist::sidebar.phtml': [
      [templateDataReads(SIDEBAR_241).join(' '), '0'],
      [templateDataReads(SIDEBAR_242).join(' '), '1'],
    ],
    'frontend Magento_Wishlist::old.phtml': [
      ['title_class', '0'],
      ['', '1'],
    ],
  },
  required: {
    'frontend Magento_Wishlist::sidebar.phtml': [
      ['wishlistDataViewModel=Magento\\Wishlist\\ViewModel\\WishlistData', '1'],
    ],
  },
  provided: { 'frontend wishlist_sidebar': [['wishlistDataViewModel', '1']] },
});
const files = (release: string): ReleaseFiles => ({
  ...releaseFilesFromMemory(release, {}),
  layoutArguments: index.release(release)!,
});
const run = (
  themes: ReturnType<typeof theme>[],
  current = files('2.4.1'),
  target: ReleaseFiles | null = files('2.4.2'),
  projectText?: (file: string) => string | undefined,
) =>
  runRule(rule, {
    project: projectFixture({ themes }),
    current: { release: releaseFixture('2.4.1'), symbols: null },
    target: { release: releaseFixture('2.4.2') },
    files: { current, target, ...(projectText ? { projectText } : {}) },
  });
const COPY = 'app/design/frontend/Snowdog/alpaca/Magento_Wishlist/templates/sidebar.phtml';
const withCopy = () =>
  theme(false, '', [{ module: 'Magento_Wishlist', kind: 'template', modulePath: 'templates/sidebar.phtml' }]);

describe('overrides/layout-argument-needed-by-template', () => {
  it('reads the data keys a template reads from its block', () => {
    assert.deepEqual(templateDataReads(SIDEBAR_242), ['heading_class', 'title', 'wishlistDataViewModel']);
    assert.deepEqual(templateDataReads('<?= $block->getViewModel()->x() ?><?= $this->getAddress2() ?>'), [
      'address_2',
      'view_model',
    ]);
  });

  it('reports a theme block rendering a core template that, from the target on, reads a view model it is not given', async () => {
    const findings = await run([theme(false)]);
    assert.deepEqual(
      findings.map((f) => [f.file, f.line, f.severity, f.messageId, f.data?.argument, f.data?.class]),
      [[LAYOUT_FILE, 5, 'warning', 'missing', 'wishlistDataViewModel', 'Magento\\Wishlist\\ViewModel\\WishlistData']],
    );
    assert.deepEqual(dataOf(findings[0], 'target'), { target: [{ messageId: 'release', data: { version: '2.4.2' } }] });
  });

  it('judges the theme’s own copy of the template by what the copy reads (Alpaca’s 2.4.2 port, before 035fffb8)', async () => {
    const ported = await run([withCopy()], files('2.4.1'), files('2.4.2'), (f) =>
      f === COPY ? SIDEBAR_242 : undefined,
    );
    assert.deepEqual(
      ported.map((f) => [f.line, f.messageId, f.data?.argument]),
      [[5, 'missingInCopy', 'wishlistDataViewModel']],
    );
    assert.deepEqual(dataOf(ported[0], 'template', 'copy'), {
      template: 'Magento_Wishlist::sidebar.phtml',
      copy: COPY,
    });
    // A copy that does not read it, or whose text is unknown: silent.
    assert.deepEqual(await run([withCopy()], files('2.4.1'), files('2.4.2'), () => SIDEBAR_241), []);
    assert.deepEqual(await run([withCopy()]), []);
  });

  it('is silent when the block passes it, or a project referenceBlock on its name does', async () => {
    assert.deepEqual(await run([theme(true)]), []);
    const reference = `
            <referenceBlock name="customer_account_wishlist_block">
                <arguments>
                    <argument name="wishlistDataViewModel" xsi:type="object">Magento\\Wishlist\\ViewModel\\WishlistData</argument>
                </arguments>
            </referenceBlock>`;
    assert.deepEqual(await run([theme(false, reference)]), []);
  });

  it('reports an argument the current template read and the target template no longer reads', async () => {
    const extra = `
            <block name="acme.old" template="Magento_Wishlist::old.phtml">
                <arguments>
                    <argument name="title_class" xsi:type="string">x</argument>
                    <argument name="template" xsi:type="string">Magento_Wishlist::old.phtml</argument>
                </arguments>
            </block>`;
    const findings = await run([theme(true, extra)]);
    assert.deepEqual(
      findings.map((f) => [f.line, f.severity, f.messageId, f.data?.argument]),
      [[14, 'warning', 'unread', 'title_class']],
    );
    // Any other block class may read the argument itself: not judged.
    const ownClass = await run([theme(true, extra.replace('<block name', '<block class="Acme\\Block\\Old" name'))]);
    assert.deepEqual(ownClass, []);
  });

  it('says "could not verify" (info) when the index does not cover the target, never "missing"', async () => {
    const noData = await run([theme(false)], files('2.4.1'), releaseFilesFromMemory('2.4.9', {}));
    assert.deepEqual(
      noData.map((f) => [f.severity, f.messageId, f.data?.templates]),
      [['info', 'unverified', 'Magento_Wishlist::sidebar.phtml']],
    );
    const noCurrent = await run([theme(false)], releaseFilesFromMemory('2.4.1', {}));
    assert.deepEqual(
      noCurrent.map((f) => [f.severity, f.messageId]),
      [['info', 'unverified']],
    );
  });
});
