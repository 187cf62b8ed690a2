import { MageupError } from '../core/errors.js';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { makeFinding, severityRank, sortFindings, SEVERITIES, type Finding } from '../core/finding.js';
import type { Problem } from '../core/problem.js';
import { settingsFromDsn, settingsFromEnvPhp } from '../db/connection-settings.js';
import { DbError } from '../db/errors.js';
import { ReadOnlySession } from '../db/session.js';
import { loadProject } from '../project/load.js';
import type { ProjectModel } from '../project/model.js';
import { detectRoot, NotMagentoProjectError } from '../project/root.js';
import { version } from '../version.js';
import { linkCronFailures } from './cron-failures.js';
import { isOwnCode, OriginMap } from './origin.js';
import { MONITOR_RULES } from './rules/registry.js';
import { combineOutcomes, scanUnit, unitsOf, type ScanAnswer, type ScanTask, type ScanUnit } from './parallel.js';
import { LogScan } from './scan.js';
import { readStoreHealth, type StoreHealth } from './store-health.js';
import {
  DEFAULT_THRESHOLDS,
  type MonitorFacts,
  type MonitorOptions,
  type MonitorResult,
  type Thresholds,
} from './types.js';

export class MonitorInputError extends MageupError {
  override name = 'MonitorInputError';
}

/** What --follow needs to keep going after the first report. */
export interface MonitorSession {
  scan: LogScan;
  /** Files read and the offset to resume each at (plain files; compressed ones never grow). */
  offsets: Map<string, { offset: number; kind: 'magento' | 'access' }>;
  logDir: string;
  project?: ProjectModel;
  store?: StoreHealth;
  thresholds: Thresholds;
  settings: MonitorOptions;
  root: string;
  origins: OriginMap;
  storeProblems: Problem[];
}

/**
 * `mageup monitor`: reads the store's logs (streaming, constant memory) and, when it can, its database (read-only),
 * and judges them with the `monitor/…` rules. Never throws for bad log input: every unreadable thing is a problem.
 */
export async function runMonitor(opts: MonitorOptions): Promise<{ result: MonitorResult; session: MonitorSession }> {
  const thresholds = { ...DEFAULT_THRESHOLDS, ...opts.thresholds };
  const problems: Problem[] = [];
  const path = resolve(opts.path);
  let root = path;
  let project: ProjectModel | undefined;
  try {
    root = detectRoot(path).root;
    project = await loadProject(root);
  } catch (error) {
    if (!(error instanceof NotMagentoProjectError)) throw error;
    if (!opts.logDir && !existsSync(join(path, 'var', 'log')) && !(opts.accessLogs?.length || opts.slowLogs?.length)) {
      throw new MonitorInputError(
        `${opts.path}: not a Magento project and no var/log, --log-dir or --access-log to read`,
      );
    }
    problems.push({
      code: 'no-project-model',
      level: 'warning',
      message: `${opts.path} is not a Magento project: errors cannot be attributed to modules`,
    });
  }
  const logDir = opts.logDir ? resolve(opts.logDir) : join(root, 'var', 'log');
  const reportDir = opts.reportDir ? resolve(opts.reportDir) : join(logDir, '..', 'report');
  for (const f of [...(opts.accessLogs ?? []), ...(opts.slowLogs ?? [])]) {
    if (!existsSync(f)) throw new MonitorInputError(`${f}: no such file`);
  }
  if (opts.logDir && !existsSync(logDir)) throw new MonitorInputError(`--log-dir ${opts.logDir}: no such directory`);

  const origins = new OriginMap(project);
  const scan = new LogScan(
    {
      root,
      ...(opts.since !== undefined ? { since: opts.since } : {}),
      ...(opts.cutover !== undefined ? { cutover: opts.cutover } : {}),
      adminFrontName: project?.services.adminFrontName ?? 'admin',
      thresholds,
    },
    origins,
  );
  const offsets: MonitorSession['offsets'] = new Map();
  const logs = existsSync(logDir) ? LogScan.listLogs(logDir) : [];
  if (logs.length === 0) {
    problems.push({
      code: 'no-logs',
      level: 'warning',
      message: `no Magento log in ${scan.rel(logDir)}: could not verify errors`,
    });
  }
  const accessFiles = [...(opts.accessLogs ?? []), ...(opts.slowLogs ?? [])].flatMap((file) =>
    statSync(file).isDirectory() ? LogScan.listLogs(file) : [file],
  );
  const files = [
    ...logs.map((file) => ({ file, kind: 'magento' as const })),
    ...accessFiles.map((file) => ({ file, kind: 'access' as const })),
  ];
  // One thread by default: on a quiet 2-core machine 1 GB took 8.0 s / 150 MB on one thread and 7.7 s / 246 MB on
  // two (bench/monitor.ts --dist), so the workers buy 4 % of wall time for 100 MB more memory. `workers` opts in.
  const workers = Math.max(1, Math.floor(opts.workers ?? 1));
  const totalBytes = files.reduce((n, f) => n + sizeOf(f.file), 0);
  const readAll =
    workers > 1 && totalBytes >= (opts.parallelFromBytes ?? PARALLEL_FROM_BYTES)
      ? readInParallel(scan, origins, files, workers, opts.chunkBytes ?? CHUNK_BYTES)
      : readInTurn(scan, files);
  // Error reports are read between the Magento logs and the access logs, as one reader reading in turn does.
  for await (const { file, kind, offset } of readAll) {
    if (kind === 'reports') {
      scan.scanReports(reportDir);
      continue;
    }
    await scan.markGzip(file);
    if (!scan.files.get(file)?.gzip) offsets.set(file, { offset, kind });
  }

  const storeProblems: Problem[] = [];
  const store = await readStore(opts, root, project, thresholds, storeProblems);
  const session: MonitorSession = {
    scan,
    offsets,
    logDir,
    ...(project ? { project } : {}),
    ...(store ? { store } : {}),
    thresholds,
    settings: opts,
    root,
    origins,
    storeProblems: [...problems, ...storeProblems],
  };
  return { result: judge(session), session };
}

/** Runs the rules on what the session holds now (also after --follow read more). */
export function judge(session: MonitorSession): MonitorResult {
  const { scan, store, thresholds, settings, project } = session;
  const logFacts = scan.facts(thresholds);
  const facts: MonitorFacts = {
    now: store?.now ?? logFacts.coverage.end ?? new Date().toISOString(),
    ...(settings.cutover !== undefined ? { cutover: new Date(settings.cutover).toISOString() } : {}),
    ...(settings.since !== undefined ? { since: new Date(settings.since).toISOString() } : {}),
    ...logFacts,
    errors: linkCronFailures(logFacts.errors, store),
    ...(store ? { store } : {}),
    // Only the project's own jobs: core and bundled modules' cron is Magento's.
    declaredCron: (project?.modules ?? [])
      .filter((m) => m.enabled !== false && isOwnCode(session.origins.ownerOfModule(m.name) ?? 'core'))
      .flatMap((m) => m.customizations.cronJobs.map((c) => ({ ...c, module: m.name }))),
  };
  const findings: Finding[] = [];
  for (const rule of MONITOR_RULES) {
    rule.check({
      facts,
      thresholds,
      report: (f) =>
        findings.push(makeFinding({ ...f, ruleId: rule.meta.id, category: f.category ?? rule.meta.category })),
    });
  }
  const sorted = sortFindings(findings).sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, sorted.filter((f) => f.severity === s).length]));
  return {
    schemaVersion: '1.0.0',
    tool: { name: 'mageup', version },
    project: { root: session.root, magentoVersion: project?.magento.version ?? null },
    ...facts,
    logs: [...scan.files.values()],
    findings: sorted,
    problems: [...session.storeProblems, ...scan.problems],
    summary: {
      findings: sorted.length,
      bySeverity,
      errorClasses: facts.errors.length,
      newClasses: facts.errors.filter((e) => e.status === 'new').length,
    },
  };
}

/** Below this many bytes of logs, starting worker threads costs more than it saves. */
const PARALLEL_FROM_BYTES = 64 * 1024 * 1024;
/** Chunk size for worker threads: small enough to share the work, large enough that merging costs nothing. */
const CHUNK_BYTES = 32 * 1024 * 1024;

type ReadStep =
  | { kind: 'magento' | 'access'; file: string; offset: number }
  | { kind: 'reports'; file?: undefined; offset?: undefined };

/** Reads the files one after the other in this thread (error reports after the Magento logs). */
async function* readInTurn(
  scan: LogScan,
  files: { file: string; kind: 'magento' | 'access' }[],
): AsyncGenerator<ReadStep> {
  let reports = false;
  for (const { file, kind } of files) {
    if (kind === 'access' && !reports) {
      reports = true;
      yield { kind: 'reports' };
    }
    const offset =
      kind === 'magento'
        ? await scan.scanMagentoLog(file, { follow: true })
        : await scan.scanAccessOrSlow(file, { follow: true });
    yield { kind, file, offset };
  }
  if (!reports) yield { kind: 'reports' };
}

/**
 * Reads the files on worker threads, cut in chunks (see parallel.ts), and merges what each chunk read into `scan`
 * in file and chunk order: the same aggregates, files, problems and offsets as `readInTurn`.
 */
async function* readInParallel(
  scan: LogScan,
  origins: OriginMap,
  files: { file: string; kind: 'magento' | 'access' }[],
  workers: number,
  chunkBytes: number,
): AsyncGenerator<ReadStep> {
  const settings = scan.settings;
  const perFile: ScanUnit[][] = [];
  for (const { file, kind } of files) perFile.push(await unitsOf(file, kind, chunkBytes, settings));
  const snapshot = origins.snapshot();
  const pool = createScanPool(Math.min(workers, perFile.flat().length));
  try {
    const answers = perFile.map((units) =>
      units.map(async (unit) => {
        const task: ScanTask = { settings, origins: snapshot, unit, follow: true };
        try {
          return (await pool.run(task)) as ScanAnswer;
        } catch {
          // A worker that died must not lose the run: this thread reads the unit.
          return scanUnit(task, origins);
        }
      }),
    );
    // Every promise is awaited in order below; until then a rejection is not unhandled.
    for (const list of answers) for (const a of list) a.catch(() => undefined);
    let reports = false;
    for (let i = 0; i < perFile.length; i++) {
      const units = perFile[i]!;
      const { file, kind } = files[i]!;
      if (kind === 'access' && !reports) {
        reports = true;
        yield { kind: 'reports' };
      }
      const outcomes = [];
      for (const pending of answers[i]!) {
        const { outcome, part } = await pending;
        scan.absorb(part);
        outcomes.push(outcome);
        // One reader stops at a read error: what later chunks read is not counted.
        if (outcome.error !== undefined) break;
      }
      const offset = scan.finishRead(file, kind, combineOutcomes(units.slice(0, outcomes.length), outcomes), {
        follow: true,
      });
      yield { kind, file, offset };
    }
    if (!reports) yield { kind: 'reports' };
  } finally {
    await pool.destroy();
  }
}

/**
 * A pool of `threads` workers reading units. The worker module sits beside this one: `worker.ts` under tsx
 * (tests, which then need the tsx loader in the worker too), `worker.js` when built.
 */
export function createScanPool(threads: number): Piscina {
  const fromSource = import.meta.url.endsWith('.ts');
  return new Piscina({
    filename: fileURLToPath(new URL(fromSource ? './worker.ts' : './worker.js', import.meta.url)),
    minThreads: threads,
    maxThreads: threads,
    execArgv: fromSource ? ['--import', 'tsx'] : [],
    // A young generation of 4 MB: what a worker allocates is garbage within one record, and V8's default (16 MB
    // semi-spaces per thread) costs ~20 MB of RSS per worker for no speed (bench/monitor.ts).
    resourceLimits: { maxYoungGenerationSizeMb: 4 },
  });
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

async function readStore(
  opts: MonitorOptions,
  root: string,
  project: ProjectModel | undefined,
  thresholds: Thresholds,
  problems: Problem[],
): Promise<StoreHealth | undefined> {
  if (opts.dsn === false) return undefined;
  let settings;
  try {
    if (opts.dsn) {
      settings = settingsFromDsn(opts.dsn);
    } else if (project && existsSync(join(root, 'app', 'etc', 'env.php'))) {
      settings = await settingsFromEnvPhp(root);
    } else {
      problems.push({
        code: 'no-database',
        level: 'warning',
        message: 'no --dsn and no app/etc/env.php: cron, indexers and queues could not be verified',
      });
      return undefined;
    }
  } catch (error) {
    if (!(error instanceof DbError)) throw error;
    problems.push({ code: 'no-database', level: 'warning', message: `database settings: ${error.message}` });
    return undefined;
  }
  let session: ReadOnlySession | undefined;
  try {
    session = await ReadOnlySession.open(settings, { timeoutSeconds: opts.timeoutSeconds ?? 60 });
    const health = await readStoreHealth(session, {
      ...(opts.since !== undefined ? { since: opts.since } : {}),
      ...(opts.cutover !== undefined ? { cutover: opts.cutover } : {}),
      stuckMinutes: thresholds.stuckMinutes,
    });
    for (const [name, section] of Object.entries({
      cron: health.cron,
      indexers: health.indexers,
      queues: health.queues,
      notices: health.notices,
    })) {
      if (section.unavailable) {
        problems.push({
          code: 'store-section',
          level: 'warning',
          message: `${name} could not be verified: ${section.unavailable}`,
        });
      }
    }
    return health;
  } catch (error) {
    if (!(error instanceof DbError)) throw error;
    problems.push({
      code: 'database-unreachable',
      level: 'error',
      message: `database: ${error.message} — cron, indexers and queues could not be verified`,
    });
    return undefined;
  } finally {
    await session?.close();
  }
}
