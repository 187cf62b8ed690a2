import { Option } from 'commander';
import type { Command } from 'commander';
import { SEVERITIES, severityRank, type Severity } from '../../core/finding.js';
import { MONITOR_FORMATS, type MonitorFormat } from '../../monitor/formats.js';
import type { MonitorResult } from '../../monitor/types.js';
import { colorEnabled, colors, terminalSafe, writeOutput } from '../../report/format.js';
import { UsageError } from '../exit.js';
import { finishRun } from '../finish-run.js';
import type { SetExitCode } from './index.js';

interface MonitorCommandOptions {
  since?: string;
  cutover?: string;
  accessLog?: string[];
  slowLog?: string[];
  logDir?: string;
  dsn?: string;
  /** `--no-db` sets this to false. */
  db: boolean;
  timeout: string;
  follow?: boolean;
  interval: string;
  format: MonitorFormat;
  output?: string;
  failOn: Severity;
  rateFactor: string;
  minCount: string;
  stuckMinutes: string;
  backlog: string;
  queueAge: string;
  history: boolean;
  store?: string;
}

/**
 * `mageup monitor [path]`: the days after go-live. Exit 1 when a finding is at or above --fail-on (a new error
 * class, a regression, a failed cron job, an invalid indexer…), for cron-driven alerts; 2 when it could not run.
 */
export function register(program: Command, setExitCode: SetExitCode): void {
  program
    .command('monitor')
    .description(
      'After go-live: error classes in the logs (new, gone, more frequent), HTTP errors and latency, cron, indexers, queues',
    )
    .argument('[path]', 'Magento project root (logs in var/log, var/report; database from app/etc/env.php)', '.')
    .option('--since <time>', 'only what happened since: 2026-12-01T06:00 (UTC unless a zone is given), 24h, 7d')
    .option('--cutover <time>', 'the go-live: compare before and after it')
    .option('--access-log <files...>', 'nginx/Apache combined access logs (gzip too); PHP-FPM slow logs are recognised')
    .option('--slow-log <files...>', 'PHP-FPM slow logs')
    .option('--log-dir <dir>', 'Magento logs elsewhere (e.g. copied from production); var/report is read beside it')
    .option(
      '--dsn <dsn>',
      'database mysql://user:password@host:port/db[?prefix=] instead of env.php (password also from MAGEUP_DB_PASSWORD)',
    )
    .option('--no-db', 'do not read the database (cron, indexers, queues)')
    .option('--timeout <seconds>', 'limit per database statement', '60')
    .option('--follow', 'keep watching the logs and show new error classes live (Ctrl-C to stop)')
    .option('--interval <seconds>', 'with --follow: how often the files are polled', '1')
    .addOption(new Option('--format <format>', 'output format').choices([...MONITOR_FORMATS]).default('text'))
    .option('--output <file>', 'write the report to a file instead of stdout')
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity')
        .choices([...SEVERITIES])
        .default('error'),
    )
    .option('--rate-factor <x>', 'an error class regresses when its rate grows by this factor', '2')
    .option('--min-count <n>', '…with at least this many occurrences after the cutover', '5')
    .option('--stuck-minutes <n>', 'a cron job running longer is stuck', '60')
    .option('--backlog <n>', 'indexer changelog entries above this are a backlog', '10000')
    .option('--queue-age <minutes>', 'queue messages waiting longer are a backlog', '60')
    .option('--store <dir|url>', 'history store (default: <project>/.mageup/history)')
    .option('--no-history', 'do not record this run in the history')
    .action(async (path: string, opts: MonitorCommandOptions) => {
      await monitor(path, opts, setExitCode);
    });
}

async function monitor(path: string, opts: MonitorCommandOptions, setExitCode: SetExitCode): Promise<void> {
  // Loaded here, not at start-up: `mageup --version` and the other commands do not pay for them.
  const { followMonitor, parseTime, renderMonitor, runMonitor } = await import('../../monitor/index.js');
  const time = (flag: string, value: string | undefined): number | undefined => {
    if (value === undefined) return undefined;
    try {
      return parseTime(value);
    } catch (error) {
      throw new UsageError(`${flag}: ${(error as Error).message}`);
    }
  };
  const positive = (flag: string, value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag}: expected a positive number, got "${value}"`);
    return n;
  };
  const since = time('--since', opts.since);
  const cutover = time('--cutover', opts.cutover);
  if (opts.follow && opts.format !== 'text')
    throw new UsageError('--follow shows a live terminal view: use --format text');
  const { result, session } = await runMonitor({
    path,
    ...(since !== undefined ? { since } : {}),
    ...(cutover !== undefined ? { cutover } : {}),
    ...(opts.accessLog ? { accessLogs: opts.accessLog } : {}),
    ...(opts.slowLog ? { slowLogs: opts.slowLog } : {}),
    ...(opts.logDir ? { logDir: opts.logDir } : {}),
    dsn: opts.db === false ? false : opts.dsn,
    timeoutSeconds: positive('--timeout', opts.timeout),
    thresholds: {
      rateFactor: positive('--rate-factor', opts.rateFactor),
      minCount: positive('--min-count', opts.minCount),
      stuckMinutes: positive('--stuck-minutes', opts.stuckMinutes),
      backlog: positive('--backlog', opts.backlog),
      queueAgeMinutes: positive('--queue-age', opts.queueAge),
    },
  });
  await writeOutput(
    renderMonitor(result, opts.format, { color: !opts.output && colorEnabled(process.stdout) }),
    opts.output,
  );
  let final = result;
  if (opts.follow) {
    const controller = new AbortController();
    const stop = (): void => controller.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const live = new LiveView(process.stdout.isTTY === true && !opts.output, colorEnabled(process.stdout));
    process.stderr.write('mageup monitor: following the logs (Ctrl-C to stop)\n');
    try {
      await followMonitor(session, {
        intervalMs: positive('--interval', opts.interval) * 1000,
        signal: controller.signal,
        onChange: (r) => {
          final = r;
          live.show(r, session.scan.errors.fresh);
        },
      });
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
    process.stderr.write(
      `\nmageup monitor: stopped; ${final.summary.findings} findings, ${session.scan.errors.fresh.size} error classes first seen while following\n`,
    );
  }
  await finishRun(
    'monitor',
    {
      record: opts.history
        ? async () => (await import('../../monitor/history.js')).recordMonitor(final, opts.store)
        : undefined,
      failing: final.findings.some((f) => severityRank(f.severity) <= severityRank(opts.failOn)),
    },
    setExitCode,
  );
}

/**
 * The --follow view. On a terminal: the screen redrawn with the most recent error classes, those first seen while
 * following highlighted. Elsewhere (a pipe, a file): one line per error class as it appears, nothing redrawn.
 */
class LiveView {
  private readonly printed = new Set<string>();
  private readonly c;

  constructor(
    private readonly tty: boolean,
    color: boolean,
  ) {
    this.c = colors(color);
  }

  show(r: MonitorResult, fresh: Set<string>): void {
    const t = terminalSafe;
    if (!this.tty) {
      for (const e of r.errors) {
        if (!fresh.has(e.fingerprint) || this.printed.has(e.fingerprint)) continue;
        this.printed.add(e.fingerprint);
        process.stdout.write(
          `NEW ${e.level} ${e.fingerprint} ${t(e.sample.slice(0, 160))} — ${t(e.origin?.module ?? e.origin?.package ?? e.origin?.file ?? '?')} (${e.sources.join(', ')})\n`,
        );
      }
      return;
    }
    const c = this.c;
    const rows = [...r.errors].sort((a, b) => (a.lastSeen < b.lastSeen ? 1 : -1)).slice(0, 20);
    const lines = [
      c.bold(`mageup monitor --follow — ${t(r.project.root)} — ${new Date().toISOString().slice(11, 19)} UTC`),
      `${r.errors.length} error classes, ${fresh.size} new while following; findings: ${Object.entries(
        r.summary.bySeverity,
      )
        .map(([s, n]) => `${n} ${s}`)
        .join(', ')}`,
      '',
      ...rows.map((e) => {
        const mark = fresh.has(e.fingerprint) ? c.red(c.bold('NEW ')) : e.status === 'new' ? c.yellow('new ') : '    ';
        return `${mark}${e.lastSeen.slice(11, 19)} ${String(e.count).padStart(6)}  ${e.level.padEnd(8)} ${t(`${e.origin?.module ?? '?'}  ${e.sample}`).slice(0, 110)}`;
      }),
      '',
      c.dim('Ctrl-C to stop'),
    ];
    process.stdout.write(`\x1b[2J\x1b[H${lines.join('\n')}\n`);
  }
}
