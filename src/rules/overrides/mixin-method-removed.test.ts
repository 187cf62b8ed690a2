import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { releaseFilesFromMemory, type ReleaseFiles } from '../../check/files/release-files.js';
import { jsModuleIndexFrom } from '../../knowledge/js-modules/index.js';
import { readJsSource } from '../../project/customizations/js-source.js';
import { projectFixture, runRule } from '../testing.js';
import { moduleWith, themeWith } from './fixtures.js';
import { mixinMethodRemoved as rule } from './mixin-method-removed.js';

// The shape of Alpaca's Magento_Checkout/js/sidebar-mixin.js on 2.4.0 → 2.4.1 (sidebar.js lost _isOverflowed).
const sidebar = (withOverflow: boolean) => `define(['jquery', 'jquery-ui-modules/widget'], function ($) {
    $.widget('mage.sidebar', {
        _create: function () { this._initContent(); },
        _initContent: function () { this._calcHeight();${withOverflow ? ' this._isOverflowed();' : ''} },
        ${withOverflow ? '_isOverflowed: function () { return false; },' : ''}
        _calcHeight: function () {}
    });
    return $.mage.sidebar;
});`;
const MIXIN_FILE = 'app/design/frontend/Acme/shop/Magento_Checkout/web/js/sidebar-mixin.js';
const mixinSource = `define(['jquery'], function ($) {
    return function (widget) {
        $.widget('mage.sidebar', widget, {
            _initContent: function () {
                var self = this;
                this._super();
                this._calcHeight();
                self._isOverflowed();
                this._ownHelper();
            },
            _ownHelper: function () {}
        });
        return $.mage.sidebar;
    };
});`;
const theme = themeWith('frontend/Acme/shop', ['Magento/luma'], [], {
  requirejs: [
    {
      file: 'app/design/frontend/Acme/shop/Magento_Checkout/requirejs-config.js',
      mixins: [{ target: 'Magento_Checkout/js/sidebar', mixin: 'Magento_Checkout/js/sidebar-mixin', line: 4 }],
      map: [],
      paths: [],
    },
  ],
  js: [readJsSource(mixinSource, MIXIN_FILE, 'frontend', [])],
});
const files = (label: string, withOverflow: boolean) =>
  releaseFilesFromMemory(label, { Magento_Checkout: { 'view/frontend/web/js/sidebar.js': sidebar(withOverflow) } });

describe('overrides/mixin-method-removed', () => {
  it('reports a call on this (or a variable holding it) to a method the target removed from the wrapped widget', async () => {
    const findings = await runRule(rule, {
      project: projectFixture({ themes: [theme] }),
      files: { current: files('2.4.0', true), target: files('2.4.1', false) },
    });
    assert.deepEqual(
      findings.map((f) => [f.file, f.line, f.severity, f.messageId, f.data?.method]),
      [[MIXIN_FILE, 8, 'error', 'removed', '_isOverflowed']],
    );
  });

  it('is silent when the method is still there, and for _super and the mixin’s own methods', async () => {
    const findings = await runRule(rule, {
      project: projectFixture({ themes: [theme] }),
      files: { current: files('2.4.0', true), target: files('2.4.0-p1', true) },
    });
    assert.deepEqual(findings, []);
  });

  it('reads the methods from the shipped JS index when the release files have no text', async () => {
    const index = jsModuleIndexFrom({
      schema: 2,
      generatedAt: '',
      source: 'test',
      releases: ['2.4.0', '2.4.1'],
      map: {},
      paths: {},
      jquery: [],
      migrate: [],
      provides: {},
      methods: {
        'Magento_Checkout view/frontend/web/js/sidebar.js': [
          ['_calcHeight _create _initContent _isOverflowed', '0'],
          ['_calcHeight _create _initContent', '1'],
        ],
      },
    });
    const hashesOnly = (label: string, withOverflow: boolean, release: string): ReleaseFiles => ({
      ...files(label, withOverflow),
      text: undefined,
      js: index.release(release)!,
    });
    const findings = await runRule(rule, {
      project: projectFixture({ themes: [theme] }),
      files: { current: hashesOnly('2.4.0', true, '2.4.0'), target: hashesOnly('2.4.1', false, '2.4.1') },
    });
    assert.deepEqual(
      findings.map((f) => [f.severity, f.data?.method]),
      [['error', '_isOverflowed']],
    );
  });

  it('says "could not verify" (info) when the target has no data, never that the method was removed', async () => {
    const noTarget = await runRule(rule, {
      project: projectFixture({ themes: [theme] }),
      files: { current: files('2.4.0', true), target: null },
    });
    assert.deepEqual(
      noTarget.map((f) => [f.severity, f.messageId]),
      [['info', 'unverified']],
    );
    // Hashes but neither text nor method data for the target file.
    const noMethods = await runRule(rule, {
      project: projectFixture({ themes: [theme] }),
      files: { current: files('2.4.0', true), target: { ...files('2.4.1', false), text: undefined } },
    });
    assert.deepEqual(
      noMethods.map((f) => [f.severity, f.messageId]),
      [['info', 'unverified']],
    );
  });

  it('finds a module mixin in the module’s view/<area>/web', async () => {
    const file = 'app/code/Acme/Cart/view/frontend/web/js/sidebar-mixin.js';
    const module = moduleWith(
      'Acme_Cart',
      {
        requirejs: [
          {
            file: 'app/code/Acme/Cart/view/frontend/requirejs-config.js',
            mixins: [{ target: 'Magento_Checkout/js/sidebar', mixin: 'Acme_Cart/js/sidebar-mixin', line: 3 }],
            map: [],
            paths: [],
          },
        ],
        js: [readJsSource(mixinSource, file, 'frontend', [])],
      },
      { path: 'app/code/Acme/Cart' },
    );
    const findings = await runRule(rule, {
      project: projectFixture({ modules: [module] }),
      files: { current: files('2.4.0', true), target: files('2.4.1', false) },
    });
    assert.deepEqual(
      findings.map((f) => [f.file, f.data?.method]),
      [[file, '_isOverflowed']],
    );
  });
});
