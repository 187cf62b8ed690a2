import { strict as assert } from 'node:assert';
import { createServer } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Connection } from 'mysql2';
import { main } from '../src/cli/main.js';
import {
  assertReadOnlyStatement,
  DbError,
  parseDsn,
  parseMagentoHost,
  ReadOnlySession,
  ReadOnlyViolation,
  settingsFromEnvPhp,
  takeSnapshot,
} from '../src/db/index.js';
import { captureStdio } from './helpers/cli.js';
import { startServerRejectingReadOnly } from './fixtures/db/fake-server.js';
import { createTestDatabase, TEST_SERVER } from './fixtures/db/test-database.js';
import type { TestDatabase } from './fixtures/db/test-database.js';

const SECRET = 'Pa55-w0rd-NEVER-SHOWN';

describe('read-only guard (no server)', () => {
  it('lets SELECT and SHOW through', () => {
    assertReadOnlyStatement('SELECT 1');
    assertReadOnlyStatement('  select * from `sales_order` where status = "delete"');
    assertReadOnlyStatement('SHOW TABLES;');
    assertReadOnlyStatement("SELECT 'INSERT INTO x; DROP TABLE y' AS text -- UPDATE\n");
  });
  for (const sql of [
    'DELETE FROM sales_order',
    'UPDATE core_config_data SET value = 1',
    'INSERT INTO patch_list VALUES (1)',
    'DROP TABLE sales_order',
    'SET GLOBAL read_only = 0',
    'CALL wipe()',
    'SELECT 1; DELETE FROM sales_order',
    "SELECT * FROM sales_order INTO OUTFILE '/tmp/x'",
    'SELECT * FROM sales_order FOR UPDATE',
    'SELECT * FROM sales_order LOCK IN SHARE MODE',
    "SELECT GET_LOCK('x', 10)",
    'SELECT SLEEP(100)',
    'SELECT @a := 1',
    '/*!50000 DELETE FROM sales_order */ SELECT 1',
    'WITH x AS (SELECT 1) DELETE FROM sales_order',
    '',
  ]) {
    it(`refuses ${JSON.stringify(sql)}`, () => assert.throws(() => assertReadOnlyStatement(sql), ReadOnlyViolation));
  }
});

describe('connection settings (no server)', () => {
  it('parses DSNs without ever quoting the password in errors', () => {
    const s = parseDsn(`mysql://app:${encodeURIComponent('p@ss:w/rd')}@db.internal:3307/shop?prefix=m2_`);
    assert.deepEqual(
      { host: s.host, port: s.port, user: s.user, password: s.password, database: s.database, prefix: s.tablePrefix },
      { host: 'db.internal', port: 3307, user: 'app', password: 'p@ss:w/rd', database: 'shop', prefix: 'm2_' },
    );
    for (const bad of [`postgres://u:${SECRET}@h/db`, `mysql://u:${SECRET}@h`, `not a url ${SECRET}`]) {
      assert.throws(
        () => parseDsn(bad),
        (e: Error) => e instanceof DbError && !e.message.includes(SECRET),
      );
    }
  });
  it('reads Magento host forms', () => {
    assert.deepEqual(parseMagentoHost('db'), { host: 'db', port: 3306 });
    assert.deepEqual(parseMagentoHost('127.0.0.1:3307'), { host: '127.0.0.1', port: 3307 });
    assert.deepEqual(parseMagentoHost('/run/mysqld/mysqld.sock'), {
      host: 'localhost',
      port: 3306,
      socketPath: '/run/mysqld/mysqld.sock',
    });
    assert.deepEqual(parseMagentoHost('localhost:/tmp/my.sock'), {
      host: 'localhost',
      port: 3306,
      socketPath: '/tmp/my.sock',
    });
  });
});

describe('read-only session on a real MariaDB', () => {
  let db: TestDatabase;
  let work: string;
  before(async () => {
    db = await createTestDatabase();
    work = mkdtempSync(join(tmpdir(), 'mageup-db-session-'));
  });
  after(async () => {
    await db?.drop();
    rmSync(work, { recursive: true, force: true });
  });

  it('cannot write: the guard refuses first, the server refuses too', async () => {
    const session = await ReadOnlySession.open(parseDsn(db.dsn()));
    try {
      await assert.rejects(session.query('DELETE FROM sales_order'), ReadOnlyViolation);
      await assert.rejects(
        session.each('UPDATE core_config_data SET value = 1', [], () => undefined),
        ReadOnlyViolation,
      );
      const variable =
        session.server.flavor === 'mariadb' && /^10\./.test(session.server.number)
          ? 'tx_read_only'
          : 'transaction_read_only';
      assert.equal(String((await session.query(`SELECT @@session.${variable} AS ro`))[0]?.ro), '1');
      // Past the guard, straight on the driver's connection: the read-only transaction stops the write.
      const raw = (session as unknown as { connection: Connection }).connection;
      const error = await new Promise<Error | null>((resolve) =>
        raw.query("UPDATE core_config_data SET value = 'x'", (e) => resolve(e)),
      );
      assert.ok(error, 'the server accepted a write');
      assert.match(error.message, /READ ONLY transaction/i);
    } finally {
      await session.close();
    }
  });

  it('stops a statement at the timeout', async () => {
    const session = await ReadOnlySession.open(parseDsn(db.dsn()), { timeoutSeconds: 0.3 });
    try {
      await assert.rejects(
        session.query(
          'SELECT COUNT(*) FROM information_schema.COLUMNS a, information_schema.COLUMNS b, information_schema.COLUMNS c',
        ),
        (e: Error) => e instanceof DbError && e.kind === 'timeout',
      );
    } finally {
      await session.close();
    }
  });

  it('wrong credentials, unknown database, closed port: clear messages without the password', async () => {
    const denied = await ReadOnlySession.open(parseDsn(db.dsn('root', SECRET))).catch((e: unknown) => e);
    assert.ok(denied instanceof DbError && denied.kind === 'access-denied', String(denied));
    assert.match(denied.message, /access denied for root@127\.0\.0\.1:3306/);
    assert.ok(!denied.message.includes(SECRET));

    const unknown = await ReadOnlySession.open(parseDsn(`mysql://root@127.0.0.1:3306/no_such_db_mageup`)).catch(
      (e: unknown) => e,
    );
    assert.ok(unknown instanceof DbError && unknown.kind === 'unknown-database', String(unknown));

    const port = await closedPort();
    const closed = await ReadOnlySession.open(parseDsn(`mysql://root:${SECRET}@127.0.0.1:${port}/shop`)).catch(
      (e: unknown) => e,
    );
    assert.ok(closed instanceof DbError && closed.kind === 'unreachable', String(closed));
    assert.match(closed.message, /cannot reach the database server.*ECONNREFUSED/);
    assert.ok(!closed.message.includes(SECRET));
  });

  it('a server that rejects read-only mode: MageUp stops', async () => {
    const server = await startServerRejectingReadOnly();
    try {
      let error: unknown;
      // The fake server's replies are numbered loosely; mysql2 prints warnings about it, kept out of the test output.
      await captureStdio(async () => {
        error = await ReadOnlySession.open(parseDsn(`mysql://app:${SECRET}@127.0.0.1:${server.port}/shop`)).catch(
          (e: unknown) => e,
        );
      });
      assert.ok(error instanceof DbError && error.kind === 'read-only-refused', String(error));
      assert.match(error.message, /rejected read-only mode .*does not run without it/);
      assert.ok(!error.message.includes(SECRET));
    } finally {
      await server.close();
    }
  });

  it('a database that is not Magento, and one with missing tables', async () => {
    const empty = await createTestDatabase({ schema: false });
    try {
      await empty.exec('CREATE TABLE wp_posts (ID int PRIMARY KEY)');
      const session = await ReadOnlySession.open(parseDsn(empty.dsn()));
      try {
        await assert.rejects(
          takeSnapshot(session),
          (e: Error) =>
            e instanceof DbError && e.kind === 'not-magento' && /does not look like Magento/.test(e.message),
        );
      } finally {
        await session.close();
      }
    } finally {
      await empty.drop();
    }
    const partial = await createTestDatabase({ prefix: 'x_' });
    try {
      await partial.exec(
        'DROP TABLE {{p}}inventory_reservation; DROP TABLE {{p}}quote; ALTER TABLE {{p}}sales_shipment DROP COLUMN total_qty',
      );
      const session = await ReadOnlySession.open(parseDsn(partial.dsn()));
      try {
        const snapshot = await takeSnapshot(session);
        assert.equal(snapshot.partial, true);
        assert.deepEqual(
          snapshot.missing.map((m) => m.table),
          ['inventory_reservation', 'quote', 'sales_shipment.total_qty'],
        );
        assert.ok(!snapshot.aggregates.some((a) => a.id === 'quotes' || a.id === 'shipments'));
        assert.ok(snapshot.aggregates.some((a) => a.id === 'orders'));
      } finally {
        await session.close();
      }
    } finally {
      await partial.drop();
    }
  });

  it('connects from app/etc/env.php; the CLI never prints its password', async () => {
    const project = join(work, 'shop');
    mkdirSync(join(project, 'app/etc'), { recursive: true });
    writeFileSync(
      join(project, 'composer.json'),
      JSON.stringify({ name: 'acme/shop', require: { 'magento/product-community-edition': '2.4.6-p3' } }),
    );
    const env = (password: string): string => `<?php
return [
    'db' => [
        'table_prefix' => '',
        'connection' => [
            'default' => [
                'host' => '${TEST_SERVER.host}:${TEST_SERVER.port}',
                'dbname' => '${db.name}',
                'username' => 'root',
                'password' => '${password}',
                'active' => '1',
            ],
        ],
    ],
];
`;
    writeFileSync(join(project, 'app/etc/env.php'), env(''));
    const settings = await settingsFromEnvPhp(project);
    assert.equal(settings.database, db.name);
    assert.equal(settings.origin, 'app/etc/env.php');
    const out = join(work, 'snap.json');
    assert.equal(await main(['db', 'snapshot', project, '--output', out]), 0);

    writeFileSync(join(project, 'app/etc/env.php'), env(SECRET));
    let code = -1;
    const { stderr } = await captureStdio(async () => {
      code = await main(['db', 'snapshot', project, '--output', out]);
    });
    assert.equal(code, 2);
    assert.match(stderr, /access denied/);
    assert.match(stderr, /app\/etc\/env\.php/);
    assert.ok(!stderr.includes(SECRET));

    const noEnv = join(work, 'no-env');
    mkdirSync(join(noEnv, 'app/etc'), { recursive: true });
    writeFileSync(
      join(noEnv, 'composer.json'),
      JSON.stringify({ name: 'acme/x', require: { 'magento/product-community-edition': '2.4.6' } }),
    );
    const { stderr: missing } = await captureStdio(async () => {
      code = await main(['db', 'snapshot', noEnv]);
    });
    assert.equal(code, 2);
    assert.match(missing, /env\.php not found/);
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
