import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createSymbolIndex } from '../../knowledge/memory-symbol-index.js';
import { loadProject } from '../../project/load.js';
import { projectFixture, releaseFixture, runRule } from '../testing.js';
import { moduleWith } from './fixtures.js';
import { pluginTargetAdded as rule } from './plugin-target-added.js';

const profile = createSymbolIndex([
  {
    package: 'magento/module-adobe-ims',
    version: '1',
    classes: [
      {
        name: 'Magento\\AdobeIms\\Model\\UserProfile',
        kind: 'class',
        implements: [],
        traits: [],
        methods: [{ name: 'getUpdatedAt', visibility: 'public', params: [], line: 3 }],
        properties: [],
        constants: [],
        line: 1,
      },
    ],
    functions: [],
  },
]);

describe('overrides/plugin-target-added', () => {
  it('reports each method of a plugin on a class only the target has, naming the class behind a virtualType', async () => {
    const module = moduleWith('Acme_Ims', {
      plugins: [
        {
          file: 'etc/di.xml',
          line: 4,
          target: 'Magento\\AdobeIms\\Model\\UserProfile',
          name: 'virtual',
          type: 'acmeVirtualPlugin',
          class: 'Acme\\Ims\\Plugin\\Profile',
          disabled: false,
          area: 'global',
          methods: ['afterGetUpdatedAt', 'beforeGetUpdatedAt'],
        },
        {
          file: 'etc/di.xml',
          line: 5,
          target: 'Magento\\Catalog\\Model\\Product',
          name: 'elsewhere',
          type: 'Acme\\Ims\\Plugin\\Product',
          disabled: false,
          area: 'global',
          methods: ['afterGetName'],
        },
      ],
    });
    const findings = await runRule(rule, {
      project: projectFixture({ modules: [module] }),
      current: { release: releaseFixture('2.3.0'), symbols: createSymbolIndex([]) },
      target: { release: releaseFixture('2.3.7-p3'), symbols: profile },
    });
    assert.deepEqual(
      findings.map((f) => f.message),
      [
        'Plugin virtual (Acme\\Ims\\Plugin\\Profile::afterGetUpdatedAt) on Magento\\AdobeIms\\Model\\UserProfile::getUpdatedAt(), a class 2.3.0 does not have and 2.3.7-p3 adds: the plugin starts intercepting with the upgrade.',
        'Plugin virtual (Acme\\Ims\\Plugin\\Profile::beforeGetUpdatedAt) on Magento\\AdobeIms\\Model\\UserProfile::getUpdatedAt(), a class 2.3.0 does not have and 2.3.7-p3 adds: the plugin starts intercepting with the upgrade.',
      ],
    );
    assert.deepEqual(
      await runRule(rule, {
        project: projectFixture({ modules: [module] }),
        current: { release: releaseFixture('2.3.7'), symbols: profile },
        target: { release: releaseFixture('2.3.7-p3'), symbols: profile },
      }),
      [],
      'a class the current release has too is plugin-target-changed territory',
    );
  });

  it('the loader reads a virtualType-typed plugin’s methods from the class behind it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mageup-virtual-plugin-'));
    const write = (path: string, text: string) => {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    write(
      'registration.php',
      "<?php\n\\Magento\\Framework\\Component\\ComponentRegistrar::register(\\Magento\\Framework\\Component\\ComponentRegistrar::MODULE, 'Acme_Ims', __DIR__);\n",
    );
    write('etc/module.xml', '<config><module name="Acme_Ims"/></config>\n');
    write(
      'etc/di.xml',
      '<config>\n  <type name="Magento\\AdobeIms\\Model\\UserProfile">\n    <plugin name="virtual" type="acmeVirtualPlugin"/>\n  </type>\n' +
        '  <virtualType name="acmeVirtualPlugin" type="Acme\\Ims\\Plugin\\Profile"/>\n</config>\n',
    );
    write(
      'Plugin/Profile.php',
      '<?php\nnamespace Acme\\Ims\\Plugin;\nclass Profile { public function afterGetUpdatedAt($s, $r) { return $r; } }\n',
    );
    const model = await loadProject(root);
    const plugin = model.modules.find((m) => m.name === 'Acme_Ims')?.customizations.plugins[0];
    assert.equal(plugin?.class, 'Acme\\Ims\\Plugin\\Profile');
    assert.deepEqual(plugin?.methods, ['afterGetUpdatedAt']);
  });
});
