import { existsSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import type { Command } from 'commander';
import { EXIT, UsageError } from '../exit.js';
import type { SetExitCode } from './index.js';

/**
 * `mageup index <magento-root>`: indexes the API of every installed Composer package of a tree (for Adobe Commerce,
 * private or third-party packages the shipped index lacks). The result is merged into `--out` and used by `check`.
 */
export function register(program: Command, setExitCode: SetExitCode): void {
  program
    .command('index')
    .description(
      'Index the PHP API of every Composer package installed in a Magento tree (vendor/composer/installed.json)',
    )
    .argument('<magento-root>', 'root of an installed tree (has vendor/composer/installed.json or composer.lock)')
    .option(
      '--out <dir>',
      "index directory to write or extend (default: the tree's directory in the user data directory, $MAGEUP_DATA_DIR)",
    )
    .option('--workers <n>', 'parser threads (default: CPU count)', (v) => parsePositiveInt(v, '--workers'))
    .option('--json', 'print the summary as JSON')
    .action(async (root: string, opts: { out?: string; workers?: number; json?: boolean }) => {
      if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`${root}: not a directory`);
      const tty = process.stderr.isTTY === true && !opts.json;
      let lastDraw = 0;
      const progress = (p: { phase: string; done: number; total: number }): void => {
        if (!tty) return;
        const now = Date.now();
        if (now - lastDraw < 100 && p.done !== p.total) return;
        lastDraw = now;
        process.stderr.write(
          `\r\x1b[K${p.phase === 'parse' ? 'parsing' : p.phase === 'scan' ? 'scanning packages' : 'writing'} ${p.done}/${p.total}`,
        );
      };
      const { defaultIndexDir, indexTree } = await import('../../indexer/index-tree.js');
      let result;
      try {
        result = await indexTree(root, {
          out: opts.out ?? defaultIndexDir(root),
          ...(opts.workers ? { workers: opts.workers } : {}),
          onProgress: progress,
        });
      } finally {
        if (tty) process.stderr.write('\r\x1b[K');
      }
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      } else {
        const where = relative(process.cwd(), result.out) || '.';
        process.stdout.write(
          `Indexed ${result.packages} packages (${result.phpFiles} PHP files, ${result.classes} classes` +
            `${result.release ? `, release ${result.release}` : ''}) into ${where} in ${(result.durationMs / 1000).toFixed(1)} s.\n`,
        );
        const shown = result.problems.slice(0, 20);
        for (const problem of shown) {
          process.stdout.write(
            `  ${problem.level}: ${problem.file ?? ''}${problem.line ? `:${problem.line}` : ''} ${problem.message}\n`,
          );
        }
        if (result.problems.length > shown.length) {
          process.stdout.write(
            `  … and ${result.problems.length - shown.length} more problems (use --json to list all)\n`,
          );
        }
      }
      setExitCode(result.problems.some((p) => p.level === 'error') ? EXIT.findings : EXIT.ok);
    });
}

function parsePositiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} expects a positive integer, got "${value}"`);
  return n;
}
