import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { releaseFilesFromMemory } from '../../check/files/release-files.js';
import { projectFixture, runRule } from '../testing.js';
import { themeWith } from './fixtures.js';
import { themeTemplateChanged as rule } from './theme-template-changed.js';
import { themeWebChanged as webChanged } from './theme-web-changed.js';

const theme = themeWith(
  'frontend/Acme/shop',
  ['Magento/luma', 'Magento/blank'],
  [
    { module: 'Magento_Catalog', kind: 'template', modulePath: 'templates/view.phtml' },
    { module: 'Magento_Catalog', kind: 'template', modulePath: 'templates/list.phtml' },
    { module: 'Magento_Catalog', kind: 'template', modulePath: 'templates/same.phtml' },
  ],
);
const project = projectFixture({ themes: [theme] });
const themes = { 'frontend/Magento/luma': {}, 'frontend/Magento/blank': {} };

describe('overrides/theme-template-changed', () => {
  it('reports a changed original (with the diff when both contents are known) and a removed one', async () => {
    const files = {
      current: releaseFilesFromMemory('2.4.6-p3', {
        ...themes,
        Magento_Catalog: {
          'view/frontend/templates/view.phtml': 'a\n',
          'view/base/templates/list.phtml': 'l\n',
          'view/frontend/templates/same.phtml': 's\n',
        },
      }),
      target: releaseFilesFromMemory('2.4.8', {
        Magento_Catalog: { 'view/frontend/templates/view.phtml': 'b\n', 'view/frontend/templates/same.phtml': 's\n' },
      }),
    };
    const findings = await runRule(rule, { project, files });
    assert.deepEqual(
      findings.map((f) => [f.file, f.severity]),
      [
        ['app/design/frontend/Acme/shop/Magento_Catalog/templates/list.phtml', 'error'],
        ['app/design/frontend/Acme/shop/Magento_Catalog/templates/view.phtml', 'warning'],
      ],
    );
    assert.match(findings[1]!.details!, /-a\n\+b/);
  });

  it('a target whose data lacks the component (or has no file data) gives "could not verify" at info, never removed', async () => {
    const current = releaseFilesFromMemory('2.4.7-p7', {
      ...themes,
      Magento_Catalog: { 'view/frontend/templates/view.phtml': 'a\n' },
    });
    const lacking = releaseFilesFromMemory('2.4.9', { Magento_Theme: { 'view/frontend/templates/x.phtml': 'x' } });
    for (const target of [lacking, null]) {
      const findings = await runRule(rule, { project, files: { current, target } });
      assert.deepEqual(
        findings.map((f) => [f.file, f.severity]),
        [['app/design/frontend/Acme/shop/Magento_Catalog/templates/view.phtml', 'info']],
      );
      assert.equal(findings[0]!.messageId, 'unverified');
      assert.equal(findings[0]!.data?.original, 'Magento_Catalog::view/frontend/templates/view.phtml');
      assert.equal(findings[0]!.effort?.hours, 0);
    }
  });

  it('takes the nearest original along the parent chain (Luma before the module)', async () => {
    const files = {
      current: releaseFilesFromMemory('old', {
        ...themes,
        'frontend/Magento/luma': { 'Magento_Catalog/templates/view.phtml': 'luma 1' },
        Magento_Catalog: { 'view/frontend/templates/view.phtml': 'module' },
      }),
      target: releaseFilesFromMemory('new', {
        ...themes,
        'frontend/Magento/luma': { 'Magento_Catalog/templates/view.phtml': 'luma 2' },
        Magento_Catalog: { 'view/frontend/templates/view.phtml': 'module' },
      }),
    };
    const findings = await runRule(rule, { project, files });
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.messageId, 'changed');
    assert.equal(findings[0]!.data?.original, 'frontend/Magento/luma: Magento_Catalog/templates/view.phtml');
  });

  it('without content (hashes only) says how to get the diff; without file knowledge it stays silent', async () => {
    const hashesOnly = (label: string, text: string) => {
      const f = releaseFilesFromMemory(label, {
        ...themes,
        Magento_Catalog: { 'view/frontend/templates/view.phtml': text },
      });
      return { ...f, text: undefined };
    };
    const findings = await runRule(rule, {
      project,
      files: { current: hashesOnly('a', '1'), target: hashesOnly('b', '2') },
    });
    assert.equal(findings[0]!.messageId, 'changedNoDiff');
    assert.deepEqual(await runRule(rule, { project }), []);
  });

  it('stops at a parent theme it does not know (Hyvä without a vendor tree) instead of comparing with Luma files, and says it could not verify', async () => {
    const hyva = themeWith(
      'frontend/Acme/hyva',
      ['Hyva/default', 'Hyva/reset'],
      [{ module: 'Magento_Catalog', kind: 'template', modulePath: 'templates/view.phtml' }],
      { hyva: true },
    );
    const files = (v: string) =>
      releaseFilesFromMemory(v, { Magento_Catalog: { 'view/frontend/templates/view.phtml': v } });
    const unplaced = await runRule(rule, {
      project: projectFixture({ themes: [hyva] }),
      files: { current: files('1'), target: files('2') },
    });
    assert.equal(unplaced.length, 1);
    assert.equal(unplaced[0]!.severity, 'info');
    // The override and the chain tried are named; the module's Luma template is never the original.
    assert.equal(unplaced[0]!.messageId, 'unplaced');
    assert.deepEqual(
      [unplaced[0]!.data?.theme, unplaced[0]!.data?.tried, unplaced[0]!.data?.holder],
      [
        'frontend/Acme/hyva',
        'frontend/Hyva/default: Magento_Catalog/templates/view.phtml',
        'theme frontend/Hyva/default',
      ],
    );
    assert.ok(!Object.values(unplaced[0]!.data ?? {}).some((v) => String(v).includes('view/frontend')));
    const withHyva = (v: string) =>
      releaseFilesFromMemory(v, {
        'frontend/Hyva/default': { 'Magento_Catalog/templates/view.phtml': `hyva ${v}` },
        Magento_Catalog: {},
      });
    const findings = await runRule(rule, {
      project: projectFixture({ themes: [hyva] }),
      files: { current: withHyva('1'), target: withHyva('2') },
    });
    assert.equal(findings[0]!.messageId, 'changed');
    assert.equal(findings[0]!.data?.original, 'frontend/Hyva/default: Magento_Catalog/templates/view.phtml');
  });

  it('a parent theme of the project holding the same file is the original (not upstream): nothing to say', async () => {
    const parent = themeWith(
      'frontend/Acme/base',
      ['Magento/luma'],
      [{ module: 'Magento_Catalog', kind: 'template', modulePath: 'templates/view.phtml' }],
    );
    const child = themeWith(
      'frontend/Acme/child',
      ['Acme/base', 'Magento/luma'],
      [{ module: 'Magento_Catalog', kind: 'template', modulePath: 'templates/view.phtml' }],
    );
    const files = (v: string) =>
      releaseFilesFromMemory(v, { ...themes, Magento_Catalog: { 'view/frontend/templates/view.phtml': v } });
    const findings = await runRule(rule, {
      project: projectFixture({ themes: [parent, child] }),
      files: { current: files('1'), target: files('2') },
    });
    assert.deepEqual(
      findings.map((f) => f.file),
      ['app/design/frontend/Acme/base/Magento_Catalog/templates/view.phtml'],
    );
  });

  it('ignores upstream changes that only touch comments, whitespace or blank lines (as upgrade-patch-helper does)', async () => {
    const t = themeWith(
      'frontend/Acme/shop',
      [],
      [
        { module: 'Magento_Ui', kind: 'template', modulePath: 'templates/a.phtml' },
        { module: 'Magento_Ui', kind: 'web', modulePath: 'web/js/b.js' },
        { module: 'Magento_Ui', kind: 'template', modulePath: 'templates/c.phtml' },
      ],
    );
    const files = (after: boolean) =>
      releaseFilesFromMemory(after ? '2.4.8' : '2.4.6', {
        Magento_Ui: {
          'view/frontend/templates/a.phtml': after ? '<div>\n  <p/>\n</div>\n<!-- -->\n\n' : '<div>\n<p/>\n</div>\n',
          'view/frontend/web/js/b.js': after ? 'define([]);\n/* some comment */\n// another\n' : 'define([]);\n',
          'view/frontend/templates/c.phtml': after ? '<div><!-- --><p>some change</p></div>\n' : '<div></div>\n',
        },
      });
    const context = { project: projectFixture({ themes: [t] }), files: { current: files(false), target: files(true) } };
    const findings = [...(await runRule(rule, context)), ...(await runRule(webChanged, context))];
    assert.deepEqual(
      findings.map((f) => f.file),
      ['app/design/frontend/Acme/shop/Magento_Ui/templates/c.phtml'],
    );
  });

  it('from file data without text (the shipped index): a change of comments only is an info saying so, any other change a warning', async () => {
    const t = themeWith(
      'frontend/Acme/shop',
      [],
      [
        { module: 'Magento_Checkout', kind: 'template', modulePath: 'templates/cart/totals.phtml' },
        { module: 'Magento_Checkout', kind: 'template', modulePath: 'templates/cart/form.phtml' },
      ],
    );
    // Magento's cart/totals.phtml from 2.3 to 2.4: only the escaping annotation comment changed.
    const totals = (note: string) =>
      `<?php\n/**\n * Copyright © Magento, Inc. All rights reserved.\n */\n?>\n<div id="cart-totals">\n  <?= /* ${note} */ $block->getJsLayout() ?>\n</div>\n`;
    // Hashes only, as releaseFilesFromIndex gives them: no text to diff.
    const withoutText = (label: string, after: boolean) => {
      const files = releaseFilesFromMemory(label, {
        Magento_Checkout: {
          'view/frontend/templates/cart/totals.phtml': totals(after ? '@noEscape' : '@escapeNotVerified'),
          'view/frontend/templates/cart/form.phtml': after ? '<form class="new"></form>' : '<form></form>',
        },
      });
      return { ...files, text: undefined };
    };
    const context = {
      project: projectFixture({ themes: [t] }),
      files: { current: withoutText('2.3.7', false), target: withoutText('2.4.8-p2', true) },
    };
    const findings = await runRule(rule, context);
    assert.deepEqual(
      findings.map((f) => [f.file, f.severity, f.messageId, f.effort?.hours]),
      [
        ['app/design/frontend/Acme/shop/Magento_Checkout/templates/cart/form.phtml', 'warning', 'changedNoDiff', 1],
        ['app/design/frontend/Acme/shop/Magento_Checkout/templates/cart/totals.phtml', 'info', 'commentsOnly', 0],
      ],
    );
  });

  it("a Hyvä theme's own template is not compared with Magento's Luma original; a Hyvä child's override still is", async () => {
    const base = themeWith(
      'frontend/Hyva/default',
      [],
      [{ module: 'Magento_Checkout', kind: 'template', modulePath: 'templates/cart/form.phtml' }],
      { hyva: true, location: 'vendor' },
    );
    const child = themeWith(
      'frontend/Acme/hyva',
      ['Hyva/default'],
      [{ module: 'Magento_Checkout', kind: 'template', modulePath: 'templates/cart/totals.phtml' }],
      { hyva: true },
    );
    const files = (v: string) =>
      releaseFilesFromMemory(v, {
        'frontend/Hyva/default': {},
        Magento_Checkout: {
          'view/frontend/templates/cart/form.phtml': v,
          'view/frontend/templates/cart/totals.phtml': v,
        },
      });
    const findings = await runRule(rule, {
      project: projectFixture({ themes: [base, child] }),
      files: { current: files('1'), target: files('2') },
    });
    assert.deepEqual(
      findings.map((f) => f.file),
      ['app/design/frontend/Acme/hyva/Magento_Checkout/templates/cart/totals.phtml'],
    );
  });

  it('an original that first appears in the target is reported: the file starts overriding it', async () => {
    const t = themeWith(
      'frontend/Acme/shop',
      [],
      [{ module: 'Magento_Ui', kind: 'template', modulePath: 'templates/grid/masonry.phtml' }],
    );
    const findings = await runRule(rule, {
      project: projectFixture({ themes: [t] }),
      files: {
        current: releaseFilesFromMemory('2.3.0', { Magento_Ui: {} }),
        target: releaseFilesFromMemory('2.3.7-p3', { Magento_Ui: { 'view/base/templates/grid/masonry.phtml': 'm' } }),
      },
    });
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.severity, 'warning');
    assert.equal(findings[0]!.messageId, 'appears');
    assert.deepEqual(
      [findings[0]!.data?.current, findings[0]!.data?.original, findings[0]!.data?.target],
      ['2.3.0', 'Magento_Ui::view/base/templates/grid/masonry.phtml', '2.3.7-p3'],
    );
  });
});
