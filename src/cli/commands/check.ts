import { Option } from 'commander';
import type { Command } from 'commander';
import { SEVERITIES, type Severity } from '../../core/finding.js';
import { CHECK_REPORT_FORMATS, type CheckReportFormat } from '../../report/formats.js';
import { EXIT, UsageError } from '../exit.js';
import { finishRun } from '../finish-run.js';
import { parseStoreOptions, addStoreOptions, type StoreOptionValues } from '../store-options.js';
import type { SetExitCode } from './index.js';

interface CheckCommandOptions extends StoreOptionValues {
  to?: string;
  from?: string;
  php?: string;
  direct?: boolean;
  only?: 'custom' | 'all';
  includeBundled?: boolean;
  expand?: boolean;
  minSeverity: Severity;
  focus?: string;
  baselineVendor?: string;
  targetVendor?: string;
  patchStatus?: string;
  format: CheckReportFormat;
  config?: string;
  baseline?: string;
  /** `--baseline-create` alone is `true`; with a file, the file. */
  baselineCreate?: string | true;
  force?: boolean;
  /** `--no-history` sets this to false. */
  history: boolean;
  store?: string;
  quiet?: boolean;
  output?: string;
  workers?: string;
  cacheDir?: string;
  /** `--no-cache` sets this to false. */
  cache: boolean;
  online?: boolean;
  solve?: boolean;
  solveTimeout?: string;
  composerJsonOut?: string;
  write?: boolean;
}

/**
 * `mageup check [path] --to <v[,v…]>`: what breaks when the project (or one extension) moves to the target(s).
 * Exit 0 when nothing is at or above --min-severity, 1 when something is, 2 when the check could not run.
 */
export function register(program: Command, setExitCode: SetExitCode): void {
  const command = program
    .command('check')
    .description('What breaks when this project (or extension) moves to a target Magento version')
    .argument('[path]', 'project root, a directory inside it, or one extension', '.')
    .option(
      '--to <versions>',
      'target release(s), comma-separated: 2.4.8, 2.4.8-p3, latest, latest-patch (default: the config target, else latest)',
    )
    .option('--from <version>', 'extension mode: the release the extension runs on now (default: oldest it allows)')
    .option('--php <x.y>', 'target PHP version (default: the PHP mageup plan ends on; plan --php takes the same)')
    .option(
      '--direct',
      'price the direct jump to the target, as plan --direct (default: the path plan recommends, its stops checked too)',
    );
  addStoreOptions(command)
    .addOption(
      new Option('--only <scope>', 'check only custom code, not third-party vendor code').choices(['custom', 'all']),
    )
    .option(
      '--include-bundled',
      "also analyse what Magento itself installs (PayPal Braintree, laminas…): Magento's code, zero effort, never in risk",
    )
    .option(
      '--expand',
      "text and md: list each third-party extension's findings under its package action (by default one line per package)",
    )
    .addOption(
      new Option('--min-severity <severity>', 'leave out findings below this severity')
        .choices([...SEVERITIES])
        .default('info'),
    )
    .option('--focus <list>', 'run only these categories or rule ids, comma-separated')
    .option('--patch-status <file>', "the Commerce Version Tool's JSON report (php vendor/bin/patch-status > file)")
    .option('--baseline-vendor <dir>', 'vendor/ tree of the current install: exact upstream diffs of overridden files')
    .option('--target-vendor <dir>', 'vendor/ tree of the target install (e.g. after composer update in a branch)')
    .addOption(new Option('--format <format>', 'output format').choices([...CHECK_REPORT_FORMATS]).default('text'))
    .option('--config <file>', 'configuration file (default: mageup.config.json/.yaml found in the project or above)')
    .option(
      '--baseline <file>',
      'accept the findings of this baseline: only new findings count (default: mageup-baseline.json if present)',
    )
    .option(
      '--baseline-create [file]',
      'write every current finding to a baseline file (default: mageup-baseline.json) and exit 0',
    )
    .option('--force', 'with --baseline-create: replace an existing baseline')
    .option(
      '--store <dir|url>',
      'history store: a directory or postgres://… (default: one per project in the user data directory, $MAGEUP_DATA_DIR)',
    )
    .option('--no-history', 'do not record this run in the history')
    .option('--quiet', 'no progress output')
    .option('--output <file>', 'write the report to a file instead of stdout')
    .option('--workers <n>', 'worker threads for PHP analysis')
    .option('--cache-dir <dir>', 'cache of PHP analysis results (default: the user cache directory)')
    .option('--no-cache', 'analyse every PHP file again, without reading or writing the cache')
    .option(
      '--online',
      "read the release lists of third-party packages from the project's Composer repositories and Packagist (auth.json credentials, cached for offline runs)",
    )
    .option(
      '--solve',
      'let Composer judge the proposed composer.json: composer update --dry-run --no-install --no-plugins --no-scripts in a temporary copy (needs PHP and Composer)',
    )
    .option('--solve-timeout <seconds>', 'stop the Composer solver after this many seconds (default 300)')
    .option('--composer-json-out <file>', 'write the proposed composer.json for the (first) target to this file')
    .option('--write', "with --composer-json-out: allow it to overwrite the project's own composer.json")
    .action(async (path: string, opts: CheckCommandOptions) => {
      const workers = opts.workers === undefined ? undefined : Number(opts.workers);
      if (workers !== undefined && (!Number.isInteger(workers) || workers < 1))
        throw new UsageError(`--workers must be a positive integer, not "${opts.workers}"`);
      const solveTimeout = opts.solveTimeout === undefined ? undefined : Number(opts.solveTimeout);
      if (solveTimeout !== undefined && (!Number.isFinite(solveTimeout) || solveTimeout <= 0))
        throw new UsageError(`--solve-timeout must be a positive number of seconds, not "${opts.solveTimeout}"`);
      // Loaded here, not at start-up: `mageup --version` and the other commands do not pay for them.
      const [{ checkProject }, { createProgress }, { colorEnabled, writeOutput }] = await Promise.all([
        import('../../check/check-project.js'),
        import('../../progress/index.js'),
        import('../../report/format.js'),
      ]);
      const progress = createProgress({ quiet: opts.quiet === true });
      let analysing = false;
      let outcome;
      try {
        outcome = await checkProject({
          path,
          ...(opts.to !== undefined ? { to: opts.to.split(',') } : {}),
          ...(opts.config ? { configFile: opts.config } : {}),
          ...(opts.baseline ? { baselineFile: opts.baseline } : {}),
          ...(opts.baselineCreate !== undefined
            ? { baselineCreate: opts.baselineCreate, force: opts.force === true }
            : {}),
          ...(opts.composerJsonOut !== undefined
            ? { composerJsonOut: opts.composerJsonOut, overwriteComposerJson: opts.write === true }
            : {}),
          onProgress: (event) => {
            if (event.phase === 'analyze') {
              if (!analysing) progress.phase('analysing PHP');
              analysing = true;
              progress.update(event.done, event.total);
              return;
            }
            analysing = false;
            progress.phase(
              event.phase === 'load' ? 'reading project' : event.phase === 'rules' ? 'checking' : 'loading knowledge',
            );
          },
          from: opts.from,
          php: opts.php,
          ...(opts.direct ? { direct: true } : {}),
          ...parseStoreOptions(opts),
          only: opts.only,
          ...(opts.includeBundled ? { includeBundled: true } : {}),
          minSeverity: opts.minSeverity,
          focus: opts.focus?.split(','),
          ...(opts.baselineVendor ? { baselineVendor: opts.baselineVendor } : {}),
          ...(opts.targetVendor ? { targetVendor: opts.targetVendor } : {}),
          ...(opts.patchStatus ? { patchStatus: opts.patchStatus } : {}),
          workers,
          cacheDir: opts.cache ? opts.cacheDir : false,
          ...(opts.online ? { online: true } : {}),
          ...(opts.solve ? { solve: true } : {}),
          ...(solveTimeout !== undefined ? { solveTimeoutMs: solveTimeout * 1000 } : {}),
        });
      } finally {
        progress.finish();
      }
      if (outcome.kind === 'baseline') {
        process.stderr.write(`mageup check: baseline of ${outcome.entries} findings written to ${outcome.file}\n`);
        setExitCode(EXIT.ok);
        return;
      }
      const { result } = outcome;
      if (outcome.composerJson) process.stderr.write(`mageup check: ${outcome.composerJson}\n`);
      const { renderCheckReport } = await import('../../report/json/render-report.js');
      const html =
        opts.format === 'html' ? (await import('../../report/html/check-context.js')).checkHtmlContext(result) : {};
      const text = renderCheckReport(result, opts.format, {
        color: !opts.output && colorEnabled(process.stdout),
        ...(opts.expand ? { expand: true } : {}),
        ...html,
      });
      await writeOutput(text, opts.output);
      await finishRun(
        'check',
        {
          record: opts.history
            ? async () => (await import('../../history/index.js')).recordCheck(result, opts.store)
            : undefined,
          failing: result.findings.length > 0,
        },
        setExitCode,
      );
    });
}
