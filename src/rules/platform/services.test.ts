import { test } from 'node:test';
import assert from 'node:assert/strict';
import { projectFixture, releaseFixture, runRule } from '../testing.js';
import { cacheRule } from './cache.js';
import { databaseRule } from './database.js';
import { rabbitmqRule } from './rabbitmq.js';
import { varnishRule } from './varnish.js';

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
  assert.match(f!.message, /MySQL 8\.4/);
  assert.match(f!.message, /MariaDB 11\.4/);
});

test('platform/cache: Redis to Valkey is a warning naming the uses', async () => {
  const [f] = await runRule(cacheRule, context);
  assert.equal(f!.severity, 'warning');
  assert.equal(f!.messageId, 'valkeyOnly');
  assert.deepEqual([f!.data?.uses, f!.data?.valkey], ['cache "default", sessions', '8']);
  assert.match(f!.message, /Valkey 8/);
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
  assert.match(v!.recommendation, /varnish:vcl:generate/);
  const [r] = await runRule(rabbitmqRule, context);
  assert.equal(r!.severity, 'warning');
  assert.equal(r!.messageId, 'noOverlap');
  assert.deepEqual([r!.data?.after, r!.data?.before], ['4.1', '3.11']);
  assert.match(r!.message, /RabbitMQ 4\.1/);
  assert.deepEqual(await runRule(varnishRule, { ...context, project: projectFixture() }), []);
});

test('extensions have no servers: service rules stay silent', async () => {
  const extension = { ...context, project: { ...store, kind: 'extension' as const } };
  for (const rule of [databaseRule, cacheRule, varnishRule, rabbitmqRule]) {
    assert.deepEqual(await runRule(rule, extension), [], rule.meta.id);
  }
});
