// The lease keeper's thread (started by lease-keeper.ts): renews the leases of the jobs its worker holds, on a
// database connection and an event loop of its own, so a scan that keeps the worker's main thread busy for longer than
// a lease (reading a large project, building facts on a loaded machine) does not lose its job to expiry.
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import type { FromKeeper, KeeperConfig, ToKeeper } from './lease-keeper.js';

const config = workerData as KeeperConfig;
const port = parentPort!;
const post = (message: FromKeeper): void => port.postMessage(message);

const pool = new pg.Pool({
  connectionString: config.url,
  max: 1,
  connectionTimeoutMillis: 10_000,
  // One connection, one renewal at a time: a renewal stuck (dead connection, lock) gives up by the next tick, a
  // quarter lease, so it never holds up the others for a lease; keepAlive finds a silently dropped connection.
  query_timeout: (config.leaseSeconds * 1000) / 4,
  statement_timeout: (config.leaseSeconds * 1000) / 4,
  keepAlive: true,
  application_name: 'mageup-fleet-lease',
});
// An idle connection the server dropped (a restart): the next renewal opens a new one.
pool.on('error', () => undefined);

// pg-boss retries a job under the same id (fetch counts retry_count up): matching the attempt held, not only the
// id, a worker whose lease lapsed cannot renew the next attempt, run by another worker, and take it for its own.
const sql = `UPDATE ${config.table} AS j SET expire_in = (now() - j.started_on) + make_interval(secs => $3)
             FROM unnest($2::uuid[], $4::int[]) AS h(id, retry_count)
             WHERE j.name = $1 AND j.id = h.id AND j.retry_count = h.retry_count AND j.state = 'active'
             RETURNING j.id`;
/** The jobs held, each with the attempt (retry_count) this worker fetched. */
const held = new Map<string, number>();
let lastAlive = Date.now();
let busy = false;

/** One renewal of `ids`; a job no longer active is lost (unless released meanwhile: it completed). */
async function renew(ids: string[]): Promise<void> {
  try {
    const attempts = ids.map((id) => held.get(id) ?? -1);
    const { rows } = await pool.query<{ id: string }>(sql, [config.queue, ids, config.leaseSeconds, attempts]);
    const renewed = new Set(rows.map((r) => r.id));
    for (const id of ids) if (!renewed.has(id) && held.delete(id)) post({ type: 'lost', jobId: id });
  } catch (error) {
    // The database may be restarting: the next renewal tries again; the lease is lost only if all of them fail.
    post({ type: 'error', jobIds: ids, message: error instanceof Error ? error.message : String(error) });
  }
}

const timer = setInterval(
  () => {
    // A main thread silent for stallSeconds is hung, not busy: its leases lapse, and its jobs go to other workers.
    // They are dropped and said lost at once, so a thread that comes back neither renews nor ends them.
    if (Date.now() - lastAlive > config.stallSeconds * 1000) {
      for (const id of held.keys()) post({ type: 'lost', jobId: id });
      held.clear();
      return;
    }
    if (busy || held.size === 0) return;
    busy = true;
    void renew([...held.keys()]).finally(() => (busy = false));
  },
  (config.leaseSeconds * 1000) / 4,
);

// Open the connection before the first job needs it.
void pool
  .connect()
  .then((client) => client.release())
  .catch(() => undefined)
  .finally(() => post({ type: 'ready' }));

port.on('message', (message: ToKeeper) => {
  lastAlive = Date.now();
  if (message.type === 'hold') {
    held.set(message.jobId, message.retryCount);
    void renew([message.jobId]).finally(() => post({ type: 'held', jobId: message.jobId }));
  } else if (message.type === 'release') held.delete(message.jobId);
  else if (message.type === 'stop') {
    clearInterval(timer);
    port.close();
    void pool.end().catch(() => undefined);
  }
});
