import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { releaseFilesFromMemory } from '../../check/files/release-files.js';
import { createSymbolIndex } from '../../knowledge/memory-symbol-index.js';
import { analyzePhp } from '../../php/index.js';
import type { ClassDecl } from '../../php/types.js';
import type { Plugin } from '../../project/model.js';
import { projectFixture, releaseFixture, runRule } from '../testing.js';
import { moduleWith } from './fixtures.js';
import { pluginPreferenceMoved as rule } from './plugin-preference-moved.js';

// The shape of SendCloud #136 on Magento's CartRepositoryInterface, with the preference moved between two releases.
const CART = 'Magento\\Quote\\Api\\CartRepositoryInterface';
const OLD = 'Magento\\Quote\\Model\\QuoteRepository';
const NEW = 'Magento\\AsyncOrder\\Model\\CartRepository';
const di = (type: string) =>
  `<config><preference for="${CART}" type="${type}"/><preference for="Acme\\Unrelated" type="X"/></config>`;
const files = (label: string, type: string, component = 'Magento_Quote') =>
  releaseFilesFromMemory(label, { [component]: { 'etc/di.xml': di(type) } });

const cls = (name: string, extra: Partial<ClassDecl> = {}): ClassDecl => ({
  name,
  kind: 'class',
  implements: [CART],
  traits: [],
  methods: [],
  properties: [],
  constants: [],
  line: 1,
  ...extra,
});
const symbols = (...classes: ClassDecl[]) =>
  createSymbolIndex([
    {
      package: 'magento/module-quote',
      version: '1',
      classes: [cls(CART, { kind: 'interface', implements: [] }), ...classes],
      functions: [],
    },
  ]);

const pluginOn = (target: string, type = 'Acme\\Cart\\Plugin\\CartPlugin'): Plugin => ({
  file: 'app/code/Acme/Cart/etc/di.xml',
  line: 3,
  target,
  name: 'acme_cart',
  type,
  disabled: false,
  area: 'global',
  methods: ['afterGet'],
});
const pluginCode = (subject: string) =>
  analyzePhp(
    `<?php
namespace Acme\\Cart\\Plugin;
use ${subject};
class CartPlugin {
    public function afterGet(${subject.split('\\').at(-1)} $subject, $cart) { return $cart; }
}`,
    'app/code/Acme/Cart/Plugin/CartPlugin.php',
  );

async function run(
  plugin: Plugin,
  subject: string | null,
  currentType: string,
  targetType: string | null,
  target = symbols(cls(OLD), cls(NEW)),
) {
  const code = subject
    ? [{ analysis: await pluginCode(subject), package: null, module: 'Acme_Cart', origin: 'custom' as const }]
    : [];
  return runRule(rule, {
    project: projectFixture({ modules: [moduleWith('Acme_Cart', { plugins: [plugin] })] }),
    current: { release: releaseFixture('2.4.3'), symbols: symbols(cls(OLD)) },
    target: { release: releaseFixture('2.4.4'), symbols: target },
    code,
    files: {
      current: files('2.4.3', currentType),
      target: targetType === null ? null : files('2.4.4', targetType),
    },
  });
}

describe('overrides/plugin-preference-moved', () => {
  it('reports a plugin on the interface whose $subject is typed as the class core no longer prefers (error)', async () => {
    const findings = await run(pluginOn(CART), OLD, OLD, NEW);
    assert.deepEqual(
      findings.map((f) => [f.severity, f.messageId, f.data?.was, f.data?.now]),
      [['error', 'subjectType', OLD, NEW]],
    );
  });

  it('is silent when $subject is the interface, or when the new class extends the old one', async () => {
    assert.deepEqual(await run(pluginOn(CART), CART, OLD, NEW), []);
    assert.deepEqual(await run(pluginOn(CART), OLD, OLD, NEW, symbols(cls(OLD), cls(NEW, { extends: OLD }))), []);
    // A generated proxy extends the class it is named after.
    assert.deepEqual(await run(pluginOn(CART), OLD, OLD, `${OLD}\\Proxy`), []);
  });

  it('reports a plugin on the old concrete class when the new class cannot reach it (warning), not a decorator', async () => {
    const findings = await run(pluginOn(OLD), null, OLD, NEW);
    assert.deepEqual(
      findings.map((f) => [f.severity, f.messageId, f.data?.for]),
      [['warning', 'concreteTarget', CART]],
    );
    const decorator = cls(NEW, {
      methods: [{ name: '__construct', visibility: 'public', params: [{ name: 'inner', type: OLD }], line: 2 }],
    });
    assert.deepEqual(await run(pluginOn(OLD), null, OLD, NEW, symbols(cls(OLD), decorator)), []);
  });

  it('says "could not verify" (info) when the target has no di.xml data, never that the preference moved', async () => {
    const noData = await run(pluginOn(CART), OLD, OLD, null);
    assert.deepEqual(
      noData.map((f) => [f.severity, f.messageId]),
      [['info', 'unverified']],
    );
    // The module that declares the preference now is absent from the target's data.
    const findings = await runRule(rule, {
      project: projectFixture({ modules: [moduleWith('Acme_Cart', { plugins: [pluginOn(OLD)] })] }),
      current: { release: releaseFixture('2.4.3'), symbols: symbols(cls(OLD)) },
      target: { release: releaseFixture('2.4.4'), symbols: symbols(cls(OLD), cls(NEW)) },
      files: { current: files('2.4.3', OLD), target: files('2.4.4', NEW, 'Magento_Other') },
    });
    assert.deepEqual(
      findings.map((f) => [f.severity, f.messageId]),
      [['info', 'unverified']],
    );
  });

  it('is silent when the preference did not move, or when the project prefers its own class for the interface', async () => {
    assert.deepEqual(await run(pluginOn(CART), OLD, OLD, OLD), []);
    const findings = await runRule(rule, {
      project: projectFixture({
        modules: [
          moduleWith('Acme_Cart', {
            plugins: [pluginOn(OLD)],
            preferences: [
              { for: CART, type: 'Acme\\Cart\\Repo', area: 'global', file: 'app/code/Acme/Cart/etc/di.xml', line: 2 },
            ],
          }),
        ],
      }),
      current: { release: releaseFixture('2.4.3'), symbols: symbols(cls(OLD)) },
      target: { release: releaseFixture('2.4.4'), symbols: symbols(cls(OLD), cls(NEW)) },
      files: { current: files('2.4.3', OLD), target: files('2.4.4', NEW) },
    });
    assert.deepEqual(findings, []);
  });
});
