import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { loadProject } from '../src/project/load.js';
import { codeFiles } from '../src/project/code-files.js';
import type { ProjectModel } from '../src/project/model.js';
import { STORE } from './helpers/store-fixture.js';

let cached: Promise<ProjectModel> | undefined;
const store = (): Promise<ProjectModel> => (cached ??= loadProject(STORE));

describe('loadProject on the fixture store', () => {
  it('detects version and edition from composer.lock', async () => {
    const model = await store();
    assert.equal(model.kind, 'project');
    assert.deepEqual(model.magento, {
      version: '2.4.6-p3',
      edition: 'open-source',
      b2b: false,
      versionSource: 'composer.lock',
      // The line of the product package's version, where security/core-bulletin points.
      versionFile: 'composer.lock',
      versionLine: 36,
      productPackage: 'magento/product-community-edition',
    });
  });

  it('lists every package with version, type, source, licence and abandonment', async () => {
    const model = await store();
    assert.deepEqual(
      model.packages.map((p) => [p.name, p.version, p.type, p.source]),
      [
        ['acme/module-foo', '1.2.3', 'magento2-module', 'third-party'],
        ['magento/language-de_de', '100.4.0', 'magento2-language', 'core'],
        ['magento/magento2-base', '2.4.6-p3', 'magento2-component', 'core'],
        ['magento/module-catalog', '104.0.6-p3', 'magento2-module', 'core'],
        ['magento/product-community-edition', '2.4.6-p3', 'metapackage', 'core'],
        ['magento/theme-frontend-blank', '100.4.6-p3', 'magento2-theme', 'core'],
        ['magento/theme-frontend-luma', '100.4.6-p3', 'magento2-theme', 'core'],
        ['monolog/monolog', '2.9.1', 'library', 'third-party'],
        ['phpunit/phpunit', '9.6.13', 'library', 'third-party'],
      ],
    );
    const foo = model.packages.find((p) => p.name === 'acme/module-foo');
    assert.equal(foo?.abandoned, 'acme/module-bar');
    assert.deepEqual(foo?.license, ['MIT']);
    assert.equal(foo?.path, 'vendor/acme/module-foo');
    assert.equal(model.packages.find((p) => p.name === 'monolog/monolog')?.bundled, true);
    assert.equal(model.packages.find((p) => p.name === 'phpunit/phpunit')?.dev, true);
    assert.equal(model.rootRequire['acme/module-foo'], '^1.2');
    assert.equal(model.rootRequireDev['phpunit/phpunit'], '^9.5');
  });

  it('matches config.php states to registrations, with package, path, setup_version and sequence', async () => {
    const model = await store();
    const rows = model.modules.map((m) => [m.name, m.enabled, m.package, m.path, m.location, m.core]);
    assert.deepEqual(rows, [
      ['Acme_Custom', true, 'acme/module-custom', 'app/code/Acme/Custom', 'app-code', false],
      ['Acme_Foo', true, 'acme/module-foo', 'vendor/acme/module-foo', 'vendor', false],
      ['Acme_Ghost', true, null, '', 'unknown', false],
      ['Acme_Removed', false, null, '', 'unknown', false],
      ['Magento_Catalog', true, 'magento/module-catalog', 'vendor/magento/module-catalog', 'vendor', true],
    ]);
    const foo = model.modules.find((m) => m.name === 'Acme_Foo');
    assert.equal(foo?.setupVersion, '1.2.0');
    assert.deepEqual(foo?.sequence, ['Magento_Catalog']);
    assert.ok(model.problems.some((p) => p.code === 'module-not-registered' && p.message.includes('Acme_Ghost')));
    assert.ok(!model.problems.some((p) => p.message.includes('Acme_Removed')), 'a disabled leftover is not a problem');
  });

  it('collects the customization inventory of custom modules', async () => {
    const model = await store();
    const c = model.modules.find((m) => m.name === 'Acme_Custom')?.customizations;
    assert.ok(c);
    const di = 'app/code/Acme/Custom/etc/di.xml';
    assert.deepEqual(c.preferences, [
      {
        for: 'Magento\\Catalog\\Model\\Product',
        type: 'Acme\\Custom\\Model\\Product',
        area: 'global',
        file: di,
        line: 3,
      },
    ]);
    assert.deepEqual(
      c.plugins.map((p) => [p.target, p.name, p.type, p.sortOrder, p.disabled, p.area, p.line]),
      [
        [
          'Magento\\Catalog\\Api\\ProductRepositoryInterface',
          'acme_custom_product_repository',
          'Acme\\Custom\\Plugin\\ProductRepositoryPlugin',
          20,
          false,
          'global',
          5,
        ],
        [
          'Magento\\Catalog\\Api\\ProductRepositoryInterface',
          'some_core_plugin',
          undefined,
          undefined,
          true,
          'global',
          6,
        ],
        ['Magento\\Checkout\\Model\\Cart', 'acme_cart', 'Acme\\Custom\\Plugin\\CartPlugin', -5, false, 'frontend', 4],
      ],
    );
    assert.deepEqual(
      c.virtualTypes.map((v) => [v.name, v.type]),
      [['AcmeCustomLogger', 'Monolog\\Logger']],
    );
    assert.deepEqual(
      c.typeArguments.map((a) => [a.type, a.classes.map((x) => x.name)]),
      [
        ['AcmeCustomLogger', ['Acme\\Custom\\Logger\\Handler']],
        ['Acme\\Custom\\Model\\Sync', ['AcmeCustomLogger']],
      ],
    );
    assert.deepEqual(
      c.observers.map((o) => [o.event, o.name, o.instance, o.disabled]),
      [
        ['sales_order_place_after', 'acme_custom_order_placed', 'Acme\\Custom\\Observer\\OrderPlaced', false],
        ['sales_order_place_after', 'core_observer', '', true],
      ],
    );
    assert.deepEqual(
      c.cronJobs.map((j) => [j.group, j.name, j.instance, j.method, j.schedule]),
      [
        ['default', 'acme_custom_sync', 'Acme\\Custom\\Cron\\Sync', 'execute', '*/15 * * * *'],
        ['default', 'acme_custom_report', 'Acme\\Custom\\Cron\\Report', 'run', 'config:acme/report/schedule'],
      ],
    );
    const log = c.dbSchema.find((t) => t.name === 'acme_custom_log');
    assert.deepEqual(
      log?.columns.map((col) => [col.name, col.type, col.nullable, col.length ?? null]),
      [
        ['entity_id', 'int', false, null],
        ['message', 'varchar', true, '255'],
        ['product_id', 'int', false, null],
      ],
    );
    assert.deepEqual(
      log?.constraints.map((k) => [k.referenceId, k.type, k.columns, k.referenceTable ?? null]),
      [
        ['PRIMARY', 'primary', ['entity_id'], null],
        ['ACME_LOG_PRODUCT', 'foreign', ['product_id'], 'catalog_product_entity'],
      ],
    );
    assert.deepEqual(
      log?.indexes.map((i) => [i.referenceId, i.indexType, i.columns]),
      [['ACME_LOG_MESSAGE', 'fulltext', ['message']]],
    );
    assert.ok(
      c.dbSchema.some((t) => t.name === 'catalog_product_entity'),
      'columns added to a core table are listed',
    );
    assert.deepEqual(
      c.webapiRoutes.map((r) => [r.method, r.url, r.serviceClass, r.serviceMethod]),
      [['GET', '/V1/acme/logs/:id', 'Acme\\Custom\\Api\\LogRepositoryInterface', 'getById']],
    );
    assert.deepEqual(c.graphqlSchemas, ['app/code/Acme/Custom/etc/schema.graphqls']);
    assert.deepEqual(
      c.routes.map((r) => [r.area, r.id, r.frontName]),
      [['frontend', 'acme', 'acme']],
    );
    assert.deepEqual(c.layouts, [
      {
        file: 'app/code/Acme/Custom/view/frontend/layout/catalog_product_view.xml',
        area: 'frontend',
        handle: 'catalog_product_view',
        blocks: [
          { class: 'Acme\\Custom\\Block\\Badge', name: 'acme.badge', template: 'Acme_Custom::badge.phtml', line: 5 },
        ],
        references: [
          { kind: 'container', name: 'product.info.main', line: 4 },
          { kind: 'block', name: 'product.info.sku', line: 7 },
        ],
      },
    ]);
    assert.deepEqual(c.templates, ['app/code/Acme/Custom/view/frontend/templates/badge.phtml']);
    assert.deepEqual(c.requirejs, [
      {
        file: 'app/code/Acme/Custom/view/frontend/requirejs-config.js',
        mixins: [
          {
            target: 'Magento_Checkout/js/action/place-order',
            mixin: 'Acme_Custom/js/place-order-mixin',
            line: 14,
            targetLine: 13,
          },
        ],
        map: [{ from: 'acmeSlider', to: 'Acme_Custom/js/slider', line: 5 }],
        paths: [{ from: 'slick', to: 'Acme_Custom/js/lib/slick.min', line: 9 }],
      },
    ]);
    assert.deepEqual(c.setupScripts, [
      {
        file: 'app/code/Acme/Custom/Setup/InstallSchema.php',
        kind: 'install-schema',
        class: 'Acme\\Custom\\Setup\\InstallSchema',
      },
      {
        file: 'app/code/Acme/Custom/Setup/Patch/Data/AddThing.php',
        kind: 'data-patch',
        class: 'Acme\\Custom\\Setup\\Patch\\Data\\AddThing',
      },
    ]);
    const catalog = model.modules.find((m) => m.name === 'Magento_Catalog');
    assert.equal(catalog?.customizationsScanned, false, 'core modules are not inventoried by default');
  });

  it('reads themes with their parent chain and overrides, and language packs', async () => {
    const model = await store();
    assert.deepEqual(
      model.themes.map((t) => [t.code, t.parent, t.parentChain, t.location, t.package]),
      [
        ['frontend/Acme/child', 'Magento/luma', ['Magento/luma', 'Magento/blank'], 'app-design', null],
        ['frontend/Magento/blank', null, [], 'vendor', 'magento/theme-frontend-blank'],
        ['frontend/Magento/luma', 'Magento/blank', ['Magento/blank'], 'vendor', 'magento/theme-frontend-luma'],
      ],
    );
    const child = model.themes[0];
    assert.deepEqual(
      child?.overrides.map((o) => [o.module, o.kind, o.modulePath]),
      [
        ['Magento_Catalog', 'layout', 'layout/catalog_product_view.xml'],
        ['Magento_Catalog', 'template', 'templates/product/view.phtml'],
        ['Magento_Checkout', 'layout-override', 'layout/override/checkout_index_index.xml'],
        [null, 'web', 'web/css/acme.less'],
      ],
    );
    assert.deepEqual(
      child?.layouts?.map((l) => [l.file, l.handle, l.references]),
      [
        [
          'app/design/frontend/Acme/child/Magento_Catalog/layout/catalog_product_view.xml',
          'catalog_product_view',
          [{ kind: 'block', name: 'product.info.review', line: 4 }],
        ],
        [
          'app/design/frontend/Acme/child/Magento_Checkout/layout/override/checkout_index_index.xml',
          'checkout_index_index',
          [],
        ],
      ],
    );
    assert.deepEqual(child?.layouts?.[0]?.moves, [
      { element: 'product.info.price', destination: 'product.info.main', line: 5 },
    ]);
    assert.deepEqual(child?.requirejs?.[0]?.mixins, [
      { target: 'Magento_Swatches/js/swatch-renderer', mixin: 'js/swatch-renderer-mixin', line: 5, targetLine: 4 },
    ]);
    assert.equal(
      model.themes.find((t) => t.code === 'frontend/Magento/luma')?.layouts,
      undefined,
      'core themes are not inventoried',
    );
    assert.deepEqual(model.languagePacks, [
      { code: 'de_DE', package: 'magento/language-de_de', path: 'vendor/magento/language-de_de' },
    ]);
  });

  it('reads services from env.php without any secret', async () => {
    const model = await store();
    const s = model.services;
    assert.equal(s.mode, 'production');
    assert.equal(s.adminFrontName, 'secure_admin_7');
    assert.deepEqual(s.db, {
      host: 'db.internal',
      dbname: 'store',
      username: 'store_user',
      password: '***',
      engine: 'innodb',
      tablePrefix: 'mg_',
    });
    assert.deepEqual(s.cache?.frontend.default, {
      backend: 'Magento\\Framework\\Cache\\Backend\\Redis',
      server: 'tcp://redis-cache:6379',
    });
    assert.deepEqual(s.pageCache, { backend: 'varnish', server: 'varnish:6081' });
    assert.deepEqual(s.session, { save: 'redis', server: 'redis-session:6379' });
    assert.deepEqual(s.queue, { amqp: { host: 'rabbitmq', port: '5672' }, consumersWaitForMessages: false });
    assert.deepEqual(s.searchEngine, { engine: 'opensearch', host: 'opensearch', port: '9200', source: 'env.php' });
    assert.ok(s.secretsPresent?.includes('crypt.key'));
    assert.ok(s.secretsPresent?.includes('db.connection.default.password'));
  });

  it('reads stores from config.php scopes without the admin scope', async () => {
    const model = await store();
    assert.deepEqual(
      model.stores.websites.map((w) => [w.id, w.code, w.name]),
      [
        [1, 'base', 'Main Website'],
        [2, 'b2b', 'Trade "Website"'],
      ],
    );
    assert.equal(model.stores.groups.length, 2);
    assert.deepEqual(
      model.stores.stores.map((s) => [s.code, s.websiteId, s.active]),
      [
        ['default', 1, true],
        ['de', 1, false],
        ['trade', 2, true],
      ],
    );
  });

  it('lists patches from composer.json and m2-hotfixes, with URL credentials removed', async () => {
    const model = await store();
    assert.deepEqual(
      model.patches.map((p) => [p.target, p.description, p.source, p.tool]),
      [
        ['magento/module-catalog', 'ACSD-1234.patch', 'm2-hotfixes/ACSD-1234.patch', 'm2-hotfixes'],
        ['magento/module-catalog', 'Fix product save', 'patches/catalog-save.patch', 'cweagans'],
        ['magento/module-catalog', 'Remote fix', 'https://patches.example.com/fix.patch', 'cweagans'],
      ],
    );
  });

  it('lists the code under check: custom and third-party, never core', async () => {
    const model = await store();
    assert.deepEqual(
      codeFiles(model).map((f) => [f.file, f.package, f.module, f.origin]),
      [
        ['app/code/Acme/Custom/Plugin/ProductRepositoryPlugin.php', 'acme/module-custom', 'Acme_Custom', 'custom'],
        ['app/code/Acme/Custom/Setup/InstallSchema.php', 'acme/module-custom', 'Acme_Custom', 'custom'],
        ['app/code/Acme/Custom/Setup/Patch/Data/AddThing.php', 'acme/module-custom', 'Acme_Custom', 'custom'],
        ['app/code/Acme/Custom/registration.php', 'acme/module-custom', 'Acme_Custom', 'custom'],
        ['app/code/Acme/Custom/view/frontend/templates/badge.phtml', 'acme/module-custom', 'Acme_Custom', 'custom'],
        ['app/design/frontend/Acme/child/Magento_Catalog/templates/product/view.phtml', null, null, 'custom'],
        ['app/design/frontend/Acme/child/registration.php', null, null, 'custom'],
        ['vendor/acme/module-foo/Model/Foo.php', 'acme/module-foo', 'Acme_Foo', 'vendor'],
        ['vendor/acme/module-foo/registration.php', 'acme/module-foo', 'Acme_Foo', 'vendor'],
      ],
    );
  });

  it('finds the root from a subdirectory', async () => {
    const model = await loadProject(`${STORE}/app/design/frontend`);
    assert.equal(model.root, STORE);
    assert.equal(model.kind, 'project');
  });

  it('audits one module directory as an extension', async () => {
    const model = await loadProject(`${STORE}/vendor/acme/module-foo`);
    assert.equal(model.kind, 'extension');
    assert.equal(model.magento.version, null);
    assert.deepEqual(
      model.modules.map((m) => [m.name, m.path, m.package]),
      [['Acme_Foo', '', 'acme/module-foo']],
    );
    assert.equal(model.packages[0]?.source, 'root');
    assert.equal(model.modules[0]?.customizations.preferences.length, 1);
    assert.deepEqual(
      codeFiles(model).map((f) => f.file),
      ['Model/Foo.php', 'registration.php'],
    );
  });

  it('is deterministic', async () => {
    const a = await loadProject(STORE);
    const b = await loadProject(STORE);
    assert.deepEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));
  });
});
