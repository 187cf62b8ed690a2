import { MageupError } from '../core/errors.js';
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';

/** Another live process holds the store. */
export class StoreLockedError extends MageupError {
  override name = 'StoreLockedError';
}

/**
 * An exclusive lock file beside the embedded store (PGlite is single-process: two writers on one directory would
 * corrupt it). Waits up to `waitMs` for a live holder; takes over a lock left by a process that no longer runs.
 */
export async function acquireLock(file: string, waitMs: number): Promise<() => void> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
      closeSync(fd);
      return () => {
        try {
          unlinkSync(file);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(file);
    if (holder && holder.host === hostname() && !alive(holder.pid)) {
      try {
        unlinkSync(file);
      } catch {
        // Someone else took it over first.
      }
      continue;
    }
    if (Date.now() >= deadline) {
      throw new StoreLockedError(
        `the history store is locked by ${holder ? `process ${holder.pid} on ${holder.host} since ${holder.since}` : 'another process'} (${file}); ` +
          'wait for it to finish, or delete the lock file if that process is gone',
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

function readHolder(file: string): { pid: number; host: string; since: string } | null {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { pid: number; host: string; since: string };
    return typeof data.pid === 'number' ? data : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
