// `node --import tsx test/helpers/boss-maintenance.ts <store url> <queue policy JSON>`: runs pg-boss's maintenance
// (which fails jobs whose lease ran out) every second in a process of its own and takes no jobs, as another worker
// would: a test that blocks its own thread still has its jobs expired on time. Prints "ready" once it runs.
import { openFleetStore } from '../../src/fleet/index.js';
import { startBoss } from '../../src/fleet/queue.js';
import type { QueuePolicy } from '../../src/fleet/policy.js';

const [url, policy] = process.argv.slice(2);
const store = await openFleetStore(url!);
const boss = await startBoss(
  store,
  { supervise: true, maintenanceIntervalSeconds: 1 },
  JSON.parse(policy!) as QueuePolicy,
);
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  void boss
    .stop({ graceful: false, wait: true, close: true })
    .then(() => store.db.close())
    .finally(() => process.exit(0));
});
