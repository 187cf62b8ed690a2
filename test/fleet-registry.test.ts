import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  addProject,
  fleetStatus,
  FleetError,
  listProjects,
  openFleetStore,
  recordScan,
  removeProject,
  requireServer,
  setProgress,
  type FleetStore,
  type StoreStatus,
} from '../src/fleet/index.js';
import { cronOf } from '../src/fleet/queue.js';
import { createTestDatabase } from './helpers/pg-database.js';

const STORE = resolve('test/fixtures/projects/store');
const VANILLA = resolve('test/fixtures/projects/vanilla-2.4.7-p7');

const status = (version: string): StoreStatus => ({
  edition: 'open-source',
  b2b: false,
  version,
  patchLevel: null,
  support: { endOfSupport: null, daysLeft: null, status: 'unknown' },
  openExploited: [],
  unverifiedBulletins: [],
  target: '2.4.9',
  bySeverity: { critical: 1, error: 0, warning: 0, info: 0 },
  effortHours: 10,
  risk: 'high',
  canMoveNow: true,
  blockedBy: [],
  unverifiedExtensions: [],
  verify: null,
});

/** The same registry behaviour on the embedded store and on a PostgreSQL server. */
function behaves(open: () => Promise<FleetStore>): void {
  it('adds, lists by tag, reports the latest scan per store and removes', async () => {
    const store = await open();
    try {
      await addProject(store.db, { name: 'acme-de', location: STORE, tags: ['de', 'gold'] });
      await addProject(store.db, { name: 'vanilla', location: VANILLA, tags: ['de'] });
      await addProject(store.db, { name: 'remote', location: 'git@example.com:acme/shop.git' });
      await assert.rejects(addProject(store.db, { name: 'acme-de', location: STORE }), FleetError);
      await assert.rejects(addProject(store.db, { name: 'x', location: '/nonexistent/dir' }), /not a directory/);
      await assert.rejects(addProject(store.db, { name: 'bad name', location: STORE }), /not a fleet name/);
      assert.deepEqual(
        (await listProjects(store.db, { tags: ['de'] })).map((p) => p.name),
        ['acme-de', 'vanilla'],
      );
      assert.equal((await listProjects(store.db)).find((p) => p.name === 'remote')?.kind, 'git');
      const at = (m: number): string => new Date(Date.UTC(2026, 10, 1, 10, m)).toISOString();
      const base = { worker: 'w1', attempt: 1, auditRunId: null, checkRunId: null };
      assert.equal(
        await recordScan(store.db, {
          ...base,
          project: 'acme-de',
          jobId: 'j1',
          startedAt: at(0),
          finishedAt: at(1),
          ok: true,
          error: null,
          status: status('2.4.6-p3'),
        }),
        true,
      );
      // The same job id twice (a retried job that had already recorded) is kept once.
      assert.equal(
        await recordScan(store.db, {
          ...base,
          project: 'acme-de',
          jobId: 'j1',
          startedAt: at(0),
          finishedAt: at(1),
          ok: true,
          error: null,
          status: status('2.4.6-p3'),
        }),
        false,
      );
      await recordScan(store.db, {
        ...base,
        project: 'acme-de',
        jobId: 'j2',
        startedAt: at(2),
        finishedAt: at(3),
        ok: false,
        error: 'boom',
        status: null,
      });
      await setProgress(store.db, { jobId: 'j3', project: 'vanilla', phase: 'check', percent: 40, worker: 'w2' });
      const rows = await fleetStatus(store.db, { tags: ['de'] });
      const acme = rows.find((r) => r.name === 'acme-de')!;
      assert.equal(acme.lastScan?.ok, false);
      assert.equal(acme.lastScan?.error, 'boom');
      assert.equal(acme.lastGoodScan?.status?.version, '2.4.6-p3');
      assert.equal(acme.previousGoodScan, null);
      // A later good scan: shown, and compared with the one before it (the trend), the failure in between skipped.
      await recordScan(store.db, {
        ...base,
        project: 'acme-de',
        jobId: 'j4',
        startedAt: at(4),
        finishedAt: at(5),
        ok: true,
        error: null,
        status: status('2.4.6-p5'),
      });
      const later = (await fleetStatus(store.db)).find((r) => r.name === 'acme-de')!;
      assert.deepEqual(
        [later.lastScan?.status?.version, later.lastGoodScan, later.previousGoodScan?.status?.version],
        ['2.4.6-p5', null, '2.4.6-p3'],
      );
      const vanilla = rows.find((r) => r.name === 'vanilla')!;
      assert.equal(vanilla.lastScan, null);
      assert.deepEqual([vanilla.progress?.phase, vanilla.progress?.percent], ['check', 40]);
      await removeProject(store.db, 'remote');
      await assert.rejects(removeProject(store.db, 'remote'), /no store named "remote"/);
    } finally {
      await store.db.close();
    }
  });
}

describe('fleet registry on the embedded store (PGlite)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'mageup-fleet-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  behaves(() => openFleetStore(join(dir, 'store')));
  it('reads schedules: monthly, weekly, daily, cron; refuses anything else with the accepted forms', () => {
    assert.equal(cronOf('monthly'), '0 3 1 * *');
    assert.equal(cronOf('15 2 * * 0'), '15 2 * * 0');
    assert.throws(() => cronOf('every tuesday'), /not a schedule: monthly, weekly, daily or a 5-field cron/);
  });
  it('says the job engine needs a server', () => {
    assert.throws(
      () => requireServer(join(dir, 'store'), 'fleet scan'),
      /fleet scan needs a PostgreSQL server: --store postgres:\/\//,
    );
  });
});

describe('fleet registry on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  before(async () => {
    database = await createTestDatabase('mageup_fleet_reg');
  });
  after(() => database.drop());
  behaves(() => openFleetStore(database.url));
});
