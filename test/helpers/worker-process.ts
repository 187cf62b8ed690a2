import { spawn, type ChildProcess } from 'node:child_process';
import type { WorkerEvent } from '../../src/fleet/worker.js';

/** A `mageup worker --json` child process and the events it has printed so far. */
export interface WorkerProcess {
  child: ChildProcess;
  events: WorkerEvent[];
  exited: Promise<void>;
  /** The last 64 KB of its stderr (with `stderr: 'capture'`). */
  stderr(): string;
}

export interface WorkerProcessOptions {
  /** How to run the CLI: node arguments before the command (e.g. ['--import', 'tsx', 'scripts/mageup-dev.ts']). */
  cli: string[];
  /** pg-boss timings in seconds, passed as --lease and --maintenance (retries are the jobs' own: enqueueScans). */
  lease: string;
  maintenance: string;
  /**
   * Where the worker's stderr goes: through to ours, or kept (`stderr()`) and printed when the worker exits with an
   * error code, so that a worker dying in a test or bench says why.
   */
  stderr: 'inherit' | 'capture';
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
    { stdio: ['ignore', 'pipe', options.stderr === 'inherit' ? 'inherit' : 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-65_536);
  });
  const worker: WorkerProcess = {
    child,
    events: [],
    // 'close' rather than 'exit': its stderr has been read to the end.
    exited: new Promise((resolve) =>
      child.on('close', (code) => {
        // Killed by a signal (tests and benches kill workers on purpose) is code null; 0 is a clean stop.
        if (code && options.stderr === 'capture')
          process.stderr.write(`worker ${child.pid} exited with code ${code}; its stderr:\n${stderr || '(empty)'}\n`);
        resolve();
      }),
    ),
    stderr: () => stderr,
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
