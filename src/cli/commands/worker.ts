import type { Command } from 'commander';
import { DEFAULT_MAINTENANCE_SECONDS, DEFAULT_QUEUE_POLICY } from '../../fleet/policy.js';
import type { WorkerEvent } from '../../fleet/worker.js';
import { terminalSafe } from '../../report/format.js';
import { EXIT, UsageError } from '../exit.js';
import type { SetExitCode } from './index.js';

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} expects a positive integer, got "${value}"`);
  return n;
}

/**
 * `mageup worker --store postgres://…`: runs the fleet's scan jobs until SIGINT/SIGTERM (then finishes the jobs it
 * holds). Any number of workers, on any machines, share one queue.
 */
export function register(program: Command, setExitCode: SetExitCode): void {
  program
    .command('worker')
    .description('Run fleet scan jobs (audit + check, + verify) from the queue until stopped')
    .option('--store <url>', 'the fleet store, postgres://… (default: $MAGEUP_FLEET_STORE)')
    .option('--concurrency <n>', 'jobs this process runs side by side', '1')
    .option('--threads <n>', 'PHP analysis threads per job', '1')
    .option('--no-cache', 'analyse every PHP file again (no analysis cache)')
    .option(
      '--lease <seconds>',
      `a job whose worker stopped renewing it for this long is retried elsewhere (default ${DEFAULT_QUEUE_POLICY.leaseSeconds})`,
    )
    .option('--maintenance <seconds>', `how often expired jobs are looked for (default ${DEFAULT_MAINTENANCE_SECONDS})`)
    .option('--json', 'one JSON event per line on stdout (for supervisors and tests)')
    .action(
      async (opts: {
        store?: string;
        concurrency: string;
        threads: string;
        cache: boolean;
        lease?: string;
        maintenance?: string;
        json?: boolean;
      }) => {
        const log = (e: WorkerEvent): void => {
          if (opts.json) process.stdout.write(`${JSON.stringify({ ...e, at: new Date().toISOString() })}\n`);
          else process.stderr.write(`mageup worker: ${terminalSafe(describe(e))}\n`);
        };
        {
          // Loaded here, not at start-up: the fleet store and the job engine.
          const [{ fleetStoreSpec, requireServer }, { startFleetWorker }] = await Promise.all([
            import('../../fleet/index.js'),
            import('../../fleet/worker.js'),
          ]);
          const spec = fleetStoreSpec(opts.store);
          requireServer(spec, 'mageup worker');
          const worker = await startFleetWorker(spec, {
            concurrency: positive('--concurrency', opts.concurrency, 1),
            threads: positive('--threads', opts.threads, 1),
            ...(opts.cache ? {} : { cacheDir: false as const }),
            policy: {
              ...DEFAULT_QUEUE_POLICY,
              leaseSeconds: positive('--lease', opts.lease, DEFAULT_QUEUE_POLICY.leaseSeconds),
            },
            maintenanceIntervalSeconds: positive('--maintenance', opts.maintenance, DEFAULT_MAINTENANCE_SECONDS),
            onEvent: log,
          });
          await new Promise<void>((resolveStop) => {
            const stop = (): void => {
              process.off('SIGINT', stop);
              process.off('SIGTERM', stop);
              void worker.stop().finally(resolveStop);
            };
            process.on('SIGINT', stop);
            process.on('SIGTERM', stop);
          });
          setExitCode(EXIT.ok);
        }
      },
    );
}

function describe(e: WorkerEvent): string {
  switch (e.type) {
    case 'started':
      return `${e.worker} waiting for jobs`;
    case 'job-start':
      return `${e.project}: scan started (attempt ${e.attempt})`;
    case 'job-done':
      return `${e.project}: done in ${(e.ms / 1000).toFixed(1)} s${e.recorded ? '' : ' (already recorded by an earlier attempt)'}`;
    case 'job-failed':
      return `${e.project}: failed (attempt ${e.attempt}${e.final ? ', final' : ', will retry'}): ${e.error}`;
    case 'lease-lost':
      return `${e.project}: its job expired while still running (lease not renewed in time); another worker may run it too, the result is recorded once`;
    case 'schedule':
      return `schedule: ${e.queued} scan(s) queued`;
    case 'start-retry':
      return `cannot start yet (${e.error}); trying again in ${Math.round(e.delayMs / 1000)} s (try ${e.attempt + 1} of ${e.attempts})`;
    default:
      return `job engine: ${e.error}`;
  }
}
