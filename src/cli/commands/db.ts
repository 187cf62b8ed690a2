import { Option } from 'commander';
import type { Command } from 'commander';
import { EXIT, UsageError } from '../exit.js';
import type { SetExitCode } from './index.js';

const FORMATS = ['text', 'md', 'json'] as const;
type Format = (typeof FORMATS)[number];

interface ConnectOptions {
  dsn?: string;
  timeout: string;
}

/**
 * `mageup db snapshot|compare|health`: key figures of the store's database before and after an upgrade, their
 * reconciliation, and the database's readiness. Read-only: the session cannot write, and MageUp never tries.
 * The database code (and mysql2) is loaded when a subcommand runs, not at start-up.
 */
export function register(program: Command, setExitCode: SetExitCode): void {
  const db = program
    .command('db')
    .description('Database snapshots before/after an upgrade, their reconciliation, and health checks (read-only)');

  withConnection(
    db
      .command('snapshot')
      .description('Snapshot the key figures (orders, totals, customers, catalog, stock, config, setup state) as JSON')
      .argument('[path]', 'Magento project root (credentials from app/etc/env.php)', '.')
      .option('--output <file>', 'write the snapshot to a file instead of stdout'),
  ).action(async (path: string, opts: ConnectOptions & { output?: string }) => {
    const [{ snapshotProjectDb, snapshotToJson }, { writeOutput }] = await Promise.all([
      import('../../db/index.js'),
      import('../../report/format.js'),
    ]);
    const snapshot = await snapshotProjectDb({
      path,
      ...(opts.dsn ? { dsn: opts.dsn } : {}),
      timeoutSeconds: timeoutOf(opts.timeout),
    });
    await writeOutput(snapshotToJson(snapshot), opts.output);
    if (snapshot.partial) {
      process.stderr.write(
        `mageup db snapshot: partial snapshot, missing: ${snapshot.missing.map((m) => m.table).join(', ')}\n`,
      );
    }
    setExitCode(EXIT.ok);
  });

  db.command('compare')
    .description('Reconcile two snapshots: what matches, what changed, expected for an upgrade or suspicious')
    .argument('<before>', 'snapshot taken before the upgrade')
    .argument('<after>', 'snapshot taken after the upgrade')
    .addOption(new Option('--format <format>', 'output format').choices([...FORMATS]).default('text'))
    .option('--output <file>', 'write the report to a file instead of stdout')
    .option(
      '--to <version>',
      'target release whose core schema explains new tables and columns (default: the AFTER snapshot’s Magento version)',
    )
    .option(
      '--project <path>',
      'Magento root of the AFTER code: the db_schema.xml of the packages Magento bundles (Braintree) in its vendor/ explain their tables and columns',
    )
    .action(
      async (
        beforeFile: string,
        afterFile: string,
        opts: { format: Format; output?: string; to?: string; project?: string },
      ) => {
        const [{ compareSnapshotFiles, renderComparisonMarkdown, renderComparisonText }, { writeOutput }] =
          await Promise.all([import('../../db/index.js'), import('../../report/format.js')]);
        const comparison = await compareSnapshotFiles({
          before: beforeFile,
          after: afterFile,
          ...(opts.to ? { to: opts.to } : {}),
          ...(opts.project ? { project: opts.project } : {}),
        });
        const text =
          opts.format === 'json'
            ? `${JSON.stringify(comparison, null, 2)}\n`
            : opts.format === 'md'
              ? renderComparisonMarkdown(comparison)
              : renderComparisonText(comparison);
        await writeOutput(text, opts.output);
        setExitCode(comparison.verdict === 'suspicious' ? EXIT.findings : EXIT.ok);
      },
    );

  withConnection(
    db
      .command('health')
      .description('Server version, engines, charsets, orphaned rows, largest tables, pending setup, declared tables')
      .argument(
        '[path]',
        'Magento project root (credentials from app/etc/env.php; modules for setup and schema checks)',
        '.',
      )
      .option('--to <version>', 'target release: check the server version against its requirements')
      .addOption(new Option('--format <format>', 'output format').choices([...FORMATS]).default('text'))
      .option('--output <file>', 'write the report to a file instead of stdout'),
  ).action(async (path: string, opts: ConnectOptions & { to?: string; format: Format; output?: string }) => {
    const [{ projectDbHealth, renderHealthMarkdown, renderHealthText }, { writeOutput }] = await Promise.all([
      import('../../db/index.js'),
      import('../../report/format.js'),
    ]);
    const report = await projectDbHealth({
      path,
      ...(opts.dsn ? { dsn: opts.dsn } : {}),
      timeoutSeconds: timeoutOf(opts.timeout),
      ...(opts.to ? { to: opts.to } : {}),
    });
    const text =
      opts.format === 'json'
        ? `${JSON.stringify(report, null, 2)}\n`
        : opts.format === 'md'
          ? renderHealthMarkdown(report)
          : renderHealthText(report);
    await writeOutput(text, opts.output);
    const failing = report.findings.some((f) => f.severity === 'critical' || f.severity === 'error');
    setExitCode(failing ? EXIT.findings : EXIT.ok);
  });
}

function withConnection(command: Command): Command {
  return command
    .option(
      '--dsn <dsn>',
      'connect to mysql://user:password@host:port/database[?prefix=m2_] instead of env.php (password also from MAGEUP_DB_PASSWORD)',
    )
    .option('--timeout <seconds>', 'limit per statement', '300');
}

function timeoutOf(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`--timeout: expected seconds, got "${value}"`);
  return seconds;
}
