import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type PgBossType from 'pg-boss';
import { openFleetStore, type FleetStore } from '../src/fleet/index.js';
import { holdLease, SCAN_QUEUE, startBoss, type ScanJobData } from '../src/fleet/queue.js';
import { createTestDatabase } from './helpers/pg-database.js';

const LEASE = 3;

describe('a running job keeps its lease while its worker renews it (real PostgreSQL, pg-boss maintenance)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let store: FleetStore;
  let boss: PgBossType;

  before(async () => {
    database = await createTestDatabase('mageup_fleet_lease');
    store = await openFleetStore(database.url);
    // Supervising: pg-boss's maintenance (which fails expired jobs) runs here every second.
    boss = await startBoss(
      store,
      { supervise: true, maintenanceIntervalSeconds: 1 },
      { retryLimit: 1, retryDelaySeconds: 1, leaseSeconds: LEASE },
    );
  });
  after(async () => {
    await boss?.stop({ graceful: false, wait: true, close: true });
    await store?.db.close();
    await database?.drop();
  });

  const state = async (id: string): Promise<string | undefined> => (await boss.getJobById(SCAN_QUEUE, id))?.state;

  it('outlives its lease while renewed, expires a lease after the renewals stop, and then is no longer held', async () => {
    const id = (await boss.send(SCAN_QUEUE, { project: 'p', batch: 'b' } satisfies ScanJobData, {
      singletonKey: 'p',
    }))!;
    const [job] = await boss.fetch<ScanJobData>(SCAN_QUEUE);
    assert.equal(job?.id, id);
    let lost = 0;
    const lease = await holdLease(boss, SCAN_QUEUE, id, LEASE, { lost: () => lost++ });
    // Three leases' time with maintenance every second: still the same active attempt.
    await new Promise((r) => setTimeout(r, 3 * LEASE * 1000));
    assert.equal(await state(id), 'active');
    assert.equal(lost, 0);

    lease.release();
    const released = Date.now();
    while ((await state(id)) === 'active') {
      assert.ok(Date.now() - released < (LEASE + 10) * 1000, 'expired once no longer renewed');
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.equal(await state(id), 'retry');
    assert.ok(Date.now() - released >= (LEASE - 1) * 1000, 'not before the last renewal ran out');

    // The worker that lost it learns so at its next renewal.
    const late = await holdLease(boss, SCAN_QUEUE, id, LEASE, { lost: () => lost++ });
    late.release();
    assert.equal(lost, 1);
  });
});
