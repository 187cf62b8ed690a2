import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { createSymbolIndex } from '../../knowledge/memory-symbol-index.js';
import type { CodeUnit } from '../rule.js';
import type { MethodDecl } from '../../php/types.js';
import { projectFixture, releaseFixture, runRule } from '../testing.js';
import { moduleWith } from './fixtures.js';
import { pluginTargetChanged as rule } from './plugin-target-changed.js';

const m = (name: string, extra: Partial<MethodDecl> = {}): MethodDecl => ({
  name,
  visibility: 'public',
  params: [],
  line: 1,
  bodyHash: 'h',
  ...extra,
});
const index = (methods: MethodDecl[], version = '1') =>
  createSymbolIndex([
    {
      package: 'magento/module-catalog',
      version,
      classes: [
        {
          name: 'Magento\\Catalog\\Model\\Product',
          kind: 'class',
          implements: [],
          traits: [],
          methods,
          properties: [],
          constants: [],
          line: 1,
        },
      ],
      functions: [],
    },
  ]);

/** Acme_Catalog with one plugin (Acme\\Catalog\\Plugin\\P) on Magento\\Catalog\\Model\\Product with these methods. */
const pluginModule = (methods: string[]) =>
  moduleWith('Acme_Catalog', {
    plugins: [
      {
        file: 'app/code/Acme/Catalog/etc/di.xml',
        line: 4,
        target: 'Magento\\Catalog\\Model\\Product',
        name: 'acme',
        type: 'Acme\\Catalog\\Plugin\\P',
        disabled: false,
        area: 'global',
        methods,
      },
    ],
  });

describe('overrides/plugin-target-changed', () => {
  it('reports removed, final, re-signed (around: error; optional param appended: warning) and changed methods', async () => {
    const module = pluginModule([
      'aroundGone',
      'beforeLocked',
      'aroundSave',
      'beforeLoad',
      'afterGetName',
      'afterSame',
    ]);
    const p = (name: string, extra = {}) => ({ name, ...extra });
    const current = index([
      m('gone'),
      m('locked'),
      m('save', { params: [p('item')] }),
      m('load', { params: [p('id')] }),
      m('getName'),
      m('same'),
    ]);
    const target = index([
      m('locked', { final: true }),
      m('save', { params: [p('item', { type: 'array' })] }),
      m('load', { params: [p('id'), p('field', { default: 'null' })] }),
      m('getName', { bodyHash: 'h2' }),
      m('same'),
    ]);
    const findings = await runRule(rule, {
      project: projectFixture({ modules: [module] }),
      current: { release: releaseFixture('2.4.6-p3'), symbols: current },
      target: { symbols: target },
    });
    const got = findings.map((f) => `${f.severity} ${String(f.data?.plugin).split('::')[1]}`).sort();
    assert.deepEqual(got, [
      'error aroundGone',
      'error aroundSave',
      'error beforeLocked',
      'warning afterGetName',
      'warning beforeLoad',
    ]);
  });
});

describe('overrides/plugin-target-changed: the installed version of the package', () => {
  it('no finding when the target index holds the package at or below the installed version (not moved by the upgrade)', async () => {
    const module = pluginModule(['afterGetName']);
    const installed = (version: string) => ({
      name: 'magento/module-catalog',
      version,
      type: 'magento2-module',
      source: 'core' as const,
      license: [],
      require: {},
    });
    const run = (installedVersion: string) =>
      runRule(rule, {
        project: projectFixture({ modules: [module], packages: [installed(installedVersion)] }),
        current: { release: releaseFixture('2.4.7-p7'), symbols: index([m('getName')], '103.4.20') },
        target: { symbols: index([m('getName', { bodyHash: 'h2' })], '103.4.14') },
      });
    // Installed 103.4.28, the target index has 103.4.14: Composer keeps 103.4.28, the index's body is no change.
    assert.deepEqual(await run('103.4.28'), []);
    // Installed below the target's version: the upgrade moves it, the change is real.
    assert.equal((await run('103.4.10')).length, 1);
  });
});

describe('overrides/plugin-target-changed: a plugin whose code is under check', () => {
  it('reports a re-signed method the plugin still fits (return type, or arguments it does not declare) and leaves the rest to signature-mismatch', async () => {
    const module = pluginModule(['beforeGetName', 'afterGetName', 'aroundGetName', 'beforeLoad', 'aroundSave']);
    const p = (name: string, extra = {}) => ({ name, ...extra });
    const pluginCode = {
      analysis: {
        file: 'app/code/Acme/Catalog/Plugin/P.php',
        classes: [
          {
            name: 'Acme\\Catalog\\Plugin\\P',
            kind: 'class',
            implements: [],
            traits: [],
            properties: [],
            constants: [],
            line: 1,
            methods: [
              m('beforeGetName', { params: [p('subject')] }),
              m('afterGetName', { params: [p('subject'), p('result')] }),
              m('aroundGetName', { params: [p('subject'), p('proceed')] }),
              m('beforeLoad', { params: [p('subject')] }),
              m('aroundSave', { params: [p('subject'), p('proceed'), p('item')] }),
            ],
          },
        ],
      },
      package: null,
      module: 'Acme_Catalog',
      origin: 'custom',
    } as unknown as CodeUnit;
    const findings = await runRule(rule, {
      project: projectFixture({ modules: [module] }),
      code: [pluginCode],
      current: {
        release: releaseFixture('2.3.5'),
        symbols: index([
          m('getName', { returnType: 'string' }),
          m('load', { params: [p('id')] }),
          m('save', { params: [p('item')] }),
        ]),
      },
      target: {
        symbols: index([
          m('getName', { returnType: '?string' }),
          m('load', { params: [p('id', { type: 'int' })] }),
          m('save', { params: [p('item', { type: 'array' })] }),
        ]),
      },
    });
    // getName() may now return null: every plugin on it is to review. beforeLoad() declares none of load()'s
    // arguments, so it still fits; aroundSave() declares save()'s re-typed argument: signature-mismatch's judgement.
    assert.deepEqual(findings.map((f) => `${f.severity} ${String(f.data?.plugin).split('::')[1]}`).sort(), [
      'warning afterGetName',
      'warning aroundGetName',
      'warning beforeGetName',
      'warning beforeLoad',
    ]);
  });
});
