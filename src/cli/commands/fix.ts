import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option } from 'commander';
import type { Command } from 'commander';
import type { FixResult } from '../../fix/run-fix.js';
import { EXIT, UsageError } from '../exit.js';
import type { SetExitCode } from './index.js';

interface FixCommandOptions {
  to?: string;
  from?: string;
  php?: string;
  rules?: string;
  dryRun?: boolean;
  write?: boolean;
  output?: string;
  format: 'text' | 'json';
  /** `--no-lint` sets this to false. */
  lint: boolean;
  workers?: string;
}

/**
 * `mageup fix [path] --to <v>`: the mechanical fixes of what check finds, as a unified diff. Dry run by default (the
 * patch goes to stdout, or to --output); --write applies it. Exit 0 when every fix is verified, 1 when a fixed finding
 * is still reported or a new one appears, 2 when it could not run.
 */
export function register(program: Command, setExitCode: SetExitCode): void {
  program
    .command('fix')
    .description('Safe, mechanical fixes for what check finds, as a patch you review (--write applies it)')
    .argument('[path]', 'project root, a directory inside it, or one extension', '.')
    .option('--to <version>', 'target release: 2.4.8, 2.4.8-p3, latest (default: latest)')
    .option('--from <version>', 'extension mode: the release the extension runs on now')
    .option('--php <x.y>', 'target PHP version (default: the newest the target supports)')
    .option('--rules <ids>', 'fix only these rules or categories, comma-separated (php-version/implicit-nullable,…)')
    .option('--dry-run', 'print the patch, change nothing (the default)')
    .option('--write', 'apply the patch: files git tracks in place, others after a <file>.mageup-backup copy')
    .option('--output <file>', 'write the patch to this file (the summary then goes to stdout)')
    .addOption(new Option('--format <format>', 'summary format').choices(['text', 'json']).default('text'))
    .option('--no-lint', 'skip `php -l` on the fixed files')
    .option('--workers <n>', 'worker threads for PHP analysis')
    .action(async (path: string, opts: FixCommandOptions) => {
      if (opts.write && opts.dryRun) throw new UsageError('--dry-run and --write exclude each other');
      // Loaded here, not at start-up: `mageup --version` and the other commands do not pay for them.
      const [{ runFix }, { renderFixSummary }] = await Promise.all([
        import('../../fix/run-fix.js'),
        import('../../fix/render.js'),
      ]);
      const result: FixResult = await runFix({
        path,
        ...(opts.to ? { to: opts.to } : {}),
        ...(opts.from ? { from: opts.from } : {}),
        ...(opts.php ? { php: opts.php } : {}),
        ...(opts.rules
          ? {
              rules: opts.rules
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean),
            }
          : {}),
        ...(opts.write ? { write: true } : {}),
        ...(opts.lint ? {} : { phpBinary: false as const }),
        ...(opts.workers ? { workers: Number(opts.workers) } : {}),
      });
      const verified = result.fixed.every((f) => f.cleared) && result.introduced.length === 0;
      setExitCode(verified ? EXIT.ok : EXIT.findings);
      if (opts.format === 'json') {
        if (opts.output) writeFileSync(resolve(opts.output), result.patch);
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        return;
      }
      if (opts.output) {
        writeFileSync(resolve(opts.output), result.patch);
        process.stdout.write(renderFixSummary(result, opts.output));
        return;
      }
      if (opts.write) {
        process.stdout.write(renderFixSummary(result, 'applied (use --output to keep it as a file)'));
        return;
      }
      // Dry run to the terminal or a pipe: the patch alone on stdout (`mageup fix > fix.patch`), the summary on stderr.
      process.stdout.write(result.patch);
      process.stderr.write(renderFixSummary(result, 'stdout'));
    });
}
