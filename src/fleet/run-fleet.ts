// `mageup fleet <subcommand>` as one library call each, so the CLI only parses, calls and renders: each opens the
// fleet store (`--store`, else $MAGEUP_FLEET_STORE, else the user data directory), does its work, and always closes it
// (and the job engine, for scan and schedule).
import type PgBossType from 'pg-boss';
import { clearSchedule, enqueueScans, setSchedule, startBoss } from './queue.js';
import { addProject, removeProject, type AddProject } from './registry.js';
import { fleetStatus } from './status.js';
import { fleetStoreSpec, openFleetStore, requireServer, type FleetStore } from './store.js';
import type { FleetProject, FleetStoreRow } from './types.js';

async function withStore<T>(storeOption: string | undefined, fn: (store: FleetStore) => Promise<T>): Promise<T> {
  let store: FleetStore | undefined;
  try {
    store = await openFleetStore(fleetStoreSpec(storeOption));
    return await fn(store);
  } finally {
    await store?.db.close().catch(() => undefined);
  }
}

/** Runs `fn` with the job engine of a server store (`what` names the command when the store is a directory). */
async function withBoss<T>(
  storeOption: string | undefined,
  what: string,
  fn: (boss: PgBossType, store: FleetStore) => Promise<T>,
): Promise<T> {
  return withStore(storeOption, async (store) => {
    requireServer(store, what);
    const boss = await startBoss(store);
    try {
      return await fn(boss, store);
    } finally {
      await boss.stop({ graceful: false, wait: true, close: true });
    }
  });
}

/** `fleet add`: registers a store. */
export function fleetAdd(storeOption: string | undefined, input: AddProject): Promise<FleetProject> {
  return withStore(storeOption, (store) => addProject(store.db, input));
}

/** `fleet list` and `fleet report`: every registered store (carrying all `tags`) with its latest scan. */
export function fleetList(
  storeOption: string | undefined,
  tags: string[],
): Promise<{ location: string; rows: FleetStoreRow[] }> {
  return withStore(storeOption, async (store) => ({
    location: store.location,
    rows: await fleetStatus(store.db, { tags }),
  }));
}

/** `fleet remove`: unregisters a store (its runs and scans stay in the history). */
export function fleetRemove(storeOption: string | undefined, name: string): Promise<void> {
  return withStore(storeOption, (store) => removeProject(store.db, name));
}

/**
 * `fleet scan`: one scan job per matching store. `unknown` lists the `names` no store carries: the caller says what was
 * queued, then fails on them.
 */
export function fleetScan(
  storeOption: string | undefined,
  opts: { names: string[]; tags: string[]; target?: string },
): Promise<{ queued: { project: string; jobId: string }[]; alreadyQueued: string[]; unknown: string[] }> {
  return withBoss(storeOption, 'fleet scan', async (boss, store) => {
    const result = await enqueueScans(boss, store, {
      ...(opts.tags.length ? { tags: opts.tags } : {}),
      ...(opts.names.length ? { names: opts.names } : {}),
      ...(opts.target ? { target: opts.target } : {}),
    });
    const known = new Set([...result.queued.map((q) => q.project), ...result.alreadyQueued]);
    return {
      queued: result.queued,
      alreadyQueued: result.alreadyQueued,
      unknown: opts.names.filter((n) => !known.has(n)),
    };
  });
}

/** `fleet schedule`: sets the fleet's scan schedule and returns its cron expression, or removes it (`off`: null). */
export function fleetSchedule(storeOption: string | undefined, when: string, tags: string[]): Promise<string | null> {
  return withBoss(storeOption, 'fleet schedule', async (boss) => {
    if (when === 'off') {
      await clearSchedule(boss);
      return null;
    }
    return setSchedule(boss, when, tags);
  });
}
