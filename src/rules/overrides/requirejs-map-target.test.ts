import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { releaseFilesFromMemory } from '../../check/files/release-files.js';
import { projectFixture, runRule } from '../testing.js';
import { themeWith } from './fixtures.js';
import { rule } from './requirejs-map-target.js';

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
  });
});
