import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { projectFixture, runRule } from '../testing.js';
import { moduleWith } from '../overrides/fixtures.js';
import { rule } from './duplicate-preference.js';

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
});
