import { makeFinding, sortFindings } from '../core/finding.js';
import { bundledSchemaOf } from './bundled-schema.js';
import { setupScriptTables } from './setup-script-tables.js';
import type { Finding, Severity } from '../core/finding.js';
import type { DbSchemaIndex } from '../knowledge/db-schema/index.js';
import type { Release } from '../knowledge/types.js';
import type { ProjectModel } from '../project/model.js';
import { fitsAny } from '../rules/platform/service-versions.js';
import { compareModuleVersions } from './compare.js';
import { ORPHAN_CHECKS } from './orphan-checks.js';
import type { ReadOnlySession, ServerInfo } from './session.js';
import { compareMagentoVersions, isMagentoVersion } from '../knowledge/magento-version.js';
import type { TableInfo } from './snapshot-types.js';
import { magentoRuntimeTable, readTables } from './tables.js';

/**
 * Upgrade-time model: a table the upgrade alters is rebuilt (InnoDB copies rows and rebuilds every index), at
 * about REBUILD_BYTES_PER_SECOND of data + index on modest hardware (2 vCPU, SSD), plus a fixed cost per table.
 * Real times vary with hardware and with the kind of ALTER (instant, in-place or copy); the figure is for planning.
 */
export const REBUILD_BYTES_PER_SECOND = 20 * 1024 * 1024;
export const REBUILD_FIXED_SECONDS = 0.5;
export const UPGRADE_TIME_MODEL =
  `ALTER TABLE rebuild ≈ (data + index bytes) / ${REBUILD_BYTES_PER_SECOND / 1024 / 1024} MB/s + ${REBUILD_FIXED_SECONDS} s per table ` +
  '(InnoDB table copy on 2 vCPU/SSD; instant or in-place ALTERs are faster)';

export interface LargeTable {
  name: string;
  rowsEstimate: number;
  bytes: number;
  /** Seconds to rebuild the table under the model. */
  rebuildSeconds: number;
  /** True/false when current and target core schemas are known: does the target change this table's declaration? */
  changedByTarget: boolean | null;
}

export interface DbHealthReport {
  kind: 'mageup-db-health';
  schemaVersion: 1;
  target: string;
  server: ServerInfo;
  currentRelease: string | null;
  targetRelease: string | null;
  tables: number;
  totalBytes: number;
  largestTables: LargeTable[];
  upgradeTimeModel: string;
  /** Seconds to rebuild the tables the target changes (or every table among the largest when unknown). */
  estimatedRebuildSeconds: number;
  /** Checks skipped and why (no project path, no target…). */
  skipped: string[];
  findings: Finding[];
}

export interface HealthOptions {
  project?: ProjectModel;
  target?: Release;
  schemaIndex?: DbSchemaIndex;
  largest?: number;
}

/**
 * Tables Magento creates without declaring them in db_schema.xml: by the installer (setup_module, session, cache,
 * cache_tag, flag) or at run time (mview changelogs, sales sequences, indexer replicas and temporary tables, grid
 * indexes).
 */
const RUNTIME_TABLE =
  /^(setup_module|session|cache|cache_tag|flag)$|_cl$|^sequence_|_replica$|_tmp(_|$)|^search_tmp_|_idx$|_grid_flat$/;

export async function checkDbHealth(session: ReadOnlySession, opts: HealthOptions = {}): Promise<DbHealthReport> {
  const findings: Finding[] = [];
  const skipped: string[] = [];
  const report = (
    ruleId: string,
    severity: Severity,
    subject: string,
    message: string,
    recommendation: string,
  ): void => {
    findings.push(
      makeFinding({ ruleId: `db/${ruleId}`, severity, category: 'database', subject, message, recommendation }),
    );
  };
  const tables = await readTables(session);
  const byName = new Map(tables.map((t) => [t.name, t]));
  const currentRelease = opts.project?.magento.version ?? null;
  const current = currentRelease && opts.schemaIndex ? opts.schemaIndex.at(currentRelease) : undefined;
  const targetSchema = opts.target && opts.schemaIndex ? opts.schemaIndex.at(opts.target.version) : undefined;

  checkServerVersion(session.server, opts.target, report, skipped);

  for (const t of tables) {
    const declared = (targetSchema ?? current)?.getTable(t.name)?.engine?.toLowerCase();
    const engine = t.engine?.toLowerCase() ?? null;
    if (engine === null || engine === 'innodb' || (declared && declared === engine)) continue;
    report(
      'non-innodb-table',
      engine === 'myisam' || engine === 'aria' ? 'error' : 'warning',
      t.name,
      `table ${t.name} uses the ${t.engine} engine${declared ? ` (declared ${declared})` : ''}: no transactions, no foreign keys, table-level locks`,
      `Convert it before the upgrade (ALTER TABLE ${t.name} ENGINE=InnoDB on a copy first); declarative schema expects InnoDB and foreign keys fail on other engines.`,
    );
  }

  checkCharsets(tables, await utf8mb3Columns(session), report, {
    release: opts.target?.version ?? currentRelease,
    isTarget: opts.target !== undefined,
    server: session.server,
    ...serverForTarget(session.server, opts.target),
  });
  await checkOrphans(session, byName, report);

  const largest = largestTables(tables, current, targetSchema, opts.largest ?? 10);
  const counted = largest.filter((t) => t.changedByTarget !== false);
  const estimatedRebuildSeconds = Math.round(counted.reduce((sum, t) => sum + t.rebuildSeconds, 0));
  if (largest.length > 0 && estimatedRebuildSeconds >= 60) {
    report(
      'upgrade-time',
      'info',
      'largest-tables',
      `the largest tables${targetSchema ? ' the target changes' : ''} need about ${formatDuration(estimatedRebuildSeconds)} to rebuild (${counted
        .map((t) => t.name)
        .slice(0, 5)
        .join(', ')}…): ${UPGRADE_TIME_MODEL}`,
      'Plan the maintenance window with this figure; measure setup:upgrade on a copy of production to confirm it.',
    );
  }

  if (opts.project && opts.project.kind === 'project') {
    await checkPendingSetup(session, opts.project, byName, report);
    checkDeclaredTables(opts.project, byName, current, report, skipped);
  } else {
    skipped.push(
      'pending setup, declared and undeclared tables: need the project path (module.xml and db_schema.xml files)',
    );
  }
  if (!opts.target) skipped.push('server version against the target: pass --to <version>');

  return {
    kind: 'mageup-db-health',
    schemaVersion: 1,
    target: `${session.settings.user}@${session.settings.socketPath ?? `${session.settings.host}:${session.settings.port}`}/${session.settings.database}`,
    server: session.server,
    currentRelease,
    targetRelease: opts.target?.version ?? null,
    tables: tables.length,
    totalBytes: tables.reduce((s, t) => s + t.dataBytes + t.indexBytes, 0),
    largestTables: largest,
    upgradeTimeModel: UPGRADE_TIME_MODEL,
    estimatedRebuildSeconds,
    skipped,
    findings: sortFindings(findings),
  };
}

type Report = (ruleId: string, severity: Severity, subject: string, message: string, recommendation: string) => void;

function checkServerVersion(server: ServerInfo, target: Release | undefined, report: Report, _skipped: string[]): void {
  if (!target) return;
  const supported = target.requirements[server.flavor] ?? [];
  const name = server.flavor === 'mariadb' ? 'MariaDB' : 'MySQL';
  if (supported.length === 0) {
    report(
      'server-version',
      'info',
      `${server.flavor} ${target.version}`,
      `${target.version} publishes no supported ${name} versions; the server runs ${name} ${server.number}`,
      `Check Adobe's system requirements for ${target.version}.`,
    );
    return;
  }
  if (fitsAny(server.number, supported)) return;
  report(
    'server-version',
    'error',
    `${server.flavor} ${target.version}`,
    `the server runs ${name} ${server.number}; Magento ${target.version} supports ${name} ${supported.join(', ')}` +
      (target.requirementsConfidence === 'low' ? ' (uncertain: requirements inherited from the base release)' : ''),
    `Upgrade the database server to ${name} ${supported[0]} (test on a copy of production first), before or with the code upgrade.`,
  );
}

async function utf8mb3Columns(session: ReadOnlySession): Promise<Map<string, number>> {
  const prefix = session.settings.tablePrefix;
  const counts = new Map<string, number>();
  await session.each(
    `SELECT TABLE_NAME AS t, COUNT(*) AS n FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ` +
      `AND CHARACTER_SET_NAME IN ('utf8', 'utf8mb3') AND TABLE_NAME LIKE ? GROUP BY TABLE_NAME`,
    [session.settings.database, `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`],
    (row) => counts.set(String(row.t).slice(prefix.length), Number(row.n)),
  );
  return counts;
}

// The default charset of Magento's declarative schema (Setup/Declaration/Schema/Dto/Factories/Table.php): `utf8` up to
// 2.4.5; from 2.4.6 `utf8mb3` on MariaDB 10.6+ and MySQL 8.0.29+ (the same charset under its new name: a fresh
// 2.4.7-p7 install on MariaDB 10.11 has 391 utf8mb3 tables of 399); from 2.4.8 `utf8mb4` on MariaDB 10.4, 10.6,
// 11.4 and MySQL 8.0.29+ (else utf8). Table charset and collation are among the attributes setup:upgrade compares
// with the declaration (Dto/Table.php getDiffSensitiveParams), so 2.4.8 alters utf8mb3 tables itself.
const MAGENTO_UTF8 = /^utf8(mb3)?_/i;

/** Does Magento `release` declare utf8mb4 for its tables on this server? */
export function declaresUtf8mb4(release: string, server: Pick<ServerInfo, 'flavor' | 'number'>): boolean {
  if (!isMagentoVersion(release) || compareMagentoVersions(release, '2.4.8') < 0) return false;
  const [major = 0, minor = 0, patch = 0] = server.number.split('.').map(Number);
  if (server.flavor === 'mysql') return major > 8 || (major === 8 && (minor > 0 || patch >= 29));
  return ['10.4', '10.6', '11.4'].includes(`${major}.${minor}`);
}

/**
 * The server the target release will run on: this one when the target supports it, else the first version the
 * target supports (what db/server-version tells to upgrade to) — 2.4.8 on MariaDB 11.4 declares utf8mb4 where the
 * 10.11 of today would keep utf8mb3, so the charset work of its setup:upgrade depends on it.
 */
function serverForTarget(
  server: ServerInfo,
  target: Release | undefined,
): { targetServer?: Pick<ServerInfo, 'flavor' | 'number'> } {
  const supported = target?.requirements[server.flavor] ?? [];
  if (supported.length === 0 || fitsAny(server.number, supported)) return {};
  return { targetServer: { flavor: server.flavor, number: supported[0]! } };
}

function checkCharsets(
  tables: TableInfo[],
  columns: Map<string, number>,
  report: Report,
  against: {
    release: string | null;
    isTarget: boolean;
    server: ServerInfo;
    targetServer?: Pick<ServerInfo, 'flavor' | 'number'>;
  },
): void {
  const foreign = tables.filter(
    (t) => t.collation && !/^utf8mb4/i.test(t.collation) && !MAGENTO_UTF8.test(t.collation),
  );
  if (foreign.length > 0) {
    const names = foreign.map((t) => `${t.name} (${t.collation})`).sort();
    report(
      'charset',
      'warning',
      'foreign-charset',
      `${foreign.length} table(s) use a charset no Magento release declares (neither utf8/utf8mb3 nor utf8mb4): ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', …' : ''}`,
      'Text outside that charset is lost or mangled, and joins with the other tables cannot use their indexes. Convert each to the charset its db_schema.xml declares (ALTER TABLE … CONVERT TO CHARACTER SET …), on a copy first.',
    );
  }
  const utf8 = tables.filter((t) => MAGENTO_UTF8.test(t.collation ?? ''));
  const names = [...new Set([...utf8.map((t) => t.name), ...columns.keys()])].sort();
  if (names.length === 0) return;
  const columnCount = [...columns.values()].reduce((a, b) => a + b, 0);
  const list = `${names.slice(0, 10).join(', ')}${names.length > 10 ? ', …' : ''}`;
  const notPending =
    'A charset is not pending setup: Magento before 2.4.6 declares "utf8", which MariaDB 10.6+ and MySQL 8.0.30+ name "utf8mb3", so its bin/magento setup:db:status may call the schema out of date for these tables alone; pending setup is judged from setup_module below.';
  const release = against.release;
  const server = against.targetServer ?? against.server;
  if (release && declaresUtf8mb4(release, server)) {
    const serverName = `${server.flavor === 'mysql' ? 'MySQL' : 'MariaDB'} ${server.number}`;
    report(
      'charset',
      'info',
      'utf8mb3',
      `${names.length} table(s) in utf8/utf8mb3 (${utf8.length} by default collation, ${columnCount} utf8mb3 column(s)); Magento ${release} declares utf8mb4 on ${serverName}${against.targetServer ? ` (the server it needs; this one runs ${against.server.number})` : ''}, and its setup:upgrade alters tables whose charset differs from the declaration: ${list}`,
      `Time setup:upgrade of ${release} on a copy of production: changing these tables is part of its work in the maintenance window (the largest tables below). ${notPending}`,
    );
    return;
  }
  report(
    'charset',
    'info',
    'utf8mb3',
    `${names.length} table(s) in utf8/utf8mb3 (${utf8.length} by default collation, ${columnCount} utf8mb3 column(s)), the charset Magento${release ? ` ${release}` : ''} creates its tables in on this server: ${list}`,
    `Nothing to do for the ${against.isTarget ? 'upgrade' : 'store'}: Magento declares utf8 (named utf8mb3 on MariaDB 10.6+ and MySQL 8.0.29+) up to 2.4.7. ${notPending} Moving to utf8mb4 (4-byte characters such as emoji) is a change of its own.`,
  );
}

async function checkOrphans(session: ReadOnlySession, tables: Map<string, TableInfo>, report: Report): Promise<void> {
  const t = (name: string): string => `\`${session.table(name).replace(/`/g, '``')}\``;
  for (const check of ORPHAN_CHECKS) {
    const ready = Object.entries(check.needs).every(([table, cols]) =>
      cols.every((c) => tables.get(table)?.columns.includes(c)),
    );
    if (!ready) continue;
    const rows = await session.query(check.sql(t));
    const n = Number(rows[0]?.n ?? 0);
    if (n === 0) continue;
    report(
      'orphaned-rows',
      'warning',
      check.id,
      `${n} ${check.what}`,
      'Delete or repair them before the upgrade (on a copy first): foreign keys the upgrade adds or re-creates fail on orphaned rows, and data patches may stop on them.',
    );
  }
}

function largestTables(
  tables: TableInfo[],
  current: ReturnType<DbSchemaIndex['at']> | undefined,
  target: ReturnType<DbSchemaIndex['at']> | undefined,
  limit: number,
): LargeTable[] {
  return [...tables]
    .sort((a, b) => b.dataBytes + b.indexBytes - (a.dataBytes + a.indexBytes) || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((t) => {
      const bytes = t.dataBytes + t.indexBytes;
      const changed =
        current && target
          ? JSON.stringify(current.getTable(t.name) ?? null) !== JSON.stringify(target.getTable(t.name) ?? null)
          : null;
      return {
        name: t.name,
        rowsEstimate: t.rowsEstimate,
        bytes,
        rebuildSeconds: Math.round((bytes / REBUILD_BYTES_PER_SECOND + REBUILD_FIXED_SECONDS) * 10) / 10,
        changedByTarget: changed,
      };
    });
}

export function formatDuration(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

async function checkPendingSetup(
  session: ReadOnlySession,
  project: ProjectModel,
  tables: Map<string, TableInfo>,
  report: Report,
): Promise<void> {
  if (!tables.get('setup_module')?.columns.includes('schema_version')) return;
  const installed = new Map<string, string | null>();
  await session.each(`SELECT module, schema_version FROM \`${session.table('setup_module')}\``, [], (row) =>
    installed.set(String(row.module), row.schema_version === null ? null : String(row.schema_version)),
  );
  for (const module of project.modules) {
    if (module.enabled === false || !module.setupVersion) continue;
    const inDb = installed.get(module.name);
    if (inDb === undefined) {
      report(
        'pending-setup',
        'warning',
        module.name,
        `module ${module.name} (setup_version ${module.setupVersion}) is not in setup_module: setup:upgrade has not run for it`,
        'Run bin/magento setup:upgrade (after a backup) so the database matches the code before upgrading further.',
      );
      continue;
    }
    const d = compareModuleVersions(inDb, module.setupVersion);
    if (d < 0) {
      report(
        'pending-setup',
        'warning',
        module.name,
        `module ${module.name}: setup_module has ${inDb}, module.xml declares ${module.setupVersion}: setup:upgrade is pending`,
        'Run bin/magento setup:upgrade (after a backup) before the upgrade, so the starting point is consistent.',
      );
    } else if (d > 0) {
      report(
        'pending-setup',
        'error',
        module.name,
        `module ${module.name}: the database (${inDb}) is newer than module.xml (${module.setupVersion}): Magento refuses to run ("The module data/schema is newer than code")`,
        'Deploy the code that matches this database, or restore the database that matches this code.',
      );
    }
  }
}

function checkDeclaredTables(
  project: ProjectModel,
  tables: Map<string, TableInfo>,
  core: ReturnType<DbSchemaIndex['at']> | undefined,
  report: Report,
  skipped: string[],
): void {
  const installed = new Set(project.packages.map((p) => p.name));
  // A package whose modules are all disabled in config.php declares nothing: setup never creates its tables.
  const enabledIn = new Set(project.modules.filter((m) => m.enabled !== false && m.package).map((m) => m.package!));
  const disabledIn = new Set(project.modules.filter((m) => m.enabled === false && m.package).map((m) => m.package!));
  const declaring = (p: string): boolean => installed.has(p) && (enabledIn.has(p) || !disabledIn.has(p));
  const declared = new Map<string, string>();
  if (core) {
    for (const name of core.tableNames()) {
      const table = core.getTable(name)!;
      const owner = table.packages.find(declaring);
      if (owner) declared.set(name, owner);
    }
  } else {
    skipped.push(
      'core tables: the Magento version of the project is unknown, so only custom db_schema.xml tables are checked',
    );
  }
  // The packages Magento bundles (Braintree) declare their own tables; the core index covers magento/* only.
  const bundled = bundledSchemaOf(project);
  for (const [name, table] of bundled.tables) {
    const owner = table.packages.find(declaring);
    if (owner && !declared.has(name)) declared.set(name, owner);
  }
  for (const u of bundled.unreadable) {
    skipped.push(`${u.package}'s db_schema.xml does not parse (${u.error}): its tables are not checked`);
  }
  for (const module of project.modules) {
    if (module.enabled === false) continue;
    for (const table of module.customizations.dbSchema) {
      if (table.disabled) declared.delete(table.name);
      else declared.set(table.name, module.name);
    }
  }
  const missing = [...declared].filter(([name]) => !tables.has(name)).sort(([a], [b]) => a.localeCompare(b));
  for (const [name, owner] of missing) {
    report(
      'missing-declared-table',
      'warning',
      name,
      `table ${name}, declared by ${owner}'s db_schema.xml, is missing from the database`,
      `Run bin/magento setup:upgrade on a copy to create it, or find out why it was dropped (is ${owner} really installed?).`,
    );
  }
  if (!core) return;
  // Tables a module's legacy InstallSchema/UpgradeSchema creates are its own, in use: not leftovers.
  const scripted = setupScriptTables(project);
  const undeclared = [...tables.values()]
    .filter(
      (t) =>
        !declared.has(t.name) &&
        !scripted.has(t.name) &&
        !bundled.scriptTables.has(t.name) &&
        !RUNTIME_TABLE.test(t.name) &&
        !magentoRuntimeTable(t.name, t.columns, (name) => tables.has(name)),
    )
    .map((t) => t.name)
    .sort();
  if (undeclared.length > 0) {
    report(
      'undeclared-table',
      'info',
      'undeclared-tables',
      `${undeclared.length} table(s) no installed module declares in db_schema.xml: ${undeclared.slice(0, 15).join(', ')}${undeclared.length > 15 ? ', …' : ''}`,
      'Leftovers of removed extensions, or tables created by old InstallSchema scripts: archive and drop what nothing uses, so the upgrade does not carry them along.',
    );
  }
}
