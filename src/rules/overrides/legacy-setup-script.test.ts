import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { projectFixture, runRule } from '../testing.js';
import { moduleWith } from './fixtures.js';
import { legacySetupScript as rule } from './legacy-setup-script.js';
import type { CodeUnit } from '../rule.js';

describe('overrides/legacy-setup-script', () => {
  it('reports Install/Upgrade scripts at their class line, not patches', async () => {
    const module = moduleWith('Acme_Foo', {
      setupScripts: [
        {
          file: 'app/code/Acme/Foo/Setup/InstallSchema.php',
          kind: 'install-schema',
          class: 'Acme\\Foo\\Setup\\InstallSchema',
        },
        { file: 'app/code/Acme/Foo/Setup/Patch/Data/X.php', kind: 'data-patch' },
      ],
    });
    const code: CodeUnit[] = [
      {
        analysis: {
          file: 'app/code/Acme/Foo/Setup/InstallSchema.php',
          classes: [
            {
              name: 'Acme\\Foo\\Setup\\InstallSchema',
              kind: 'class',
              implements: [],
              traits: [],
              methods: [],
              properties: [],
              constants: [],
              line: 12,
            },
          ],
        } as unknown as CodeUnit['analysis'],
        package: null,
        module: 'Acme_Foo',
        origin: 'custom',
      },
    ];
    const findings = await runRule(rule, { project: projectFixture({ modules: [module] }), code });
    // Advice, not upgrade work: the target still runs the script, so it adds no hours.
    assert.deepEqual(
      findings.map((f) => [f.file, f.line, f.effort?.hours]),
      [['app/code/Acme/Foo/Setup/InstallSchema.php', 12, 0]],
    );
  });
});
