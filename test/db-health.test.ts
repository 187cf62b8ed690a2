import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { main } from '../src/cli/main.js';
import { checkDbHealth, parseDsn, ReadOnlySession, renderHealthMarkdown, renderHealthText } from '../src/db/index.js';
import { declaresUtf8mb4 } from '../src/db/health.js';
import type { DbHealthReport } from '../src/db/index.js';
import { loadReleaseCatalog } from '../src/knowledge/catalog.js';
import { loadDbSchemaIndex } from '../src/knowledge/db-schema/index.js';
import { emptyCustomizations } from '../src/project/customizations/index.js';
import type { DbTable, Module, ProjectModel } from '../src/project/model.js';
import { createTestDatabase } from './fixtures/db/test-database.js';
import type { TestDatabase } from './fixtures/db/test-database.js';

/** Problems planted for health to find. */
const PROBLEMS = `
CREATE TABLE acme_legacy_log (id int PRIMARY KEY, message varchar(255)) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4;
ALTER TABLE cms_block CONVERT TO CHARACTER SET utf8mb3;
CREATE TABLE acme_latin1_log (id int PRIMARY KEY, message varchar(255)) ENGINE=InnoDB DEFAULT CHARSET=latin1;
INSERT INTO sales_order_item (order_id, store_id, product_type, sku, qty_ordered) VALUES (99999, 1, 'simple', 'SKU-1', 1);
INSERT INTO url_rewrite (entity_type, entity_id, request_path, target_path, store_id) VALUES ('product', 5000, 'gone.html', 'catalog/product/view/id/5000', 1);
INSERT INTO catalog_product_entity_int (attribute_id, store_id, entity_id, value) VALUES (555, 0, 1, 1);
CREATE TABLE catalog_category_product_index_store1 (category_id int, product_id int) ENGINE=InnoDB;
CREATE TABLE cms_page_data_exporter_cl (version_id int PRIMARY KEY, entity_id int) ENGINE=InnoDB;
CREATE TABLE braintree_transaction_details (entity_id int PRIMARY KEY, order_id int) ENGINE=InnoDB;
`;

function module(name: string, setupVersion: string | undefined, dbSchema: DbTable[] = []): Module {
  return {
    name,
    enabled: true,
    package: null,
    path: `app/code/${name.replace('_', '/')}`,
    location: 'app-code',
    core: name.startsWith('Magento_'),
    ...(setupVersion ? { setupVersion } : {}),
    sequence: [],
    customizations: { ...emptyCustomizations(), dbSchema },
  };
}

const table = (name: string): DbTable => ({
  name,
  file: 'app/code/Acme/Loyalty/etc/db_schema.xml',
  line: 3,
  disabled: false,
  columns: [],
  constraints: [],
  indexes: [],
});

/** Just what health reads of a project: version, packages, modules with setup versions and db_schema tables. */
const PROJECT = {
  root: '/shop',
  kind: 'project',
  magento: {
    version: '2.4.6-p3',
    edition: 'open-source',
    b2b: false,
    versionSource: 'composer.lock',
    productPackage: null,
  },
  packages: ['magento/module-store', 'magento/module-cms', 'magento/module-two-factor-auth'].map((name) => ({
    name,
    version: '101.0.0',
    type: 'magento2-module',
    source: 'core',
    license: [],
    require: {},
  })),
  modules: [
    module('Magento_Store', '2.1.1'),
    module('Magento_Sales', '2.0.8'),
    module('Acme_Loyalty', '1.0.0', [table('acme_loyalty_points')]),
    module('Acme_Reviews', '1.0.0'),
    // Disabled in config.php (as the real stores here install without 2FA): its tables are never created.
    { ...module('Magento_TwoFactorAuth', '1.1.5'), enabled: false, package: 'magento/module-two-factor-auth' },
  ],
} as unknown as ProjectModel;

describe('mageup db health (real MariaDB)', () => {
  let db: TestDatabase;
  let work: string;
  let report: DbHealthReport;
  before(async () => {
    db = await createTestDatabase();
    await db.exec(PROBLEMS);
    work = mkdtempSync(join(tmpdir(), 'mageup-db-health-'));
    const session = await ReadOnlySession.open(parseDsn(db.dsn()));
    try {
      report = await checkDbHealth(session, {
        project: PROJECT,
        target: loadReleaseCatalog().resolve('2.4.8'),
        schemaIndex: loadDbSchemaIndex(),
      });
    } finally {
      await session.close();
    }
  });
  after(async () => {
    await db?.drop();
    rmSync(work, { recursive: true, force: true });
  });

  const find = (ruleId: string, text: RegExp) =>
    report.findings.find((f) => f.ruleId === ruleId && text.test(f.message));

  it('compares the server version with the target requirements', () => {
    const f = find('db/server-version', /MariaDB 10\.\d+.*2\.4\.8 supports MariaDB 11\.4/);
    assert.ok(f, JSON.stringify(report.findings.map((x) => x.message)));
    assert.equal(f.severity, 'error');
    assert.equal(f.category, 'database');
  });

  it('finds non-InnoDB tables; utf8mb3 is what Magento declares (info), another charset is a warning', () => {
    assert.equal(find('db/non-innodb-table', /acme_legacy_log uses the MyISAM engine/)?.severity, 'error');
    const utf8 = find('db/charset', /cms_block/)!;
    assert.equal(utf8.severity, 'info');
    // 2.4.8 supports MariaDB 11.4 only, where it declares utf8mb4: its setup:upgrade converts these tables, even
    // though on this server (10.11 here) its Table factory would keep utf8.
    assert.match(utf8.message, /Magento 2\.4\.8 declares utf8mb4 on MariaDB 11\.4/);
    assert.doesNotMatch(utf8.message, /acme_latin1_log/);
    const foreign = find('db/charset', /no Magento release declares/)!;
    assert.equal(foreign.severity, 'warning');
    assert.match(foreign.message, /acme_latin1_log \(latin1_swedish_ci\)/);
    assert.doesNotMatch(foreign.message, /cms_block/);
  });

  it('utf8mb4 is declared from 2.4.8 on the servers its Table factory names, utf8/utf8mb3 before', () => {
    const mariadb = (number: string) => ({ flavor: 'mariadb' as const, number });
    const mysql = (number: string) => ({ flavor: 'mysql' as const, number });
    assert.equal(declaresUtf8mb4('2.4.7-p7', mariadb('10.6.20')), false);
    assert.equal(declaresUtf8mb4('2.4.8', mariadb('10.6.20')), true);
    assert.equal(declaresUtf8mb4('2.4.8-p1', mariadb('11.4.5')), true);
    assert.equal(declaresUtf8mb4('2.4.8', mariadb('10.11.9')), false, 'not a key of 2.4.8: its default, utf8');
    assert.equal(declaresUtf8mb4('2.4.8', mysql('8.0.28')), false);
    assert.equal(declaresUtf8mb4('2.4.8', mysql('8.4.3')), true);
  });

  it('counts orphaned rows', () => {
    assert.ok(find('db/orphaned-rows', /^1 order items without their order/));
    assert.ok(find('db/orphaned-rows', /^1 URL rewrites of deleted product entities/));
    assert.ok(find('db/orphaned-rows', /^1 catalog_product_entity_int values of deleted attributes/));
    assert.ok(!find('db/orphaned-rows', /invoices without/));
  });

  it('pending setup against module.xml setup_version, both directions', () => {
    assert.equal(
      find('db/pending-setup', /Magento_Sales: setup_module has 2\.0\.7, module\.xml declares 2\.0\.8/)?.severity,
      'warning',
    );
    assert.equal(find('db/pending-setup', /Acme_Loyalty: the database \(1\.2\.0\) is newer/)?.severity, 'error');
    assert.ok(find('db/pending-setup', /Acme_Reviews .* is not in setup_module/));
    assert.ok(!find('db/pending-setup', /Magento_Store/));
  });

  it('declared tables missing, undeclared tables present', () => {
    assert.ok(find('db/missing-declared-table', /acme_loyalty_points, declared by Acme_Loyalty/));
    assert.ok(find('db/missing-declared-table', /cms_page_store, declared by magento\/module-cms/));
    const undeclared = find('db/undeclared-table', /no installed module declares/);
    assert.ok(undeclared && /acme_legacy_log/.test(undeclared.message), undeclared?.message);
    assert.ok(!/\bstore_website\b/.test(undeclared.message));
    // Tables Magento's indexers create at run time are nobody's leftovers (dropping them breaks the indexes).
    assert.ok(!/catalog_category_product_index_store1|cms_page_data_exporter_cl/.test(undeclared.message));
    // A disabled module's tables are not missing: setup never creates them.
    assert.ok(!find('db/missing-declared-table', /tfa_/), 'tables of a disabled module');
  });

  it("a bundled package's db_schema.xml and its module's legacy InstallSchema in vendor/ account for its tables (Braintree's are in use, not leftovers)", async () => {
    // Without vendor/ to read, Braintree's table looks undeclared. Braintree 4.6.1 (bundled with 2.4.7) declares only
    // sales_order(_grid).dispute_status in db_schema.xml; braintree_* come from its Setup/InstallSchema.php.
    assert.match(find('db/undeclared-table', /no installed module declares/)!.message, /braintree_transaction_details/);
    const project = {
      ...PROJECT,
      root: fileURLToPath(new URL('./fixtures/db/bundled-vendor', import.meta.url)),
      packages: [
        ...PROJECT.packages,
        {
          name: 'paypal/module-braintree-core',
          version: '4.6.1',
          type: 'magento2-module',
          source: 'third-party',
          license: [],
          require: {},
          ownership: 'bundled',
          path: 'vendor/paypal/module-braintree-core',
        },
      ],
      modules: [
        ...PROJECT.modules,
        {
          ...module('PayPal_Braintree', undefined),
          package: 'paypal/module-braintree-core',
          path: 'vendor/paypal/module-braintree-core',
          location: 'vendor',
        },
      ],
    } as ProjectModel;
    const session = await ReadOnlySession.open(parseDsn(db.dsn()));
    let withVendor: DbHealthReport;
    try {
      withVendor = await checkDbHealth(session, {
        project,
        schemaIndex: loadDbSchemaIndex(),
        target: loadReleaseCatalog().resolve('2.4.8'),
      });
    } finally {
      await session.close();
    }
    const undeclared = withVendor.findings.find((f) => f.ruleId === 'db/undeclared-table');
    assert.ok(undeclared && !/braintree_transaction_details/.test(undeclared.message), undeclared?.message);
    assert.ok(
      withVendor.findings.some(
        (f) =>
          f.ruleId === 'db/missing-declared-table' &&
          /sales_order_grid, declared by paypal\/module-braintree-core/.test(f.message),
      ),
      'what it declares and the database lacks is missing',
    );
  });

  it('lists the largest tables with an upgrade-time estimate and its model', () => {
    assert.equal(report.largestTables.length, 10);
    assert.ok(report.largestTables.every((t) => t.rebuildSeconds > 0 && typeof t.changedByTarget === 'boolean'));
    assert.match(report.upgradeTimeModel, /MB\/s/);
    assert.match(renderHealthText(report), /Largest tables/);
    assert.match(renderHealthMarkdown(report), /\| db\/orphaned-rows \|/);
  });

  it('CLI: --dsn, --to, json; exit 1 on errors; project checks skipped without a project', async () => {
    const out = join(work, 'health.json');
    assert.equal(
      await main(['db', 'health', work, '--dsn', db.dsn(), '--to', '2.4.8', '--format', 'json', '--output', out]),
      1,
    );
    const json = JSON.parse(readFileSync(out, 'utf8')) as DbHealthReport;
    assert.equal(json.kind, 'mageup-db-health');
    assert.ok(json.findings.some((f) => f.ruleId === 'db/server-version'));
    assert.ok(json.skipped.some((s) => /need the project path/.test(s)));
  });
});

/**
 * A store that differs from its declaration only by charset: every table utf8mb3, as a 2.4.4 store's tables read on
 * MariaDB 10.11 (created as utf8, which 10.6+ names utf8mb3), and setup_module in step with module.xml. Magento's own
 * setup:db:status calls such a store out of date; health must not call it pending setup.
 */
describe('mageup db health: charset-only differences are not pending setup (real MariaDB)', () => {
  let db: TestDatabase;
  let report: DbHealthReport;
  before(async () => {
    db = await createTestDatabase();
    const tables = [
      'setup_module',
      'store',
      'store_website',
      'cms_block',
      'cms_page',
      'sales_order',
      'core_config_data',
    ];
    for (const t of tables) await db.exec(`ALTER TABLE ${t} CONVERT TO CHARACTER SET utf8mb3`);
    const project = {
      ...PROJECT,
      modules: [module('Magento_Store', '2.1.1'), module('Magento_Cms', '2.0.2'), module('Magento_Catalog', '2.2.4')],
    } as ProjectModel;
    const session = await ReadOnlySession.open(parseDsn(db.dsn()));
    try {
      report = await checkDbHealth(session, { project, schemaIndex: loadDbSchemaIndex() });
    } finally {
      await session.close();
    }
  });
  after(async () => {
    await db?.drop();
  });

  it('reports the charset once, says it is not pending setup, and no module as pending', () => {
    const charset = report.findings.filter((f) => f.ruleId === 'db/charset');
    assert.equal(charset.length, 1);
    assert.match(charset[0]!.message, /cms_block/);
    assert.match(charset[0]!.recommendation, /not pending setup/);
    // Magento 2.4.6+ itself creates utf8mb3 tables on MariaDB 10.6+: nothing to convert, no warning.
    assert.equal(charset[0]!.severity, 'info');
    assert.match(charset[0]!.recommendation, /^Nothing to do/);
    assert.deepEqual(
      report.findings.filter((f) => f.ruleId === 'db/pending-setup').map((f) => f.message),
      [],
    );
  });
});
