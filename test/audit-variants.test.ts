import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadProject } from '../src/project/load.js';
import { codeFiles } from '../src/project/code-files.js';

const work = mkdtempSync(join(tmpdir(), 'mageup-variants-'));
after(() => rmSync(work, { recursive: true, force: true }));

let counter = 0;
/** Writes a small project from a map of path → content (objects become JSON). */
function project(files: Record<string, string | object>): string {
  const root = join(work, `p${++counter}`);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return root;
}

const lock = (...packages: [string, string, string?, Record<string, string>?][]): object => ({
  packages: packages.map(([name, version, type, require]) => ({
    name,
    version,
    type: type ?? 'library',
    ...(require ? { require } : {}),
  })),
});

const register = (type: string, name: string): string =>
  `<?php\n\\Magento\\Framework\\Component\\ComponentRegistrar::register(\n    \\Magento\\Framework\\Component\\ComponentRegistrar::${type},\n    '${name}',\n    __DIR__\n);\n`;

describe('editions and versions', () => {
  it('Adobe Commerce: enterprise metapackage wins; Adobe-only packages are `adobe`', async () => {
    const model = await loadProject(
      project({
        'app/etc/di.xml': '<config/>',
        'composer.json': { require: { 'magento/product-enterprise-edition': '2.4.7-p3' } },
        'composer.lock': lock(
          ['magento/product-community-edition', '2.4.7-p3', 'metapackage', { 'magento/module-catalog': '104.0.7-p3' }],
          [
            'magento/product-enterprise-edition',
            '2.4.7-p3',
            'metapackage',
            {
              'magento/product-community-edition': '2.4.7-p3',
              'magento/module-staging': '101.2.7-p3',
              'magento/module-catalog': '104.0.7-p3',
            },
          ],
          ['magento/module-catalog', '104.0.7-p3', 'magento2-module'],
          ['magento/module-staging', '101.2.7-p3', 'magento2-module'],
        ),
      }),
    );
    assert.equal(model.magento.edition, 'commerce');
    assert.equal(model.magento.version, '2.4.7-p3');
    assert.equal(model.magento.productPackage, 'magento/product-enterprise-edition');
    const source = Object.fromEntries(model.packages.map((p) => [p.name, p.source]));
    assert.equal(source['magento/module-staging'], 'adobe');
    assert.equal(source['magento/module-catalog'], 'core');
  });

  it('B2B on Commerce', async () => {
    const model = await loadProject(
      project({
        'app/etc/di.xml': '<config/>',
        'composer.lock': lock(
          ['magento/product-enterprise-edition', '2.4.6-p3', 'metapackage'],
          ['magento/extension-b2b', '1.4.0', 'metapackage'],
        ),
      }),
    );
    assert.equal(model.magento.edition, 'b2b');
    assert.equal(model.magento.b2b, true);
    assert.equal(model.magento.version, '2.4.6-p3');
  });

  it('Mage-OS with the upstream Magento version it replaces', async () => {
    const root = project({
      'composer.json': { require: { 'mage-os/product-community-edition': '1.0.4' } },
      'composer.lock': {
        packages: [
          {
            name: 'mage-os/product-community-edition',
            version: '1.0.4',
            type: 'metapackage',
            replace: { 'magento/product-community-edition': '2.4.7-p3' },
          },
        ],
      },
    });
    const model = await loadProject(root);
    assert.equal(model.kind, 'project');
    assert.equal(model.magento.edition, 'mage-os');
    assert.equal(model.magento.version, '1.0.4');
    assert.equal(model.magento.upstreamVersion, '2.4.7-p3');
  });

  it('Mage-OS: extra.magento_version names the upstream release', async () => {
    const model = await loadProject(
      project({
        'app/etc/di.xml': '<config/>',
        'composer.lock': {
          packages: [
            {
              name: 'mage-os/product-community-edition',
              version: '1.1.0',
              type: 'metapackage',
              extra: { magento_version: '2.4.7-p4' },
            },
            { name: 'mage-os/module-catalog', version: '104.0.8', type: 'magento2-module' },
          ],
        },
      }),
    );
    assert.deepEqual(
      [model.magento.edition, model.magento.version, model.magento.upstreamVersion],
      ['mage-os', '1.1.0', '2.4.7-p4'],
    );
    assert.equal(model.packages.find((p) => p.name === 'mage-os/module-catalog')?.source, 'core');
  });

  it('the version is located at the file and line it was read from (composer.json constraint, composer.lock entry)', async () => {
    const fromJson = await loadProject(
      project({
        'app/etc/di.xml': '<config/>',
        'composer.json': {
          name: 'acme/shop',
          require: { php: '~8.2.0', 'magento/product-community-edition': '2.4.6-p3' },
        },
      }),
    );
    // JSON.stringify(…, null, 2): line 1 "{", 2 name, 3 "require": {, 4 php, 5 the metapackage.
    assert.deepEqual(
      [fromJson.magento.version, fromJson.magento.versionFile, fromJson.magento.versionLine],
      ['2.4.6-p3', 'composer.json', 5],
    );
    const fromLock = await loadProject(
      project({
        'app/etc/di.xml': '<config/>',
        'composer.json': { require: { 'magento/product-community-edition': '2.4.6-p3' } },
        'composer.lock': lock(
          ['magento/framework', '103.0.6-p3'],
          ['magento/product-community-edition', '2.4.6-p3', 'metapackage'],
        ),
      }),
    );
    assert.equal(fromLock.magento.versionFile, 'composer.lock');
    const lockLines = JSON.stringify(
      lock(['magento/framework', '103.0.6-p3'], ['magento/product-community-edition', '2.4.6-p3', 'metapackage']),
      null,
      2,
    ).split('\n');
    assert.equal(lockLines[fromLock.magento.versionLine! - 1]!.trim(), '"name": "magento/product-community-edition",');
  });

  it('a composer.json range gives no exact version and says which constraint', async () => {
    const model = await loadProject(
      project({
        'app/etc/di.xml': '<config/>',
        'composer.json': { require: { 'magento/product-community-edition': '^2.4.6' } },
      }),
    );
    assert.equal(model.magento.version, null);
    assert.equal(model.magento.edition, 'open-source');
    assert.match(model.magento.versionSource ?? '', /constraint \^2\.4\.6/);
  });
});

describe('extensions analysed on their own', () => {
  it('a package with modules under src/ (composer.json type only)', async () => {
    const root = project({
      'composer.json': {
        name: 'acme/module-pack',
        type: 'magento2-module',
        version: '2.0.0',
        require: { 'magento/framework': '^103.0' },
        autoload: { files: ['src/One/registration.php', 'src/Two/registration.php'] },
      },
      'src/One/registration.php': register('MODULE', 'Acme_One'),
      'src/One/etc/module.xml':
        '<config><module name="Acme_One"><sequence><module name="Acme_Two"/></sequence></module></config>',
      'src/One/etc/di.xml':
        '<config><type name="Magento\\Sales\\Model\\Order"><plugin name="one" type="Acme\\One\\Plugin\\OrderPlugin"/></type></config>',
      'src/One/Plugin/OrderPlugin.php':
        '<?php\nnamespace Acme\\One\\Plugin;\nclass OrderPlugin {\n  public function aroundPlace($s, callable $proceed) { return $proceed(); }\n  public function afterGetId($s, $r) { return $r; }\n  private function helper() {}\n}\n',
      'src/Two/registration.php': register('MODULE', 'Acme_Two'),
      'src/Two/etc/module.xml': '<config><module name="Acme_Two"/></config>',
      'vendor/magento/framework/Foo.php': '<?php // dev dependency: not code under check\n',
    });
    const model = await loadProject(root);
    assert.equal(model.kind, 'extension');
    assert.deepEqual(
      model.packages.map((p) => [p.name, p.source]),
      [['acme/module-pack', 'root']],
    );
    assert.deepEqual(model.rootRequire, { 'magento/framework': '^103.0' });
    assert.deepEqual(
      model.modules.map((m) => [m.name, m.path, m.package, m.sequence]),
      [
        ['Acme_One', 'src/One', 'acme/module-pack', ['Acme_Two']],
        ['Acme_Two', 'src/Two', 'acme/module-pack', []],
      ],
    );
    assert.deepEqual(model.modules[0]?.customizations.plugins[0]?.methods, ['afterGetId', 'aroundPlace']);
    assert.deepEqual(
      codeFiles(model).map((f) => [f.file, f.module]),
      [
        ['src/One/Plugin/OrderPlugin.php', 'Acme_One'],
        ['src/One/registration.php', 'Acme_One'],
        ['src/Two/registration.php', 'Acme_Two'],
      ],
    );
  });

  it('a module directory without composer.json', async () => {
    const model = await loadProject(
      project({
        'registration.php': register('MODULE', 'Acme_Bare'),
        'etc/module.xml': '<config><module name="Acme_Bare"/></config>',
        'etc/events.xml':
          '<config><event name="x"><observer name="o" instance="Acme\\Bare\\Observer\\O"/></event></config>',
      }),
    );
    assert.equal(model.kind, 'extension');
    assert.deepEqual(model.packages, []);
    assert.deepEqual(
      model.modules.map((m) => [m.name, m.package, m.customizationsScanned]),
      [['Acme_Bare', null, true]],
    );
    assert.equal(model.modules[0]?.customizations.observers[0]?.instance, 'Acme\\Bare\\Observer\\O');
  });

  it('a theme directory, with Hyvä detected from its parent', async () => {
    const model = await loadProject(
      project({
        'registration.php': register('THEME', 'frontend/Acme/hyva-child'),
        'theme.xml': '<theme><title>Child</title><parent>Hyva/default</parent></theme>',
        'Magento_Catalog/templates/product/list.phtml': '<div></div>',
      }),
    );
    assert.equal(model.kind, 'extension');
    assert.equal(model.themes[0]?.code, 'frontend/Acme/hyva-child');
    assert.equal(model.themes[0]?.hyva, true);
    assert.ok(model.problems.some((p) => p.code === 'theme-parent-missing'));
  });
});

describe('patches', () => {
  it('vaimo patches in a patches-file, and Quality Patches from .magento.env.yaml', async () => {
    const model = await loadProject(
      project({
        'app/etc/di.xml': '<config/>',
        'composer.json': {
          require: { 'vaimo/composer-patches': '^5.0', 'magento/product-community-edition': '2.4.6' },
          extra: { 'patches-file': 'patches.json' },
        },
        'patches.json': {
          patches: {
            'magento/module-sales': { 'Fix order grid': { source: 'patches/sales.patch', version: '>=103' } },
            _comment: { x: 'y' },
          },
        },
        '.magento.env.yaml': 'stage:\n  build:\n    QUALITY_PATCHES:\n      - ACSD-51892\n      - MDVA-12345\n',
      }),
    );
    assert.deepEqual(
      model.patches.map((p) => [p.target, p.description, p.source, p.tool, p.declaredIn]),
      [
        ['magento (quality patch)', 'ACSD-51892', 'ACSD-51892', 'quality-patches', '.magento.env.yaml'],
        ['magento (quality patch)', 'MDVA-12345', 'MDVA-12345', 'quality-patches', '.magento.env.yaml'],
        ['magento/module-sales', 'Fix order grid', 'patches/sales.patch', 'vaimo', 'patches.json'],
      ],
    );
  });

  it('a missing patches-file is reported', async () => {
    const model = await loadProject(
      project({ 'app/etc/di.xml': '<config/>', 'composer.json': { extra: { 'patches-file': 'nope.json' } } }),
    );
    assert.ok(model.problems.some((p) => p.code === 'patches-file-missing'));
  });
});

describe('app/code modules Magento never loads', () => {
  it('a module directory whose registration.php is renamed is not code under check, and says so', async () => {
    const model = await loadProject(
      project({
        'app/etc/di.xml': '<config/>',
        'app/etc/config.php': "<?php\nreturn ['modules' => ['Acme_Live' => 1]];\n",
        'composer.json': { require: { 'magento/product-community-edition': '2.4.7-p3' } },
        'app/code/Acme/Live/registration.php': register('MODULE', 'Acme_Live'),
        'app/code/Acme/Live/etc/module.xml': '<config><module name="Acme_Live"/></config>',
        'app/code/Acme/Live/Model/A.php': '<?php\nnamespace Acme\\Live\\Model;\nclass A {}\n',
        // Switched off by renaming registration.php (real stores do this: ginoi-com's Mageplaza/GiftCard).
        'app/code/Acme/Off/registration.php--': register('MODULE', 'Acme_Off'),
        'app/code/Acme/Off/etc/module.xml': '<config><module name="Acme_Off"/></config>',
        'app/code/Acme/Off/Model/B.php': '<?php\nnamespace Acme\\Off\\Model;\nclass B {}\n',
        // Loose PHP outside any module directory stays under check (it may be autoloaded through app/code's PSR-0).
        'app/code/Acme/Loose/Helper.php': '<?php\nnamespace Acme\\Loose;\nclass Helper {}\n',
      }),
    );
    assert.deepEqual(
      codeFiles(model).map((f) => [f.file, f.module]),
      [
        ['app/code/Acme/Live/Model/A.php', 'Acme_Live'],
        ['app/code/Acme/Live/registration.php', 'Acme_Live'],
        ['app/code/Acme/Loose/Helper.php', null],
      ],
    );
    assert.deepEqual(
      model.problems.filter((p) => p.code === 'module-unregistered').map((p) => p.file),
      ['app/code/Acme/Off/etc/module.xml'],
    );
  });
});
