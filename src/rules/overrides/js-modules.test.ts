import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { jsModuleIndexFrom, type JsModuleIndexFile } from '../../knowledge/js-modules/index.js';
import { readJsSource } from '../../project/customizations/js-source.js';
import { releaseFilesFromMemory, type ReleaseFiles } from '../../check/files/release-files.js';
import { projectFixture, runRule } from '../testing.js';
import { moduleWith } from './fixtures.js';
import { jsDependencyTarget as dependencyRule } from './js-dependency-target.js';
import { jqueryRemovedApi as jqueryApiRule } from './jquery-removed-api.js';
import { jqueryUiModule as jqueryUiRule } from './jquery-ui-module.js';

// Two releases shaped like 2.4.3 → 2.4.6: the wysiwygAdapter alias moves, jquery-ui 1.9 and ui-modules/slider go,
// jquery-migrate stops being loaded.
const index = jsModuleIndexFrom({
  schema: 2,
  generatedAt: '',
  source: 'test',
  releases: ['2.4.3', '2.4.6'],
  map: {
    'base wysiwygAdapter': [
      ['mage/adminhtml/wysiwyg/tiny_mce/tinymce4Adapter', '0'],
      ['mage/adminhtml/wysiwyg/tiny_mce/tinymce5Adapter', '1'],
    ],
    'base ambiguous': [['', '0-1']],
  },
  paths: { 'base jquery-ui-modules': [['jquery/ui-modules', '0-1']] },
  jquery: [
    ['1.12.4', '0'],
    ['3.6.0', '1'],
  ],
  migrate: [['1.4.1', '0']],
  provides: {
    size: '0',
    andSelf: '0',
    live: '0',
    browser: '0',
    'jqXHR.success': '0',
    'jqXHR.error': '0',
    'jqXHR.complete': '0',
  },
  methods: {},
} satisfies JsModuleIndexFile);

function files(version: '2.4.3' | '2.4.6', withJs = true): ReleaseFiles {
  const old = version === '2.4.3';
  const lib: Record<string, string> = {
    'jquery.js': version,
    'jquery/ui-modules/widget.js': 'w',
    [`mage/adminhtml/wysiwyg/tiny_mce/${old ? 'tinymce4Adapter' : 'tinymce5Adapter'}.js`]: 'a',
    ...(old ? { 'jquery/ui-modules/slider.js': 's' } : { 'jquery/ui-modules/widgets/slider.js': 's' }),
  };
  const f = releaseFilesFromMemory(version, { lib, Magento_Ui: { 'view/base/web/js/modal/modal.js': version } });
  if (withJs) f.js = index.release(version)!;
  return f;
}

const source = `define([
  'jquery',
  'mage/adminhtml/wysiwyg/tiny_mce/tinymce4Adapter',
  'wysiwygAdapter',
  'jquery-ui-modules/widget',
  'jquery/ui-modules/slider',
  'Magento_Ui/js/modal/modal',
  'ambiguous',
  'Acme_Js/js/own'
], function ($) {
  var n = $('.x').size() + new Map().size;
  if ($.browser.msie) { $('.y').live('click', function () {}); }
  return _.size(n);
});`;

function project() {
  const js = readJsSource(source, 'app/code/Acme/Js/view/adminhtml/web/js/editor.js', 'adminhtml', []);
  return projectFixture({ modules: [moduleWith('Acme_Js', { js: [js] })] });
}

describe('frontend JS rules', () => {
  it('reads define() dependencies and jQuery API uses from the syntax tree', () => {
    const js = readJsSource(source, 'f.js', 'frontend', []);
    assert.equal(js.dependencies.length, 8);
    assert.deepEqual(
      js.jqueryApis.map((a) => [a.api, a.line]),
      [
        ['size', 11],
        ['browser', 12],
        ['live', 12],
      ],
    );
    // `.size()` in a file that never touches jQuery is someone else's size().
    assert.deepEqual(readJsSource('var s = list.size();', 'g.js', 'frontend', []).jqueryApis, []);
    // A file that loads Prototype.js (a copy of Magento's grid.js): `parts.size()` is Prototype's Array#size; only a
    // receiver jQuery built, through the define() parameter or an alias of it, is jQuery's.
    const grid = `define(['jquery', 'prototype'], function (jq) {
  var $j = jq;
  window.varienGrid = new Class.create();
  var parts = url.split(new RegExp('\\\\?'));
  if (parts.size() > 1 || $$('tr').size()) {}
  return $j('#grid').find('tr').size() + jq('.x').size();
});`;
    assert.deepEqual(
      readJsSource(grid, 'grid.js', 'adminhtml', []).jqueryApis.map((a) => [a.api, a.line]),
      [
        ['size', 6],
        ['size', 6],
      ],
    );
    // Uses that cannot throw: a copy of jquery-migrate defining `$.browser`, a feature test before `.live()`
    // (colorbox), a call inside try (Revolution Slider); `$.browser.msie` and a bare `.andSelf()` still count.
    const guardedUses = `(function ($) {
  if (!jQuery.browser) { jQuery.browser = {}; }
  $.isFunction($.fn.on) ? $(document).on('click', 'a', f) : $('a').live('click', f);
  try { jQuery(this).die('click'); } catch (e) {}
  var legacy = $.browser && $.browser.msie;
  var ie = $.browser.msie, all = $('a').find('b').andSelf();
})(jQuery);`;
    assert.deepEqual(
      readJsSource(guardedUses, 'h.js', 'frontend', []).jqueryApis.map((a) => [a.api, a.line]),
      [
        ['browser', 6],
        ['andSelf', 6],
      ],
    );
    // A copy of jQuery 1.11 itself (Nwdthemes Revslider's export/js/jquery.js, Plazathemes Hozmegamenu's js/jquery.js):
    // its `.load()` calls its own jqXHR's `.complete()`, which that version defines.
    const ownJquery = `/*!
 * jQuery JavaScript Library v1.11.0
 */
(function (window) { var jQuery = function () {}; jQuery.ajax({ url: u }).done(f).complete(g); })(this);`;
    assert.deepEqual(readJsSource(ownJquery, 'jquery.js', 'adminhtml', []).jqueryApis, []);
    assert.equal(
      readJsSource(ownJquery.replace('jQuery JavaScript Library v1.11.0', 'a slider'), 'j.js', 'frontend', [])
        .jqueryApis.length,
      1,
    );
    const problems: { code: string }[] = [];
    readJsSource('define([', 'bad.js', 'frontend', problems as never);
    assert.equal(problems[0]?.code, 'js-syntax');
  });

  it('reports removed and re-pointed dependencies, not changed content, ambiguous aliases or non-core ids', async () => {
    const findings = await runRule(dependencyRule, {
      project: project(),
      files: { current: files('2.4.3'), target: files('2.4.6') },
    });
    assert.deepEqual(
      findings.map((f) => [f.line, f.severity]),
      [
        [3, 'error'],
        [4, 'warning'],
      ],
    );
    assert.equal(findings[1]!.messageId, 'moved');
    assert.deepEqual(
      [findings[1]!.data?.id, findings[1]!.data?.now],
      ['wysiwygAdapter', 'lib/web/mage/adminhtml/wysiwyg/tiny_mce/tinymce5Adapter.js'],
    );
  });

  it('says "could not verify" when the target has no JS alias data, never "removed"', async () => {
    const findings = await runRule(dependencyRule, {
      project: project(),
      files: { current: files('2.4.3'), target: files('2.4.6', false) },
    });
    assert.ok(
      findings.some((f) => f.messageId === 'unverified' && String(f.data?.ids).split(', ').includes('wysiwygAdapter')),
    );
    assert.ok(!findings.some((f) => f.line === 4 && f.severity !== 'info'));
  });

  it('reports jQuery UI ids the target removed, with the jquery-ui-modules id to use', async () => {
    const findings = await runRule(jqueryUiRule, {
      project: project(),
      files: { current: files('2.4.3'), target: files('2.4.6') },
    });
    assert.deepEqual(
      findings.map((f) => [f.line, f.severity]),
      [[6, 'error']],
    );
    assert.equal(findings[0]!.recommendationId, 'dependOnWidgets');
    assert.match(String(findings[0]!.data?.widgets), /jquery-ui-modules\/slider/);
  });

  it('reports removed jQuery APIs only where the target jQuery lacks them', async () => {
    const upgrade = await runRule(jqueryApiRule, {
      project: project(),
      files: { current: files('2.4.3'), target: files('2.4.6') },
    });
    assert.deepEqual(
      upgrade.map((f) => [f.subject, f.severity]),
      [
        ['size', 'error'],
        ['browser', 'error'],
        ['live', 'error'],
      ],
    );
    const same = await runRule(jqueryApiRule, {
      project: project(),
      files: { current: files('2.4.3'), target: files('2.4.3') },
    });
    assert.deepEqual(same, []);
    const unknown = await runRule(jqueryApiRule, {
      project: project(),
      files: { current: files('2.4.3'), target: files('2.4.6', false) },
    });
    assert.deepEqual(
      unknown.map((f) => f.severity),
      ['info'],
    );
  });

  it('reads the jqXHR callbacks jQuery 3 removed only on what $.ajax() and its promise chain return', async () => {
    const ajax = `define(['jquery'], function ($) {
  $.ajax({ url: '/a' }).success(function () {}).error(function () {});
  $.post('/b').done(function () {}).complete(function () {});
  var xhr = { success: function () {} };
  xhr.success();
  $('#form').validate().error();
});`;
    const js = readJsSource(ajax, 'app/code/Acme/Js/view/frontend/web/js/ajax.js', 'frontend', []);
    assert.deepEqual(
      js.jqueryApis.map((a) => [a.api, a.line]),
      [
        ['jqXHR.error', 2],
        ['jqXHR.success', 2],
        ['jqXHR.complete', 3],
      ],
    );
    const findings = await runRule(jqueryApiRule, {
      project: projectFixture({ modules: [moduleWith('Acme_Js', { js: [js] })] }),
      files: { current: files('2.4.3'), target: files('2.4.6') },
    });
    assert.deepEqual(
      findings.map((f) => [f.subject, f.line]),
      [
        ['jqXHR.error', 2],
        ['jqXHR.success', 2],
        ['jqXHR.complete', 3],
      ],
    );
    assert.equal(findings[1]!.messageId, 'gone');
    assert.deepEqual(
      [findings[1]!.data?.call, findings[1]!.data?.jquery, findings[1]!.data?.target],
      ['$.ajax(…).success()', '3.6.0', '2.4.6'],
    );
    assert.deepEqual(
      [findings[1]!.data?.migrate, findings[1]!.data?.before],
      [
        [{ messageId: 'noMigrate' }],
        [{ messageId: 'stillProvidedWithMigrate', data: { release: '2.4.3', jquery: '1.12.4', migrate: '1.4.1' } }],
      ],
    );
    assert.equal(
      findings[1]!.message,
      '$.ajax(…).success() is gone from jQuery 3.6.0 (no jquery-migrate loaded) in 2.4.6 (2.4.3 still provides it: jQuery 1.12.4 + jquery-migrate 1.4.1).',
    );
    assert.deepEqual([findings[1]!.recommendationId, findings[1]!.data?.replacement], ['useReplacement', '.done()']);
  });

  it('reads the removed jqXHR callbacks on a jqXHR kept in a variable only when nothing else can be in it', async () => {
    const kept = `define(['jquery'], function ($) {
  var xhr = $.ajax({ url: '/a' });
  xhr.success(function () {});
  const req = jQuery.post('/b');
  req.done(function () {}).error(function () {});
  function later() {
    let pending;
    pending = $.get('/c');
    pending.complete(function () {});
  }
  var again = $.ajax('/d');
  again = { success: function () {} };
  again.success();
  function param(xhr) { xhr.success(); }
  function elsewhere() { xhr.success(); }
  var twice = $.ajax('/e');
  if (twice) { var twice = $.ajax('/f'); }
  twice.success();
  return {
    load: function () { this.request = $.ajax('/g'); this.request.complete(function () {}); },
    other: function () { this.pending = $.ajax('/h'); this.pending.success(); },
    reset: function () { this.pending = null; }
  };
});`;
    const js = readJsSource(kept, 'app/code/Acme/Js/view/frontend/web/js/kept.js', 'frontend', []);
    assert.deepEqual(
      js.jqueryApis.map((a) => [a.api, a.line]),
      [
        ['jqXHR.success', 3],
        ['jqXHR.error', 5],
        ['jqXHR.complete', 9],
        ['jqXHR.complete', 20],
      ],
    );
    const findings = await runRule(jqueryApiRule, {
      project: projectFixture({ modules: [moduleWith('Acme_Js', { js: [js] })] }),
      files: { current: files('2.4.3'), target: files('2.4.6') },
    });
    assert.deepEqual(
      findings.map((f) => [f.subject, f.line, f.severity]),
      [
        ['jqXHR.success', 3, 'error'],
        ['jqXHR.error', 5, 'error'],
        ['jqXHR.complete', 9, 'error'],
        ['jqXHR.complete', 20, 'error'],
      ],
    );
    // The same message and the same release knowledge as the chained form.
    assert.deepEqual(
      [findings[0]!.messageId, findings[0]!.data?.call, findings[0]!.data?.jquery, findings[0]!.data?.before],
      [
        'gone',
        '$.ajax(…).success()',
        '3.6.0',
        [{ messageId: 'stillProvidedWithMigrate', data: { release: '2.4.3', jquery: '1.12.4', migrate: '1.4.1' } }],
      ],
    );
    const same = await runRule(jqueryApiRule, {
      project: projectFixture({ modules: [moduleWith('Acme_Js', { js: [js] })] }),
      files: { current: files('2.4.3'), target: files('2.4.3') },
    });
    assert.deepEqual(same, []);
  });
});
