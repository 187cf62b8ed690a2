import { Option } from 'commander';
import type { Command } from 'commander';
import { SEVERITIES, type Severity } from '../../core/finding.js';
import { runCheck, CheckOptionError } from '../../check/run-check.js';
import { UnknownVersionError } from '../../knowledge/errors.js';
import { NotMagentoProjectError } from '../../project/load.js';
import { CHECK_FORMATS, renderCheck, type CheckFormat } from '../../report/check/index.js';
import { colorEnabled, writeOutput } from '../../report/format.js';
import { EXIT } from '../exit.js';
import type { SetExitCode } from './index.js';

interface CheckCommandOptions {
  to: string;
  from?: string;
  php?: string;
  only?: 'custom' | 'all';
  minSeverity: Severity;
  focus?: string;
  baselineVendor?: string;
  targetVendor?: string;
  format: CheckFormat;
  output?: string;
  workers?: string;
  cacheDir?: string;
  /** `--no-cache` sets this to false. */
  cache: boolean;
}

/**
 * `mageup check [path] --to <v[,v…]>`: what breaks when the project (or one extension) moves to the target(s).
 * Exit 0 when nothing is at or above --min-severity, 1 when something is, 2 when the check could not run.
 */
export function register(program: Command, setExitCode: SetExitCode): void {
  program
    .command('check')
    .description('What breaks when this project (or extension) moves to a target Magento version')
    .argument('[path]', 'project root, a directory inside it, or one extension', '.')
    .option('--to <versions>', 'target release(s), comma-separated: 2.4.8, 2.4.8-p3, latest, latest-patch', 'latest')
    .option('--from <version>', 'extension mode: the release the extension runs on now (default: oldest it allows)')
    .option('--php <x.y>', 'target PHP version (default: the newest the target supports)')
    .addOption(
      new Option('--only <scope>', 'check only custom code, not third-party vendor code').choices(['custom', 'all']),
    )
    .addOption(
      new Option('--min-severity <severity>', 'leave out findings below this severity')
        .choices([...SEVERITIES])
        .default('info'),
    )
    .option('--focus <list>', 'run only these categories or rule ids, comma-separated')
    .option('--baseline-vendor <dir>', 'vendor/ tree of the current install: exact upstream diffs of overridden files')
    .option('--target-vendor <dir>', 'vendor/ tree of the target install (e.g. after composer update in a branch)')
    .addOption(new Option('--format <format>', 'output format').choices([...CHECK_FORMATS]).default('text'))
    .option('--output <file>', 'write the report to a file instead of stdout')
    .option('--workers <n>', 'worker threads for PHP analysis')
    .option('--cache-dir <dir>', 'cache of PHP analysis results (default: the user cache directory)')
    .option('--no-cache', 'analyse every PHP file again, without reading or writing the cache')
    .action(async (path: string, opts: CheckCommandOptions) => {
      const workers = opts.workers === undefined ? undefined : Number(opts.workers);
      if (workers !== undefined && (!Number.isInteger(workers) || workers < 1)) {
        process.stderr.write(`mageup check: --workers must be a positive integer, not "${opts.workers}"\n`);
        setExitCode(EXIT.failure);
        return;
      }
      let result;
      try {
        result = await runCheck({
          path,
          to: opts.to.split(','),
          from: opts.from,
          php: opts.php,
          only: opts.only,
          minSeverity: opts.minSeverity,
          focus: opts.focus?.split(','),
          ...(opts.baselineVendor ? { baselineVendor: opts.baselineVendor } : {}),
          ...(opts.targetVendor ? { targetVendor: opts.targetVendor } : {}),
          workers,
          cacheDir: opts.cache ? opts.cacheDir : false,
        });
      } catch (error) {
        if (
          error instanceof UnknownVersionError ||
          error instanceof NotMagentoProjectError ||
          error instanceof CheckOptionError
        ) {
          process.stderr.write(`mageup check: ${error.message}\n`);
          setExitCode(EXIT.failure);
          return;
        }
        throw error;
      }
      const text = renderCheck(result, opts.format, { color: !opts.output && colorEnabled(process.stdout) });
      await writeOutput(text, opts.output);
      setExitCode(result.findings.length > 0 ? EXIT.findings : EXIT.ok);
    });
}
