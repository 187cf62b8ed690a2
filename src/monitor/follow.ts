import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { judge, type MonitorSession } from './run-monitor.js';
import { LogScan } from './scan.js';
import type { MonitorResult } from './types.js';

/**
 * --follow: polls the files read (and new `*.log` files in the log directory) every interval, reads what was
 * appended — from the start again when a file shrank (rotated or truncated) — and calls `onChange` with the new
 * judgement. Polling, not inotify: it works the same on NFS and in containers. Ends when `signal` aborts.
 */
export async function followMonitor(
  session: MonitorSession,
  opts: { intervalMs?: number; signal: AbortSignal; onChange(result: MonitorResult): void },
): Promise<void> {
  session.scan.errors.markKnown();
  const interval = opts.intervalMs ?? 1000;
  while (!opts.signal.aborted) {
    await sleep(interval, opts.signal);
    if (opts.signal.aborted) break;
    let changed = false;
    for (const file of LogScan.listLogs(session.logDir)) {
      if (!session.offsets.has(file) && /\.log$/.test(basename(file))) {
        session.offsets.set(file, { offset: 0, kind: 'magento' });
      }
    }
    for (const [file, state] of session.offsets) {
      let size: number;
      try {
        size = statSync(file).size;
      } catch {
        continue;
      }
      if (size === state.offset) continue;
      const start = size < state.offset ? 0 : state.offset;
      state.offset =
        state.kind === 'magento'
          ? await session.scan.scanMagentoLog(file, { start, follow: true })
          : await session.scan.scanAccessOrSlow(file, { start, follow: true });
      changed = true;
    }
    if (changed) opts.onChange(judge(session));
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
