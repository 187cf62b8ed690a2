// Bad input under `check --focus overrides`: themes with cyclic parents, a theme without theme.xml, layout XML that
// does not parse and override files that match no original are reported, and no override rule fails.
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCheck } from '../src/check/run-check.js';
import { fixedClock } from '../src/knowledge/clock.js';
import { writeTree } from './fixtures/vendor-pair/pair.js';

const SAMPLE = fileURLToPath(new URL('../examples/sample-store', import.meta.url));
const registration = (code: string) =>
  `<?php\nuse Magento\\Framework\\Component\\ComponentRegistrar;\n\nComponentRegistrar::register(ComponentRegistrar::THEME, '${code}', __DIR__);\n`;
const themeXml = (parent: string) =>
  `<?xml version="1.0"?>\n<theme>\n    <title>T</title>\n    <parent>${parent}</parent>\n</theme>\n`;

describe('check --focus overrides on bad input', () => {
  const root = mkdtempSync(join(tmpdir(), 'mageup-overrides-bad-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  cpSync(SAMPLE, root, { recursive: true });
  writeTree(root, {
    'app/design/frontend/Bad/one/registration.php': registration('frontend/Bad/one'),
    'app/design/frontend/Bad/one/theme.xml': themeXml('Bad/two'),
    'app/design/frontend/Bad/one/Magento_Catalog/templates/product/view/gallery.phtml': '<p>one</p>\n',
    'app/design/frontend/Bad/two/registration.php': registration('frontend/Bad/two'),
    'app/design/frontend/Bad/two/theme.xml': themeXml('Bad/one'),
    'app/design/frontend/Bad/bare/registration.php': registration('frontend/Bad/bare'),
    'app/design/frontend/Bad/bare/Magento_Catalog/templates/product/renamed-long-ago.phtml': '<p>old</p>\n',
    'app/design/frontend/Bad/bare/Magento_Catalog/layout/catalog_product_view.xml':
      '<page><body><referenceBlock name="x"></body>\n',
  });

  it('reports the problems, keeps going and reports what it can', async () => {
    const result = await runCheck({
      path: root,
      to: '2.4.8',
      focus: ['overrides'],
      workers: 1,
      cacheDir: false,
      clock: fixedClock('2026-11-23'),
    });
    const codes = new Set(result.problems.map((p) => p.code));
    assert.ok(codes.has('theme-parent-cycle'), [...codes].join(', '));
    assert.ok(codes.has('theme-xml-missing'), [...codes].join(', '));
    assert.ok(
      result.problems.some((p) => p.file?.endsWith('Bad/bare/Magento_Catalog/layout/catalog_product_view.xml')),
      'broken layout XML named',
    );
    assert.ok(!codes.has('rule-failed'), JSON.stringify(result.problems.filter((p) => p.code === 'rule-failed')));
    assert.ok(
      result.findings.some(
        (f) =>
          f.ruleId === 'overrides/no-original' &&
          f.file?.endsWith('Bad/bare/Magento_Catalog/templates/product/renamed-long-ago.phtml'),
      ),
    );
    assert.ok(
      result.findings.some(
        (f) => f.ruleId === 'overrides/theme-template-changed' && f.file?.startsWith('app/design/frontend/Bad/one/'),
      ),
    );
  });
});
