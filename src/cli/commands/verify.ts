import { Option } from 'commander';
import type { Command } from 'commander';
import { colorEnabled, writeOutput } from '../../report/format.js';
import { VERIFY_DEFAULTS, VERIFY_FORMATS, type VerifyFormat } from '../../verify/defaults.js';
import { VerifyInputError } from '../../verify/errors.js';
import { PROBES, type ProbeName } from '../../verify/types.js';
import { finishRun } from '../finish-run.js';
import type { SetExitCode } from './index.js';

interface VerifyCommandOptions {
  project?: string;
  baseline?: string;
  saveBaseline?: string;
  stores?: string;
  probes?: string;
  allowWrites?: boolean;
  placeOrder?: boolean;
  allowHost?: string;
  config?: string;
  artifacts?: string;
  samples: string;
  browserSamples: string;
  concurrency: string;
  duration: string;
  maxRequests: string;
  timeout: string;
  format: VerifyFormat;
  output?: string;
  history: boolean;
  store?: string;
  quiet?: boolean;
}

/**
 * `mageup verify <base-url>`: probes the running store (smoke, security, API, performance, visual; flows on staging)
 * and compares with a baseline. Exit 1 on findings of error or worse (with --baseline: on any regression), 2 when it
 * could not run.
 */
export function register(program: Command, setExitCode: SetExitCode): void {
  program
    .command('verify')
    .description('Test the running store: pages, browser errors, security, API, performance, screenshots; before/after')
    .argument('<base-url>', 'storefront base URL, e.g. https://staging.example.com/')
    .option(
      '--project <dir>',
      'Magento project: store views and base URLs from config.php/env.php, REST routes from webapi.xml',
    )
    .option('--baseline <file>', 'compare with a run saved by --save-baseline; exit 1 on regressions')
    .option('--save-baseline <file>', 'save this run (and its screenshots next to it) as the baseline')
    .option('--stores <codes>', 'store view codes, comma-separated, or all', 'all')
    .option('--probes <list>', `probes, comma-separated: ${PROBES.join(', ')} (default: all but flows)`)
    .option('--allow-writes', 'run the flows that write (cart, checkout, test accounts): staging URLs only')
    .option('--place-order', 'with --allow-writes: place the test order (check/money order)')
    .option('--allow-host <hosts>', 'other hosts verify may contact (store views on other domains), comma-separated')
    .option('--config <file>', 'configuration file (verify.staging, verify.allowHosts)')
    .option(
      '--artifacts <dir>',
      'where screenshots and diff images go (default: next to --save-baseline, else .mageup/verify/<time>)',
    )
    .option('--samples <n>', 'HTTP timing samples per page', String(VERIFY_DEFAULTS.samples))
    .option(
      '--browser-samples <n>',
      'browser timing samples per page (DOMContentLoaded, LCP)',
      String(VERIFY_DEFAULTS.browserSamples),
    )
    .option(
      '--concurrency <n>',
      'load test connections (at most 16; local or staging URLs only)',
      String(VERIFY_DEFAULTS.concurrency),
    )
    .option('--duration <s>', 'load test seconds (at most 30; 0: none)', String(VERIFY_DEFAULTS.durationS))
    .option(
      '--max-requests <n>',
      'request budget of the whole run (the load test has its own cap)',
      String(VERIFY_DEFAULTS.maxRequests),
    )
    .option('--timeout <s>', 'per request', String(VERIFY_DEFAULTS.timeoutMs / 1000))
    .addOption(new Option('--format <format>', 'output format').choices([...VERIFY_FORMATS]).default('text'))
    .option('--output <file>', 'write the report to a file instead of stdout')
    .option('--store <dir|url>', 'history store (default: <project>/.mageup/history, else ./.mageup/history)')
    .option('--no-history', 'do not record this run in the history')
    .option('--quiet', 'no progress output')
    .action(async (baseUrl: string, opts: VerifyCommandOptions) => {
      const num = (name: string, value: string): number => {
        const n = Number(value);
        if (!Number.isFinite(n) || n < 0) throw new VerifyInputError(`--${name}: expected a number, got "${value}"`);
        return n;
      };
      if (opts.baseline && opts.saveBaseline) throw new VerifyInputError('--baseline and --save-baseline: give one');
      // Loaded here, not at start-up: the browser driver and the probes cost seconds to load.
      const { renderVerify, runVerify } = await import('../../verify/index.js');
      const run = await runVerify({
        baseUrl,
        ...(opts.project ? { projectDir: opts.project } : {}),
        ...(opts.baseline ? { baseline: opts.baseline } : {}),
        ...(opts.stores && opts.stores !== 'all' ? { stores: opts.stores.split(',').map((s) => s.trim()) } : {}),
        ...(opts.probes ? { probes: opts.probes.split(',').map((s) => s.trim()) as ProbeName[] } : {}),
        allowWrites: opts.allowWrites === true,
        placeOrder: opts.placeOrder === true,
        ...(opts.allowHost ? { allowHosts: opts.allowHost.split(',') } : {}),
        ...(opts.config ? { configFile: opts.config } : {}),
        ...(opts.saveBaseline ? { saveBaseline: opts.saveBaseline } : {}),
        ...(opts.artifacts ? { artifactsDir: opts.artifacts } : {}),
        samples: num('samples', opts.samples),
        browserSamples: num('browser-samples', opts.browserSamples),
        concurrency: num('concurrency', opts.concurrency),
        durationS: num('duration', opts.duration),
        maxRequests: num('max-requests', opts.maxRequests),
        timeoutMs: num('timeout', opts.timeout) * 1000,
        onProgress: opts.quiet ? undefined : (m) => process.stderr.write(`mageup verify: ${m}\n`),
      });
      if (opts.saveBaseline && !opts.quiet)
        process.stderr.write(`mageup verify: baseline written to ${opts.saveBaseline}\n`);
      await writeOutput(
        renderVerify(run, opts.format, { color: !opts.output && colorEnabled(process.stdout) }),
        opts.output,
      );
      await finishRun(
        'verify',
        {
          record: opts.history
            ? async () => (await import('../../verify/history.js')).recordVerify(run, opts.store)
            : undefined,
          // With a baseline the gate is regressions; without one, findings of error or worse.
          failing: run.comparison
            ? run.comparison.regressions > 0
            : run.findings.some((f) => f.severity === 'critical' || f.severity === 'error'),
        },
        setExitCode,
      );
    });
}
