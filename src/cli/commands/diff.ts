import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Finding } from '../../core/finding.js';
import type { RunDiff } from '../../history/index.js';
import { terminalSafe } from '../../report/format.js';
import { EXIT, UsageError } from '../exit.js';
import type { SetExitCode } from './index.js';

/** `mageup diff <runA> <runB>`: findings fixed, new and unchanged between two recorded runs (by fingerprint). */
export function register(program: Command, setExitCode: SetExitCode): void {
  program
    .command('diff')
    .description('Compare two recorded runs: findings fixed, new and unchanged (matched by fingerprint)')
    .argument('<runA>', 'earlier run id (see mageup history)')
    .argument('<runB>', 'later run id')
    .option('--path <dir>', 'project root whose history to read', '.')
    .option(
      '--store <dir|url>',
      'history store: a directory or postgres://… (default: one per project in the user data directory, $MAGEUP_DATA_DIR)',
    )
    .option('--format <format>', 'text or json', 'text')
    .action(async (a: string, b: string, opts: { path: string; store?: string; format: string }) => {
      if (opts.format !== 'text' && opts.format !== 'json')
        throw new UsageError(`--format: expected text or json, got "${opts.format}"`);
      const [from, to] = [runId(a), runId(b)];
      const { RunStore, storeFor } = await import('../../history/index.js');
      const store = await RunStore.open(storeFor(resolve(opts.path), opts.store));
      try {
        const diff = await store.diff(from, to);
        process.stdout.write(opts.format === 'json' ? `${JSON.stringify(diff, null, 2)}\n` : renderDiff(diff));
        // Like `diff`: 1 when something new appeared.
        setExitCode(diff.new.length > 0 ? EXIT.findings : EXIT.ok);
      } finally {
        await store.close();
      }
    });
}

function runId(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`run ids are positive integers (see mageup history), got "${value}"`);
  return n;
}

function renderDiff(d: RunDiff): string {
  const line = (mark: string, f: Finding & { target?: string }): string =>
    terminalSafe(
      `  ${mark} ${f.severity.padEnd(8)} ${f.ruleId}  ${f.file ? `${f.file}${f.line ? `:${f.line}` : ''}` : (f.package ?? '')}${f.target ? ` [${f.target}]` : ''}\n      ${f.message}`,
    );
  const out = [
    `Run ${d.from.id} (${d.from.recordedAt.slice(0, 16)}) → run ${d.to.id} (${d.to.recordedAt.slice(0, 16)}): ` +
      `${d.fixed.length} fixed, ${d.new.length} new, ${d.unchanged.length} unchanged`,
  ];
  if (d.fixed.length > 0) out.push('', 'Fixed', ...d.fixed.map((f) => line('-', f)));
  if (d.new.length > 0) out.push('', 'New', ...d.new.map((f) => line('+', f)));
  return `${out.join('\n')}\n`;
}
