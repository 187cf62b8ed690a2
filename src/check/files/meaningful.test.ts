import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { meaningfulHash, overrideCarriesChange, sameIgnoringComments } from './meaningful.js';

// Shapes of real upgrade ports (bench/corpus): the Alpaca theme's minicart template after 2.4.1 removed
// closeSidebar(), a product list template after 2.4.4 guarded strpos($pos, …).
const minicartBefore = `<div class="block-content">
    <button type="button"
            id="btn-minicart-close"
            class="action close"
            data-bind="attr: { title: $t('Close') }">
        <span translate="'Close'"/>
    </button>
    <ifnot args="getCartParam('summary_count')">
        <strong class="subtitle empty"
                data-bind="visible: closeSidebar()"
                translate="'You have no items in your shopping cart.'"
        />
    </ifnot>
</div>`;
const minicartAfter = minicartBefore
  .replace(
    `data-bind="attr: { title: $t('Close') }">`,
    `data-bind="attr: { title: $t('Close') }, click: closeMinicart()">`,
  )
  .replace(`                data-bind="visible: closeSidebar()"\n`, '');
// A rewritten override: no close button at all, its own empty-cart markup.
const rewritten = (bound: boolean) => `<div class="minicart-content__top">
    <!-- ko ifnot: getCartParam('summary_count') -->
        <div
            class="subtitle empty"${bound ? `\n            data-bind="visible: closeSidebar()"` : ''}
        >
            <!-- ko i18n: 'You have no items in your shopping cart.' --><!-- /ko -->
        </div>
    <!-- /ko -->
</div>`;

const listBefore = `<?php if ($block->getMode() == 'grid'): ?>
    <div class="product-item-info" data-container="product-grid">
        <?php $pos = $block->getPositioned(); ?>
        <div class="product actions product-item-actions"
            <?= strpos($pos, $viewMode . '-actions') ?
            $position : '' ?>>
        </div>
    </div>
<?php endif; ?>`;
const listAfter = listBefore.replace(
  `<?= strpos($pos, $viewMode . '-actions') ?`,
  `<?= ($pos && strpos($pos, $viewMode . '-actions')) ?`,
);

describe('overrideCarriesChange', () => {
  it('a rewritten override that dropped what the upstream removed carries the change (hunks it lacks do not apply)', () => {
    assert.equal(overrideCarriesChange(minicartBefore, minicartAfter, rewritten(false), 'content.html'), true);
  });

  it('an override that keeps a line the upstream removed does not', () => {
    assert.equal(overrideCarriesChange(minicartBefore, minicartAfter, rewritten(true), 'content.html'), false);
  });

  it('an empty override (it blanks the original out) does not, though it keeps no removed line', () => {
    assert.equal(overrideCarriesChange(minicartBefore, minicartAfter, '', 'content.html'), false);
    assert.equal(overrideCarriesChange(minicartBefore, minicartAfter, '<!-- emptied -->\n', 'content.html'), false);
  });

  it('a copy of the old original does not, a copy of the new one does', () => {
    assert.equal(overrideCarriesChange(listBefore, listAfter, listBefore, 'list.phtml'), false);
    assert.equal(overrideCarriesChange(listBefore, listAfter, listAfter, 'list.phtml'), true);
  });

  it('finds the added code wherever the override put it (one line instead of two, other spacing)', () => {
    const own = `<?php if ($block->getMode() == 'grid'): ?>
<div class="product-item-info" data-container="product-grid">
  <?php $pos = $block->getPositioned(); ?>
  <div class="product actions product-item-actions"<?= ($pos &&  strpos($pos, $viewMode . '-actions')) ? $position : '' ?>>
  </div>
</div>
<?php endif; ?>`;
    assert.equal(overrideCarriesChange(listBefore, listAfter, own, 'list.phtml'), true);
  });

  it('an override with the surroundings of an addition but not the addition does not carry it', () => {
    const before = `<input type="number"\n       name="cart[<?= $id ?>][qty]"\n       title="<?= $block->escapeHtmlAttr(__('Qty')) ?>"\n       class="input-text qty"/>`;
    const after = before.replace(
      `class="input-text qty"/>`,
      `class="input-text qty"\n       data-item-qty="<?= $block->escapeHtmlAttr($block->getQty()) ?>"/>`,
    );
    const own = before.replace('<input type="number"', '<input type="number" min="0"');
    assert.equal(overrideCarriesChange(before, after, own, 'default.phtml'), false);
  });

  it('an override that rewrote every changed part is never said to carry the change', () => {
    const own = `<div class="my-own">\n    <?= $block->escapeHtml($block->getTitle()) ?>\n</div>`;
    assert.equal(overrideCarriesChange(listBefore, listAfter, own, 'list.phtml'), false);
  });

  it('spacing-only upstream changes are no change (and sameIgnoringComments still compares lines trimmed)', () => {
    const before = `<?php if ($x) : ?>\n<p>a</p>\n<?php endif; ?>`;
    const after = `<?php if ($x): ?>\n<p>a</p>\n<?php endif; ?>`;
    assert.equal(overrideCarriesChange(before, after, before, 'x.phtml'), false);
    assert.equal(sameIgnoringComments(before, after, 'x.phtml'), false);
  });
});

describe('sameIgnoringComments', () => {
  it("keeps Knockout's containerless bindings: <!-- ko … --> is code, not a comment", () => {
    const before = `<td class="col col-price">\n    <each args="element.getRegion('price')" render=""/>\n</td>`;
    const after = `<!-- ko ifnot: (method.error_message) -->\n${before}\n<!-- /ko -->`;
    assert.equal(sameIgnoringComments(before, after, 'shipping-method-item.html'), false);
    assert.equal(sameIgnoringComments(before, `<!-- Copyright -->\n${before}`, 'shipping-method-item.html'), true);
  });
});

describe('meaningfulHash', () => {
  it("is the same for versions that differ in comments and whitespace only, templates' PHP comments included", () => {
    const old = `<?php\n// @codingStandardsIgnoreFile\n/**\n * Copyright © Magento, Inc.\n */\n?>\n<?php // phpcs:ignore ?>\n<div><?= /* @escapeNotVerified */ $block->getHtml() ?></div>\n`;
    const now = `<?php\n/**\n * Copyright 2024 Adobe\n * All Rights Reserved.\n */\n?>\n<?php ?>\n  <div><?= /* @noEscape */ $block->getHtml() ?></div>\n\n<!-- note -->\n`;
    assert.equal(
      meaningfulHash(old, 'view/frontend/templates/x.phtml'),
      meaningfulHash(now, 'view/frontend/templates/x.phtml'),
    );
    assert.ok(sameIgnoringComments(old, now, 'view/frontend/templates/x.phtml'));
    assert.notEqual(
      meaningfulHash(old, 'view/frontend/templates/x.phtml'),
      meaningfulHash(now.replace('getHtml', 'getText'), 'view/frontend/templates/x.phtml'),
    );
    // A URL in markup is no comment.
    assert.notEqual(
      meaningfulHash('<a href="https://a.example/x">', 'x.phtml'),
      meaningfulHash('<a href="https://a.example/y">', 'x.phtml'),
    );
  });
});
