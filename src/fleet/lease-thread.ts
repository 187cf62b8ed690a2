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

const sql = `UPDATE ${config.table} SET expire_in = (now() - started_on) + make_interval(secs => $3)
             WHERE name = $1 AND id = ANY($2::uuid[]) AND state = 'active' RETURNING id`;
const held = new Set<string>();
let lastAlive = Date.now();
let busy = false;

/** One renewal of `ids`; a job no longer active is lost (unless released meanwhile: it completed). */
async function renew(ids: string[]): Promise<void> {
  try {
    const { rows } = await pool.query<{ id: string }>(sql, [config.queue, ids, config.leaseSeconds]);
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
    if (busy || held.size === 0 || Date.now() - lastAlive > config.stallSeconds * 1000) return;
    busy = true;
    void renew([...held]).finally(() => (busy = false));
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
    held.add(message.jobId);
    void renew([message.jobId]).finally(() => post({ type: 'held', jobId: message.jobId }));
  } else if (message.type === 'release') held.delete(message.jobId);
  else if (message.type === 'stop') {
    clearInterval(timer);
    port.close();
    void pool.end().catch(() => undefined);
  }
});
