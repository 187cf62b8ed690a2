import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { RunInfo } from '../../history/index.js';
import { renderTable, terminalSafe } from '../../report/format.js';
import { EXIT, UsageError } from '../exit.js';
import type { SetExitCode } from './index.js';

/** `mageup history [path]`: the runs recorded for a project, newest first. */
export function register(program: Command, setExitCode: SetExitCode): void {
  program
    .command('history')
    .description('List the audit/check runs recorded for a project (newest first)')
    .argument('[path]', 'project root', '.')
    .option(
      '--store <dir|url>',
      'history store: a directory or postgres://… (default: one per project in the user data directory, $MAGEUP_DATA_DIR)',
    )
    .option('--all', 'every project in the store, not only this one')
    .option('--limit <n>', 'at most this many runs', '20')
    .option('--format <format>', 'text or json', 'text')
    .action(async (path: string, opts: { store?: string; all?: boolean; limit: string; format: string }) => {
      if (opts.format !== 'text' && opts.format !== 'json')
        throw new UsageError(`--format: expected text or json, got "${opts.format}"`);
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1)
        throw new UsageError(`--limit expects a positive integer, got "${opts.limit}"`);
      const { RunStore, storeFor } = await import('../../history/index.js');
      const store = await RunStore.open(storeFor(resolve(path), opts.store));
      if (!opts.store) noteLegacyStore(resolve(path));
      try {
        const runs = await store.list({ ...(opts.all ? {} : { project: resolve(path) }), limit });
        process.stdout.write(
          opts.format === 'json'
            ? `${JSON.stringify({ store: store.location, runs }, null, 2)}\n`
            : renderRuns(runs, store.location),
        );
        setExitCode(EXIT.ok);
      } finally {
        await store.close();
      }
    });
}

/** Runs recorded by versions that kept history inside the project stay readable with `--store`. */
function noteLegacyStore(projectRoot: string): void {
  const legacy = join(projectRoot, '.mageup', 'history');
  if (existsSync(legacy))
    process.stderr.write(
      `mageup history: older runs of this project are in ${terminalSafe(legacy)} (read them with --store ${terminalSafe(legacy)}; MageUp no longer writes there)\n`,
    );
}

function renderRuns(runs: RunInfo[], location: string): string {
  if (runs.length === 0) return `No runs recorded in ${terminalSafe(location)}.\n`;
  const rows = runs.map((r) => {
    const s = r.summary as { bySeverity?: Record<string, number>; effortHours?: number } | null;
    return [
      String(r.id),
      r.recordedAt.replace('T', ' ').slice(0, 16),
      r.command,
      terminalSafe(`${r.currentVersion ?? '?'} → ${r.targets.join(', ') || '-'}`),
      String(r.findings),
      s?.bySeverity ? `${s.bySeverity.critical ?? 0}/${s.bySeverity.error ?? 0}/${s.bySeverity.warning ?? 0}` : '',
      s?.effortHours !== undefined ? `${s.effortHours} h` : '',
      terminalSafe(r.toolVersion),
    ];
  });
  return `${renderTable(['RUN', 'RECORDED (UTC)', 'COMMAND', 'VERSIONS', 'FINDINGS', 'CRIT/ERR/WARN', 'EFFORT', 'TOOL'], rows, { align: ['right', 'left', 'left', 'left', 'right', 'right', 'right', 'left'] })}\nStore: ${terminalSafe(location)}\n`;
}
