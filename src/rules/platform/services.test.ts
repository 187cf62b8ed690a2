import { test } from 'node:test';
import assert from 'node:assert/strict';
import { projectFixture, releaseFixture, runRule } from '../testing.js';
import { cache as cacheRule } from './cache.js';
import { database as databaseRule } from './database.js';
import { rabbitmq as rabbitmqRule } from './rabbitmq.js';
import { varnish as varnishRule } from './varnish.js';

const current = releaseFixture('2.4.6-p3', {
  requirements: { mysql: ['8.0'], mariadb: ['10.6'], redis: ['7.0'], varnish: ['7.3'], rabbitmq: ['3.11'] },
});
const target = releaseFixture('2.4.8', {
  requirements: { mysql: ['8.4'], mariadb: ['11.4'], valkey: ['8'], varnish: ['7.6'], rabbitmq: ['4.1'] },
});
const store = projectFixture({
  services: {
    present: true,
    db: { engine: 'innodb' },
    cache: { frontend: { default: { backend: 'Magento\\Framework\\Cache\\Backend\\Redis' } } },
    session: { save: 'redis' },
    pageCache: { backend: 'varnish' },
    queue: { amqp: { host: 'rabbit' } },
  },
});
const context = { project: store, current: { release: current, symbols: null }, target: { release: target } };

test('platform/database: no supported version left is an error', async () => {
  const [f, ...rest] = await runRule(databaseRule, context);
  assert.equal(rest.length, 0);
  assert.equal(f!.severity, 'error');
  assert.equal(f!.messageId, 'mustUpgrade');
  assert.deepEqual(f!.data?.changes, [
    { messageId: 'mysqlChanged', data: { target: '2.4.8', after: '8.4', current: '2.4.6-p3', before: '8.0' } },
    { messageId: 'mariadbChanged', data: { target: '2.4.8', after: '11.4', current: '2.4.6-p3', before: '10.6' } },
  ]);
  assert.deepEqual(f!.data?.engine, [{ messageId: 'engine', data: { engine: 'innodb' } }]);
  // One rendering: the parts of {{changes}} are one sentence per service.
  assert.equal(
    f!.message,
    '2.4.8 supports MySQL 8.4; 2.4.6-p3 supported 8.0. 2.4.8 supports MariaDB 11.4; 2.4.6-p3 supported 10.6. The ' +
      'server version is not in the project files (env.php db engine: innodb): the database server must be upgraded.',
  );
});

test('platform/database: one service with a version left is a check, without the engine when env.php names none', async () => {
  const mysqlOnly = releaseFixture('2.4.8', { requirements: { mysql: ['8.0', '8.4'], mariadb: ['10.6'] } });
  const [f] = await runRule(databaseRule, {
    ...context,
    project: projectFixture(),
    current: {
      release: releaseFixture('2.4.6-p3', { requirements: { mysql: ['5.7', '8.0'], mariadb: ['10.6'] } }),
      symbols: null,
    },
    target: { release: mysqlOnly },
  });
  assert.equal(f!.severity, 'warning');
  assert.equal(f!.messageId, 'check');
  assert.deepEqual(f!.data?.changes, [
    {
      messageId: 'mysqlChanged',
      data: { target: '2.4.8', after: '8.0, 8.4', current: '2.4.6-p3', before: '5.7, 8.0' },
    },
  ]);
  assert.deepEqual(f!.data?.engine, []);
});

test('platform/cache: Redis to Valkey is a warning naming the uses', async () => {
  const [f] = await runRule(cacheRule, context);
  assert.equal(f!.severity, 'warning');
  assert.equal(f!.messageId, 'valkeyOnly');
  assert.deepEqual(
    [f!.data?.uses, f!.data?.valkey],
    [[{ messageId: 'usesCache', data: { id: 'default' } }, { messageId: 'usesSessions' }], '8'],
  );
  // The rendering: the uses are joined with the meta's listSeparators (', ', not '; ').
  assert.match(f!.message, /^The project uses Redis \(cache "default", sessions\); 2\.4\.8 supports Valkey 8 /);
});

test('platform/cache: only a Redis version change is info; no Redis, no finding', async () => {
  const redisTarget = releaseFixture('2.4.7', { requirements: { redis: ['7.2'] } });
  const [f] = await runRule(cacheRule, { ...context, target: { release: redisTarget } });
  assert.equal(f!.severity, 'info');
  assert.deepEqual(await runRule(cacheRule, { ...context, project: projectFixture() }), []);
});

test('platform/varnish and platform/rabbitmq: warn when the used service must be upgraded', async () => {
  const [v] = await runRule(varnishRule, context);
  assert.equal(v!.severity, 'warning');
  assert.equal(v!.recommendationId, 'upgrade');
  const [r] = await runRule(rabbitmqRule, context);
  assert.equal(r!.severity, 'warning');
  assert.equal(r!.messageId, 'noOverlap');
  assert.deepEqual([r!.data?.after, r!.data?.before], ['4.1', '3.11']);
  assert.deepEqual(await runRule(varnishRule, { ...context, project: projectFixture() }), []);
});

test('extensions have no servers: service rules stay silent', async () => {
  const extension = { ...context, project: { ...store, kind: 'extension' as const } };
  for (const rule of [databaseRule, cacheRule, varnishRule, rabbitmqRule]) {
    assert.deepEqual(await runRule(rule, extension), [], rule.meta.id);
  }
});
