import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { releaseFilesFromMemory } from '../../check/files/release-files.js';
import { jsModuleIndexFrom, type JsModuleIndexFile } from '../../knowledge/js-modules/index.js';
import { dataOf, projectFixture, runRule } from '../testing.js';
import { themeWith } from './fixtures.js';
import { requirejsMapTarget as rule } from './requirejs-map-target.js';

describe('overrides/requirejs-map-target', () => {
  it('reports map and paths entries of a theme replacing core JS that changed', async () => {
    const theme = themeWith('frontend/Acme/shop', [], [], {
      requirejs: [
        {
          file: 'app/design/frontend/Acme/shop/requirejs-config.js',
          mixins: [],
          map: [{ from: 'Magento_Customer/js/customer-data', to: 'js/customer-data', line: 3 }],
          paths: [{ from: 'mage/menu', to: 'js/menu', line: 8 }],
        },
      ],
    });
    const files = (v: string) =>
      releaseFilesFromMemory(v, {
        Magento_Customer: { 'view/frontend/web/js/customer-data.js': v },
        lib: { 'mage/menu.js': 'menu' },
      });
    const findings = await runRule(rule, {
      project: projectFixture({ themes: [theme] }),
      files: { current: files('1'), target: files('2') },
    });
    assert.deepEqual(
      findings.map((f) => f.line),
      [3],
    );
    assert.equal(findings[0]!.messageId, 'changed');
    assert.equal(findings[0]!.data?.from, 'Magento_Customer/js/customer-data');
    assert.deepEqual(findings[0]!.data?.detail, [
      {
        messageId: 'detailChanged',
        data: { now: 'Magento_Customer::view/frontend/web/js/customer-data.js', current: '1', target: '2' },
      },
    ]);
    assert.equal(
      findings[0]!.message,
      'js/customer-data replaces Magento_Customer/js/customer-data: Magento_Customer::view/frontend/web/js/customer-data.js changed between 1 and 2.',
    );
  });

  // 2.4.3 → 2.4.4 as the JS index has them: jquery/ui-modules/tabs.js moves to widgets/, core map follows it.
  const index = jsModuleIndexFrom({
    schema: 2,
    generatedAt: '',
    source: 'test',
    releases: ['2.4.3', '2.4.4'],
    map: { 'base jquery-ui-modules/tabs': [['jquery/ui-modules/widgets/tabs', '1']] },
    paths: { 'base jquery-ui-modules': [['jquery/ui-modules', '0-1']] },
    jquery: [],
    migrate: [],
    provides: {},
    methods: {},
  } satisfies JsModuleIndexFile);
  const releases = (version: '2.4.3' | '2.4.4', withJs = true) => {
    const old = version === '2.4.3';
    const f = releaseFilesFromMemory(version, {
      lib: {
        'jquery/jquery-ui.js': 'ui',
        'mage/menu.js': 'menu',
        ...(old ? { 'jquery/ui-modules/tabs.js': 't' } : { 'jquery/ui-modules/widgets/tabs.js': 't' }),
      },
      Magento_Ui: { 'view/base/web/js/modal/modal.js': 'm' },
    });
    if (withJs) f.js = index.release(version)!;
    return f;
  };
  const pathsTheme = () =>
    themeWith('frontend/Acme/shop', [], [], {
      requirejs: [
        {
          file: 'app/design/frontend/Acme/shop/requirejs-config.js',
          mixins: [],
          map: [],
          paths: [
            // quickdevbar's `jqueryTabs: ['jquery-ui-modules/tabs', 'jquery/jquery-ui']` (only the first path is read)
            { from: 'jqueryTabs', to: 'jquery-ui-modules/tabs', line: 3 },
            { from: 'oldTabs', to: 'jquery/ui-modules/tabs', line: 4 },
            { from: 'menu', to: 'mage/menu', line: 5 },
            { from: 'modal', to: 'Magento_Ui/js/modal/modal', line: 6 },
            { from: 'own', to: 'js/own-widget', line: 7 },
            { from: 'vendor', to: 'Acme_Widget/js/widget', line: 8 },
            { from: 'cdn', to: '//cdn.example.com/lib', line: 9 },
          ],
        },
      ],
    });

  it('reads paths values as files: a core file the target removed, a core id used as a path', async () => {
    const findings = await runRule(rule, {
      project: projectFixture({ themes: [pathsTheme()] }),
      files: { current: releases('2.4.3'), target: releases('2.4.4') },
    });
    assert.deepEqual(
      findings.map((f) => [f.line, f.messageId, f.severity]),
      [
        [3, 'pathIsId', 'warning'],
        [4, 'pathRemoved', 'error'],
      ],
    );
    assert.deepEqual(dataOf(findings[0], 'to', 'file', 'current', 'target'), {
      to: 'jquery-ui-modules/tabs',
      file: 'lib/web/jquery/ui-modules/widgets/tabs.js',
      current: '2.4.3',
      target: '2.4.4',
    });
    assert.deepEqual(
      [findings[0]!.recommendationId, findings[0]!.data?.path],
      ['pointAtFile', 'jquery/ui-modules/widgets/tabs'],
    );
    assert.deepEqual(dataOf(findings[1], 'file', 'target'), {
      file: 'lib/web/jquery/ui-modules/tabs.js',
      target: '2.4.4',
    });
  });

  it('judges a paths array as RequireJS loads it: broken only when no listed path loads', async () => {
    const theme = themeWith('frontend/Acme/shop', [], [], {
      requirejs: [
        {
          file: 'app/design/frontend/Acme/shop/requirejs-config.js',
          mixins: [],
          map: [],
          paths: [
            // quickdevbar's `jqueryTabs: ['jquery-ui-modules/tabs', 'jquery/jquery-ui']`: the fallback ships.
            { from: 'jqueryTabs', to: 'jquery-ui-modules/tabs', line: 3, fallbacks: ['jquery/jquery-ui'] },
            { from: 'oldTabs', to: 'jquery/ui-modules/tabs', line: 4, fallbacks: ['jquery/ui-modules/gone'] },
            { from: 'cdnTabs', to: 'jquery/ui-modules/tabs', line: 5, fallbacks: ['//cdn.example.com/tabs'] },
            { from: 'varTabs', to: 'jquery/ui-modules/tabs', line: 6, fallbacks: [null] },
            { from: 'fine', to: 'mage/menu', line: 7, fallbacks: ['jquery/ui-modules/gone'] },
          ],
        },
      ],
    });
    const findings = await runRule(rule, {
      project: projectFixture({ themes: [theme] }),
      files: { current: releases('2.4.3'), target: releases('2.4.4') },
    });
    assert.deepEqual(
      findings.map((f) => [f.line, f.messageId, f.severity, f.data?.fallback]),
      [
        [3, 'pathFallback', 'info', 'jquery/jquery-ui'],
        [4, 'pathRemoved', 'error', ''],
        [5, 'pathFallbackUnverified', 'info', '//cdn.example.com/tabs'],
        [6, 'pathFallbackUnverified', 'info', [{ messageId: 'notAString' }]],
      ],
    );
    assert.deepEqual(dataOf(findings[0], 'file'), { file: 'lib/web/jquery/jquery-ui.js' });
  });

  it('says "could not verify" at info when the knowledge does not cover the target', async () => {
    const noAliases = await runRule(rule, {
      project: projectFixture({ themes: [pathsTheme()] }),
      files: { current: releases('2.4.3'), target: releases('2.4.4', false) },
    });
    assert.deepEqual(
      noAliases.map((f) => [f.line, f.messageId, f.severity]),
      [
        [3, 'pathUnverified', 'info'],
        [4, 'pathRemoved', 'error'],
      ],
    );
    const noTarget = await runRule(rule, {
      project: projectFixture({ themes: [pathsTheme()] }),
      files: { current: releases('2.4.3'), target: null },
    });
    assert.deepEqual(
      noTarget.map((f) => [f.line, f.messageId, f.severity, f.effort?.hours]),
      [
        [3, 'pathUnverified', 'info', 0],
        [4, 'pathUnverified', 'info', 0],
        [5, 'pathUnverified', 'info', 0],
        [6, 'pathUnverified', 'info', 0],
      ],
    );
  });

  it('reads map values as ids RequireJS runs through paths but never maps again', async () => {
    const theme = themeWith('frontend/Acme/shop', [], [], {
      requirejs: [
        {
          file: 'app/design/frontend/Acme/shop/requirejs-config.js',
          mixins: [],
          map: [
            // 2.4.3: jquery/ui-modules/tabs.js through core paths; 2.4.4 only core map (not applied) finds it.
            { from: 'acmeTabs', to: 'jquery-ui-modules/tabs', line: 3 },
            { from: 'acmeMenu', to: 'mage/menu', line: 4 },
            { from: 'acmeOwn', to: 'Acme_Widget/js/widget', line: 5 },
            { from: 'acmeTheme', to: 'js/own', line: 6 },
          ],
          paths: [],
        },
      ],
    });
    const upgrade = await runRule(rule, {
      project: projectFixture({ themes: [theme] }),
      files: { current: releases('2.4.3'), target: releases('2.4.4') },
    });
    assert.deepEqual(
      upgrade.map((f) => [f.line, f.messageId, f.severity]),
      [[3, 'mapRemoved', 'error']],
    );
    assert.deepEqual(dataOf(upgrade[0], 'file', 'current', 'target'), {
      file: 'lib/web/jquery/ui-modules/tabs.js',
      current: '2.4.3',
      target: '2.4.4',
    });
    assert.deepEqual(
      [upgrade[0]!.recommendationId, upgrade[0]!.data?.path],
      ['mapToIdAt', 'jquery/ui-modules/widgets/tabs'],
    );
    const onNew = await runRule(rule, {
      project: projectFixture({ themes: [theme] }),
      files: { current: releases('2.4.4'), target: releases('2.4.4') },
    });
    assert.deepEqual(
      onNew.map((f) => [f.line, f.messageId, f.severity]),
      [[3, 'mapIsAliased', 'warning']],
    );
    assert.deepEqual(dataOf(onNew[0], 'file', 'target'), { file: 'jquery/ui-modules/tabs.js', target: '2.4.4' });
    const noAliases = await runRule(rule, {
      project: projectFixture({ themes: [theme] }),
      files: { current: releases('2.4.3'), target: releases('2.4.4', false) },
    });
    assert.deepEqual(
      noAliases.map((f) => [f.line, f.messageId, f.severity]),
      [
        [3, 'mapUnverified', 'info'],
        [4, 'mapUnverified', 'info'],
      ],
    );
  });
});
