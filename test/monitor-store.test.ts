import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runMonitor } from '../src/monitor/index.js';
import type { MonitorResult } from '../src/monitor/index.js';
import { createTestDatabase, type TestDatabase } from './fixtures/db/test-database.js';
import { fixtureVar } from './helpers/monitor-fixture.js';

const SAMPLE_STORE = new URL('../examples/sample-store', import.meta.url).pathname;
const SQL = readFileSync(new URL('./fixtures/monitor/store-health.sql', import.meta.url), 'utf8');

describe('store health from the database (real MariaDB)', () => {
  let db: TestDatabase;
  let work: string;
  let result: MonitorResult;
  before(async () => {
    db = await createTestDatabase({ prefix: 'm2_', schema: false });
    await db.exec(SQL);
    work = fixtureVar();
    ({ result } = await runMonitor({
      path: SAMPLE_STORE,
      logDir: join(work, 'var', 'log'),
      cutover: Date.now() - 86_400_000,
      dsn: db.dsn(),
    }));
  });
  after(async () => {
    await db.drop();
    rmSync(work, { recursive: true, force: true });
  });

  const store = (prefix: string) =>
    result.findings
      .filter((f) => /^monitor\/(cron|indexer|queue|admin)/.test(f.ruleId) && f.ruleId.startsWith(prefix))
      .map((f) => `${f.severity} ${f.ruleId} ${f.subject}`);

  it('reports failed, missed, stuck and not-run cron jobs, and cron as running', () => {
    assert.deepEqual(store('monitor/cron').sort(), [
      'error monitor/cron-failed cron acme_catalog_feed_export',
      'error monitor/cron-not-run cron newsletter_send_all',
      'error monitor/cron-not-run cron sitemap_generate',
      'error monitor/cron-stuck cron indexer_reindex_all_invalid',
      'warning monitor/cron-missed cron sitemap_generate',
    ]);
    const failed = result.findings.find((f) => f.ruleId === 'monitor/cron-failed')!;
    assert.match(failed.message, /Feed export failed: SQLSTATE\[42S22\]/);
    assert.doesNotMatch(failed.message, /#0/, 'only the first line of the message');
    assert.ok(result.store!.cron.lastActivity);
  });

  it('reports invalid and stuck indexers and a changelog backlog', () => {
    assert.deepEqual(store('monitor/indexer').sort(), [
      'error monitor/indexer-invalid indexer catalog_product_price',
      'warning monitor/indexer-backlog indexer catalog_product_price backlog',
      'warning monitor/indexer-stuck indexer catalog_category_product working',
    ]);
    const price = result.store!.indexers.items.find((i) => i.id === 'catalog_product_price')!;
    assert.equal(price.backlog, 20_000);
    assert.equal(price.mode, 'schedule');
    const search = result.store!.indexers.items.find((i) => i.id === 'catalogsearch_fulltext')!;
    assert.match(search.backlogNote!, /m2_catalogsearch_fulltext_cl could not be read/);
  });

  it('reports queue errors since the cutover and waiting messages', () => {
    assert.deepEqual(store('monitor/queue').sort(), [
      'error monitor/queue-errors queue product_action_attribute.update errors',
      'warning monitor/queue-backlog queue export backlog',
    ]);
    const q = result.store!.queues.items.find((i) => i.queue === 'product_action_attribute.update')!;
    assert.deepEqual([q.statuses.error, q.errorsSinceCutover], [3, 2]);
  });

  it('reports unread critical admin notices only', () => {
    assert.deepEqual(store('monitor/admin'), [
      'warning monitor/admin-notice notice Security update available: APSB26-01',
    ]);
  });

  it('says what it could not verify when the tables are missing', async () => {
    const empty = await createTestDatabase({ schema: false });
    try {
      const { result: r } = await runMonitor({
        path: SAMPLE_STORE,
        logDir: join(work, 'var', 'log'),
        dsn: empty.dsn(),
      });
      assert.deepEqual(
        r.problems.filter((p) => p.code === 'store-section').map((p) => p.message.split(':')[0]),
        [
          'cron could not verify',
          'indexers could not verify',
          'queues could not verify',
          'notices could not verify',
        ].map((s) => s.replace(' could not verify', ' could not be verified')),
      );
      assert.ok(!r.findings.some((f) => f.ruleId === 'monitor/cron-stopped'), 'no cron table is not "cron stopped"');
    } finally {
      await empty.drop();
    }
  });

  it('reports a failed cron job once: its log records in cron.log are part of cron-failed', async () => {
    // As Magento 2.4.7's cron observer logs a failure (seen on the real store of ../shared/real-store): the summary
    // line, then the exception with its trace, both in cron.log, at the time of the failed cron_schedule row.
    const logs = mkdtempSync(join(tmpdir(), 'mageup-monitor-cron-'));
    const at = new Date(Date.now() - 3 * 3_600_000).toISOString().replace('Z', '000+00:00');
    const message = "Feed export failed: SQLSTATE[42S22]: Column not found: 1054 Unknown column 'outlet_name'";
    writeFileSync(
      join(logs, 'cron.log'),
      [
        `[${at}] main.INFO: Cron Job acme_catalog_feed_export is run [] []`,
        `[${at}] main.ERROR: Cron Job acme_catalog_feed_export has an error: ${message}. Statistics: {"sum":0,"count":1} [] []`,
        `[${at}] main.CRITICAL: PDOException: ${message} in /var/www/app/code/Acme/Catalog/Model/FeedExporter.php:55`,
        'Stack trace:',
        '#0 /var/www/app/code/Acme/Catalog/Model/FeedExporter.php(55): PDOStatement->execute()',
        '#1 /var/www/app/code/Acme/Catalog/Cron/ExportFeed.php(20): Acme\\Catalog\\Model\\FeedExporter->export()',
        '#2 [internal function]: Acme\\Catalog\\Cron\\ExportFeed->execute()',
        '#3 /var/www/vendor/magento/module-cron/Observer/ProcessCronQueueObserver.php(381): call_user_func_array()',
        '#4 {main} [] []',
        '',
      ].join('\n'),
    );
    try {
      const cutover = Date.now() - 86_400_000;
      const run = (dsn: string | false) => runMonitor({ path: SAMPLE_STORE, logDir: logs, cutover, dsn });
      const { result: r } = await run(db.dsn());
      const feed = r.findings.filter((f) => /acme_catalog_feed_export|Feed export failed/.test(f.message));
      assert.deepEqual(
        feed.map((f) => `${f.ruleId} ${f.module} ${f.file}:${f.line}`),
        ['monitor/cron-failed Acme_Catalog app/code/Acme/Catalog/Model/FeedExporter.php:55'],
      );
      assert.match(feed[0]!.message, /new in the logs since the cutover/);
      assert.match(feed[0]!.recommendation!, /the stack is in cron\.log/);
      // Without the database the logs are the only place the failure shows: both records stay new errors.
      const { result: logsOnly } = await run(false);
      assert.deepEqual(
        logsOnly.findings.filter((f) => f.ruleId === 'monitor/new-error').map((f) => f.module),
        ['Acme_Catalog', 'Acme_Catalog'],
      );
    } finally {
      rmSync(logs, { recursive: true, force: true });
    }
  });

  it('goes on without the database when it is unreachable', async () => {
    const { result: r } = await runMonitor({
      path: SAMPLE_STORE,
      logDir: join(work, 'var', 'log'),
      dsn: 'mysql://root@127.0.0.1:1/nothing',
      timeoutSeconds: 5,
    });
    assert.equal(r.store, undefined);
    assert.ok(r.problems.some((p) => p.code === 'database-unreachable'));
    assert.ok(r.errors.length > 0);
  });
});
