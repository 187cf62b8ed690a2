import { spawn, type ChildProcess } from 'node:child_process';
import type { WorkerEvent } from '../../src/fleet/worker.js';

/** A `mageup worker --json` child process and the events it has printed so far. */
export interface WorkerProcess {
  child: ChildProcess;
  events: WorkerEvent[];
  exited: Promise<void>;
}

export interface WorkerProcessOptions {
  /** How to run the CLI: node arguments before the command (e.g. ['--import', 'tsx', 'scripts/mageup-dev.ts']). */
  cli: string[];
  /** pg-boss timings in seconds, passed as --lease and --maintenance (retries are the jobs' own: enqueueScans). */
  lease: string;
  maintenance: string;
  /** Where the worker's stderr goes. */
  stderr: 'inherit' | 'ignore';
}

/**
 * Starts a worker on the fleet store at `url` and parses its JSON event lines as they arrive (the fleet test and the
 * fleet bench drive workers the same way).
 */
export function startWorkerProcess(
  url: string,
  options: WorkerProcessOptions,
  onEvent?: (event: WorkerEvent, worker: WorkerProcess) => void,
): WorkerProcess {
  const child = spawn(
    process.execPath,
    [
      ...options.cli,
      'worker',
      '--store',
      url,
      '--json',
      '--no-cache',
      '--lease',
      options.lease,
      '--maintenance',
      options.maintenance,
    ],
    { stdio: ['ignore', 'pipe', options.stderr] },
  );
  const worker: WorkerProcess = {
    child,
    events: [],
    exited: new Promise((resolve) => child.on('exit', () => resolve())),
  };
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (!line.startsWith('{')) continue;
      const event = JSON.parse(line) as WorkerEvent;
      worker.events.push(event);
      onEvent?.(event, worker);
    }
  });
  return worker;
}
