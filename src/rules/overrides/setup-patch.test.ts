import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { projectFixture, runRule } from '../testing.js';
import { moduleWith } from './fixtures.js';
import { setupPatch as rule } from './setup-patch.js';

describe('overrides/setup-patch', () => {
  it('lists data and schema patches of custom modules (info), not legacy scripts or core modules', async () => {
    const custom = moduleWith('Acme_Foo', {
      setupScripts: [
        { file: 'app/code/Acme/Foo/Setup/Patch/Data/A.php', kind: 'data-patch' },
        { file: 'app/code/Acme/Foo/Setup/Patch/Schema/B.php', kind: 'schema-patch' },
        { file: 'app/code/Acme/Foo/Setup/UpgradeData.php', kind: 'upgrade-data' },
      ],
    });
    const core = moduleWith(
      'Magento_Bar',
      { setupScripts: [{ file: 'vendor/magento/module-bar/Setup/Patch/Data/C.php', kind: 'data-patch' }] },
      { core: true },
    );
    const findings = await runRule(rule, { project: projectFixture({ modules: [custom, core] }) });
    assert.deepEqual(
      findings.map((f) => [f.file, f.severity]),
      [
        ['app/code/Acme/Foo/Setup/Patch/Data/A.php', 'info'],
        ['app/code/Acme/Foo/Setup/Patch/Schema/B.php', 'info'],
      ],
    );
  });
});
