import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { projectFixture, runRule } from '../testing.js';
import { moduleWith } from '../overrides/fixtures.js';
import { unitOf } from '../php-api/fixtures.js';
import { duplicatePreference as rule } from './duplicate-preference.js';

const pref = (module: string, line: number, area = 'global') => ({
  file: `app/code/${module.replace('_', '/')}/etc/di.xml`,
  line,
  for: 'Magento\\Sales\\Pdf\\Invoice',
  type: `${module}\\Invoice`,
  area,
});

describe('conflicts/duplicate-preference', () => {
  it('reports two modules preferring one type in one area once, the other side related; other areas and one module twice are not conflicts', async () => {
    const modules = [
      moduleWith('Acme_Pdf', { preferences: [pref('Acme_Pdf', 3)] }),
      moduleWith('Pdf_Pro', { preferences: [pref('Pdf_Pro', 5), pref('Pdf_Pro', 9, 'adminhtml')] }),
      moduleWith('Solo_One', {
        preferences: [
          { ...pref('Solo_One', 2), for: 'X' },
          { ...pref('Solo_One', 4), for: 'X' },
        ],
      }),
    ];
    const findings = await runRule(rule, { project: projectFixture({ modules }) });
    assert.deepEqual(
      findings.map((f) => `${f.file}:${f.line}`),
      ['app/code/Acme/Pdf/etc/di.xml:3'],
    );
    assert.deepEqual(findings[0]!.related, [{ file: 'app/code/Pdf/Pro/etc/di.xml', line: 5, module: 'Pdf_Pro' }]);
    assert.equal(findings[0]!.messageId, 'duplicate');
    assert.equal(findings[0]!.data?.others, 'Pdf_Pro (Pdf_Pro\\Invoice, app/code/Pdf/Pro/etc/di.xml:5)');
  });

  it('a module that loads after the other and whose class extends the other’s is a chain, not a conflict', async () => {
    // Mageplaza LayeredNavigationUltimate (sequence: …Pro) prefers its Helper\Data, which extends …Pro's.
    const helper = (module: string, line: number) => ({
      file: `app/code/${module.replace('_', '/')}/etc/di.xml`,
      line,
      for: 'Nav\\Base\\Helper\\Data',
      type: `${module.replace('_', '\\')}\\Helper\\Data`,
      area: 'global',
    });
    const pro = moduleWith('Nav_Pro', { preferences: [helper('Nav_Pro', 3)] });
    const ultimate = {
      ...moduleWith('Nav_Ultimate', { preferences: [helper('Nav_Ultimate', 4)] }),
      sequence: ['Nav_Pro'],
    };
    const code = [
      await unitOf(
        'app/code/Nav/Pro/Helper/Data.php',
        '<?php namespace Nav\\Pro\\Helper; class Data extends \\Nav\\Base\\Helper\\Data {}',
      ),
      await unitOf(
        'app/code/Nav/Ultimate/Helper/Data.php',
        '<?php namespace Nav\\Ultimate\\Helper; use Nav\\Pro\\Helper\\Data as ProData; class Data extends ProData {}',
      ),
    ];
    const chain = await runRule(rule, { project: projectFixture({ modules: [pro, ultimate] }), code });
    assert.deepEqual(chain, []);
    // Without the sequence, which one wins is the load order's accident: still a conflict.
    const unordered = await runRule(rule, {
      project: projectFixture({ modules: [pro, { ...ultimate, sequence: [] }] }),
      code,
    });
    assert.equal(unordered.length, 1);
    // Loaded after, but a class of its own that does not extend the other's: the other's replacement is lost.
    const unrelated = await runRule(rule, { project: projectFixture({ modules: [pro, ultimate] }), code: [code[0]!] });
    assert.equal(unrelated.length, 1);
  });
});
