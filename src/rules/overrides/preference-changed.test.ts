import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { createSymbolIndex } from '../../knowledge/memory-symbol-index.js';
import type { ClassDecl, MethodDecl } from '../../php/types.js';
import type { MessagePart } from '../../core/finding.js';
import type { CodeUnit } from '../rule.js';
import { projectFixture, releaseFixture, runRule } from '../testing.js';
import { moduleWith } from './fixtures.js';
import { preferenceChanged as rule } from './preference-changed.js';

const method = (name: string, bodyHash: string, extra: Partial<MethodDecl> = {}): MethodDecl => ({
  name,
  visibility: 'public',
  params: [],
  line: 1,
  bodyHash,
  ...extra,
});
const cls = (name: string, methods: MethodDecl[], extra: Partial<ClassDecl> = {}): ClassDecl => ({
  name,
  kind: 'class',
  implements: [],
  traits: [],
  methods,
  properties: [],
  constants: [],
  line: 1,
  ...extra,
});
const index = (...classes: ClassDecl[]) =>
  createSymbolIndex([{ package: 'magento/module-sales', version: '1', classes, functions: [] }]);

describe('overrides/preference-changed', () => {
  const module = moduleWith('Acme_Pdf', {
    preferences: [
      {
        file: 'app/code/Acme/Pdf/etc/di.xml',
        line: 3,
        for: 'Magento\\Sales\\Pdf\\Invoice',
        type: 'Acme\\Pdf\\Invoice',
        area: 'global',
      },
      {
        file: 'app/code/Acme/Pdf/etc/di.xml',
        line: 4,
        for: 'Magento\\Sales\\Pdf\\Gone',
        type: 'Acme\\Pdf\\Gone',
        area: 'global',
      },
      {
        file: 'app/code/Acme/Pdf/etc/di.xml',
        line: 5,
        for: 'Magento\\Sales\\Pdf\\Same',
        type: 'Acme\\Pdf\\Same',
        area: 'global',
      },
    ],
  });
  const current = index(
    cls('Magento\\Sales\\Pdf\\Invoice', [method('draw', 'a')], { extends: 'Magento\\Sales\\Pdf\\AbstractPdf' }),
    cls('Magento\\Sales\\Pdf\\AbstractPdf', [method('insertOrder', 'x')]),
    cls('Magento\\Sales\\Pdf\\Gone', []),
    cls('Magento\\Sales\\Pdf\\Same', [method('run', 'r')]),
  );
  const target = index(
    cls('Magento\\Sales\\Pdf\\Invoice', [method('draw', 'a')], { extends: 'Magento\\Sales\\Pdf\\AbstractPdf' }),
    cls('Magento\\Sales\\Pdf\\AbstractPdf', [method('insertOrder', 'y')]),
    cls('Magento\\Sales\\Pdf\\Same', [method('run', 'r')]),
  );

  it('reports a preferred class whose parent changed; a removed one is left to php-api/missing-class', async () => {
    const findings = await runRule(rule, {
      project: projectFixture({ modules: [module] }),
      current: { release: releaseFixture('2.4.6-p3'), symbols: current },
      target: { symbols: target },
    });
    assert.deepEqual(
      findings.map((f) => [f.line, f.severity]),
      [[3, 'warning']],
    );
    assert.equal(findings[0]!.messageId, 'changed');
    assert.deepEqual(findings[0]!.data?.changes, [
      { messageId: 'methodBody', data: { cls: 'AbstractPdf', method: 'insertOrder' } },
    ]);
  });

  it('a preference that extends the original is judged on the methods it overrides (inherited-only changes are info); one for a core class is not reported', async () => {
    const prefs = moduleWith('Acme_Pdf', {
      preferences: [
        {
          file: 'app/code/Acme/Pdf/etc/di.xml',
          line: 3,
          for: 'Magento\\Sales\\Pdf\\Invoice',
          type: 'Acme\\Pdf\\Overrides',
          area: 'global',
        },
        {
          file: 'app/code/Acme/Pdf/etc/di.xml',
          line: 4,
          for: 'Magento\\Sales\\Pdf\\Invoice',
          type: 'Acme\\Pdf\\Inherits',
          area: 'global',
        },
        {
          file: 'app/code/Acme/Pdf/etc/di.xml',
          line: 5,
          for: 'Magento\\Sales\\Pdf\\Invoice',
          type: 'Acme\\Pdf\\Standalone',
          area: 'global',
        },
        {
          file: 'app/code/Acme/Pdf/etc/di.xml',
          line: 7,
          for: 'Magento\\Sales\\Pdf\\Invoice',
          type: 'Acme\\Pdf\\Grandchild',
          area: 'global',
        },
        {
          file: 'app/code/Acme/Pdf/etc/di.xml',
          line: 6,
          for: 'Magento\\Sales\\Pdf\\AbstractPdf',
          type: 'Magento\\Sales\\Pdf\\Invoice',
          area: 'global',
        },
      ],
    });
    const unit = (classes: ClassDecl[]) =>
      ({
        analysis: { file: 'app/code/Acme/Pdf/Model.php', classes },
        package: null,
        module: 'Acme_Pdf',
        origin: 'custom',
      }) as unknown as CodeUnit;
    const findings = await runRule(rule, {
      project: projectFixture({ modules: [prefs] }),
      code: [
        unit([
          cls('Acme\\Pdf\\Overrides', [method('insertOrder', 'z')], { extends: 'Magento\\Sales\\Pdf\\Invoice' }),
          cls('Acme\\Pdf\\Base', [method('draw', 'd')], { extends: 'Magento\\Sales\\Pdf\\Invoice' }),
          cls('Acme\\Pdf\\Inherits', [method('other', 'o')], { extends: 'Acme\\Pdf\\Base' }),
          cls('Acme\\Pdf\\Standalone', [method('draw', 's')]),
          cls('Acme\\Pdf\\Grandchild', [], { extends: 'Acme\\Pdf\\Overrides' }),
        ]),
      ],
      current: { release: releaseFixture('2.4.6-p3'), symbols: current },
      target: { symbols: target },
    });
    // Overrides overrides the changed insertOrder(); Inherits (through Base) inherits the change (info) and the core
    // Invoice is upgraded with Magento; Standalone replaces the whole class, so every change concerns it; Grandchild
    // overrides it through Overrides.
    assert.deepEqual(
      findings.map((f) => [f.line, f.severity]),
      [
        [3, 'warning'],
        [4, 'info'],
        [5, 'warning'],
        [7, 'warning'],
      ],
    );
    assert.equal(findings[1]!.messageId, 'inherited');
    assert.equal(findings[1]!.data?.type, 'Acme\\Pdf\\Inherits');
    assert.equal(findings[0]!.messageId, 'changed');
    assert.deepEqual(findings[0]!.data?.changes, [
      { messageId: 'methodBodyOverridden', data: { cls: 'AbstractPdf', method: 'insertOrder' } },
    ]);
  });

  it('needs the current API to compare', async () => {
    assert.deepEqual(
      await runRule(rule, { project: projectFixture({ modules: [module] }), target: { symbols: target } }),
      [],
    );
  });

  it('a replacement beside the original gets changes of their shared parents through its own: not to port', async () => {
    // Mageplaza LayeredNavigationPro's attribute Form replaces Catalog's Edit\Form but extends Generic, as the
    // original does: AbstractBlock/DataObject changes reach it anyway; only the original's own methods are lost.
    const sibling: CodeUnit = {
      analysis: {
        file: 'app/code/Acme/Pdf/Invoice.php',
        classes: [cls('Acme\\Pdf\\Invoice', [method('draw', 'mine')], { extends: 'Magento\\Sales\\Pdf\\AbstractPdf' })],
      } as CodeUnit['analysis'],
      package: null,
      module: 'Acme_Pdf',
      origin: 'custom',
    };
    const only = moduleWith('Acme_Pdf', { preferences: [module.customizations.preferences[0]!] });
    const parentOnly = await runRule(rule, {
      project: projectFixture({ modules: [only] }),
      current: { release: releaseFixture('2.4.6-p3'), symbols: current },
      target: { symbols: target },
      code: [sibling],
    });
    assert.deepEqual(
      parentOnly.map((f) => [f.line, f.severity, f.messageId]),
      [[3, 'info', 'inherited']],
    );
    const ownToo = index(
      cls('Magento\\Sales\\Pdf\\Invoice', [method('draw', 'b')], { extends: 'Magento\\Sales\\Pdf\\AbstractPdf' }),
      cls('Magento\\Sales\\Pdf\\AbstractPdf', [method('insertOrder', 'y')]),
    );
    const both = await runRule(rule, {
      project: projectFixture({ modules: [only] }),
      current: { release: releaseFixture('2.4.6-p3'), symbols: current },
      target: { symbols: ownToo },
      code: [sibling],
    });
    assert.deepEqual(
      both.map((f) => [f.severity, f.messageId, (f.data?.changes as MessagePart[]).map((c) => c.data?.method)]),
      [['warning', 'changed', ['draw']]],
    );
  });
});
