import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFleetWorker, type WorkerEvent } from '../src/fleet/worker.js';
import { PG_ADMIN_URL } from './helpers/pg-database.js';
import { findPostgresBin, startPrivatePostgres, type PrivatePostgres } from './helpers/private-postgres.js';

const found = findPostgresBin();
const quick = { attempts: 12, firstDelayMs: 250, maxDelayMs: 1000 };

describe(
  'a worker starting while its PostgreSQL server is down waits for it (a private cluster, real restart)',
  {
    timeout: 120_000,
    ...('missing' in found ? { skip: `no private PostgreSQL cluster can be made: ${found.missing}` } : {}),
  },
  () => {
    let server: PrivatePostgres;
    before(async () => {
      server = await startPrivatePostgres((found as { bin: string }).bin);
    });
    after(() => server?.destroy());

    it('tries again with backoff, says why in one line each time, gives up after the last try, starts once the server is back', async () => {
      // Stops the server now, starts it again 5 s later.
      const restarted = server.restart(5000);

      const short: WorkerEvent[] = [];
      await assert.rejects(
        startFleetWorker(server.url, {
          startup: { attempts: 2, firstDelayMs: 100, maxDelayMs: 100 },
          onEvent: (e) => short.push(e),
        }),
        /cannot connect to the fleet store .*ECONNREFUSED.*\(gave up after 2 tries over 0.1 s\)/,
      );
      assert.deepEqual(
        short.map((e) => e.type),
        ['start-retry'],
      );

      const events: WorkerEvent[] = [];
      const worker = await startFleetWorker(server.url, {
        startup: quick,
        cacheDir: false,
        onEvent: (e) => events.push(e),
      });
      try {
        await restarted;
        const retries = events.filter((e) => e.type === 'start-retry');
        assert.ok(retries.length >= 2, `retried ${retries.length} times`);
        assert.deepEqual(
          retries.slice(0, 3).map((e) => e.delayMs),
          [250, 500, 1000].slice(0, Math.min(3, retries.length)),
        );
        for (const e of retries) assert.match(e.error, /ECONNREFUSED|starting up|shutting down|terminat/);
        assert.equal(events.at(-1)?.type, 'started');
      } finally {
        await worker.stop(5000);
      }
    });
  },
);

describe('a worker whose store cannot work, server reachable', () => {
  it('fails at once on a database that does not exist (no retry: waiting cannot cure it)', async () => {
    const url = new URL(PG_ADMIN_URL);
    url.pathname = '/mageup_no_such_database';
    const events: WorkerEvent[] = [];
    await assert.rejects(
      startFleetWorker(url.href, { startup: quick, onEvent: (e) => events.push(e) }),
      /database "mageup_no_such_database" does not exist/,
    );
    assert.deepEqual(events, []);
  });
});
