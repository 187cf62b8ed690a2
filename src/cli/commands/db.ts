import { readFileSync } from 'node:fs';
import { Option } from 'commander';
import type { Command } from 'commander';
import { EXIT, UsageError } from '../exit.js';
import { writeOutput } from '../../report/format.js';
import { loadProject, NotMagentoProjectError } from '../../project/load.js';
import { detectRoot } from '../../project/root.js';
import type { ProjectModel } from '../../project/model.js';
import { loadReleaseCatalog } from '../../knowledge/catalog.js';
import { loadDbSchemaIndex } from '../../knowledge/db-schema/index.js';
import { loadDataPatchConfig } from '../../knowledge/data-patches.js';
import {
  asSnapshot,
  bundledSchemaOf,
  checkDbHealth,
  compareSnapshots,
  DbError,
  parseDsn,
  ReadOnlySession,
  renderComparisonMarkdown,
  renderComparisonText,
  renderHealthMarkdown,
  renderHealthText,
  settingsFromEnvPhp,
  snapshotToJson,
  takeSnapshot,
} from '../../db/index.js';
import type { ConnectionSettings } from '../../db/index.js';
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
    const { settings, project } = await connectionFor(path, opts, false);
    const session = await ReadOnlySession.open(settings, { timeoutSeconds: timeoutOf(opts.timeout) });
    try {
      const snapshot = await takeSnapshot(session, { magentoVersion: project?.magento.version ?? null });
      await writeOutput(snapshotToJson(snapshot), opts.output);
      if (snapshot.partial) {
        process.stderr.write(
          `mageup db snapshot: partial snapshot, missing: ${snapshot.missing.map((m) => m.table).join(', ')}\n`,
        );
      }
    } finally {
      await session.close();
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
        const before = asSnapshot(readJson(beforeFile), beforeFile);
        const after = asSnapshot(readJson(afterFile), afterFile);
        const targetRelease = opts.to ? loadReleaseCatalog().resolve(opts.to).version : undefined;
        const bundledSchema = opts.project ? bundledSchemaOf(await loadProject(opts.project)) : undefined;
        const comparison = compareSnapshots(before, after, {
          targetRelease,
          schemaIndex: loadDbSchemaIndex(),
          dataPatchConfig: loadDataPatchConfig(),
          ...(bundledSchema ? { bundledSchema } : {}),
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
    const target = opts.to ? loadReleaseCatalog().resolve(opts.to) : undefined;
    const { settings, project } = await connectionFor(path, opts, true);
    const session = await ReadOnlySession.open(settings, { timeoutSeconds: timeoutOf(opts.timeout) });
    let report;
    try {
      report = await checkDbHealth(session, { project, target, schemaIndex: loadDbSchemaIndex() });
    } finally {
      await session.close();
    }
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

/**
 * Connection settings from --dsn or the project's env.php, and the project model when a project is at hand
 * (its Magento version for snapshots; its modules for health).
 */
async function connectionFor(
  path: string,
  opts: ConnectOptions,
  wantModel: boolean,
): Promise<{ settings: ConnectionSettings; project?: ProjectModel }> {
  let project: ProjectModel | undefined;
  let root: string | undefined;
  try {
    root = detectRoot(path).root;
  } catch (error) {
    if (!(error instanceof NotMagentoProjectError) || !opts.dsn) throw error;
  }
  if (root && (wantModel || !opts.dsn)) project = await loadProject(root);
  else if (root && opts.dsn) project = await loadProject(root).catch(() => undefined);
  let settings: ConnectionSettings;
  if (opts.dsn) {
    settings = parseDsn(opts.dsn);
    if (!settings.password && process.env.MAGEUP_DB_PASSWORD) settings.password = process.env.MAGEUP_DB_PASSWORD;
  } else {
    settings = await settingsFromEnvPhp(root!);
  }
  return { settings, project };
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new DbError('bad-input', `${file} could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DbError('bad-input', `${file} is not valid JSON (${(error as Error).message})`);
  }
}
