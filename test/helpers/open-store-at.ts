/**
 * Child process of test/history-migrate-lock.test.ts: waits until the given moment (so that several processes open the
 * store together), opens the store at the URL (which migrates its schema), closes it and prints "ok".
 *
 *   node --import tsx test/helpers/open-store-at.ts <run|fleet> <postgres-url> <epoch-ms>
 */
import { openFleetStore } from '../../src/fleet/index.js';
import { RunStore } from '../../src/history/index.js';

const [kind, url, at] = process.argv.slice(2);
await new Promise((r) => setTimeout(r, Math.max(0, Number(at) - Date.now())));
if (kind === 'fleet') await (await openFleetStore(url!)).db.close();
else await (await RunStore.open(url!)).close();
process.stdout.write('ok\n');
