import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { openFleetStore } from '../src/fleet/index.js';
import { RunStore } from '../src/history/run-store.js';
import type { SqlConnection } from '../src/history/sql.js';
import { createTestDatabase } from './helpers/pg-database.js';

/**
 * pg emits a lost connection as an 'error' event on the client, and an event nobody listens to is an uncaught
 * exception: a `mageup worker` died this way when its server restarted while it recorded a scan (fleet-db-restart
 * failed about 1 run in 8). The statement must fail instead, and the process live on.
 */
describe('a PostgreSQL connection cut by the server fails the statement, not the process (real PostgreSQL)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let admin: pg.Client;
  before(async () => {
    database = await createTestDatabase('mageup_conn_lost');
    admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
  });
  after(async () => {
    await admin.end();
    await database.drop();
  });

  const cutBetweenStatements = async (q: SqlConnection['query']): Promise<void> => {
    const [row] = (await q('SELECT pg_backend_pid() AS pid')).rows as { pid: number }[];
    await admin.query('SELECT pg_terminate_backend($1)', [row!.pid]);
    // No statement is waiting when the server closes the connection: only the 'error' event tells.
    await new Promise((r) => setTimeout(r, 500));
    await q('SELECT 1');
  };

  it('the fleet store: the transaction fails with the cause, the pool replaces the connection', async () => {
    const store = await openFleetStore(database.url);
    try {
      await assert.rejects(store.db.transaction(cutBetweenStatements), /terminating connection/);
      assert.deepEqual((await store.db.query('SELECT 1 AS one')).rows, [{ one: 1 }]);
    } finally {
      await store.db.close();
    }
  });

  it('the run store (one connection): the next statement fails with the cause', async () => {
    const store = await RunStore.open(database.url);
    try {
      await assert.rejects(cutBetweenStatements(store.connection.query), /terminating connection/);
    } finally {
      await store.close().catch(() => undefined);
    }
  });
});
