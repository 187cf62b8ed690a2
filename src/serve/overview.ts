import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { CheckResult } from '../check/types.js';
import type { Severity } from '../core/finding.js';
import { openExploited, unverifiedBulletins, type OpenExploited, type UnverifiedBulletin } from '../fleet/exploited.js';
import { furthestReady, moveReadiness, type MoveReadiness } from '../fleet/readiness.js';
import { fleetStatus } from '../fleet/status.js';
import type { FleetStoreRow } from '../fleet/types.js';
import { checkResultOfRun, RunStore, type RunInfo, type StoredRun } from '../history/index.js';
import { loadReleaseCatalog, type MagentoReleaseCatalog } from '../knowledge/catalog.js';
import { supportStatus, type SupportStatus } from '../knowledge/lifecycle.js';
import { loadPatchLevels, type PatchLevelsFile } from '../knowledge/patch-levels.js';
import { forClient } from '../report/client.js';
import { storeSignature, type StoreSource } from './sources.js';

/** One project of the history (one Magento store) as the dashboard shows it. */
export interface DashboardStore {
  /** Stable id for URLs and the page (a hash: never the project's path). */
  id: string;
  /** The fleet name (`mageup fleet add`), else the project's directory name. */
  name: string;
  /** Fleet tags; empty outside a fleet. */
  tags: string[];
  /** A fleet scan waiting or running: its phase and share done. */
  progress: { phase: string; percent: number } | null;
  /** The history store it was read from (its key). */
  source: string;
  edition: string | null;
  version: string | null;
  /** Isolated patches and hotfixes of the line, from the latest audit; null when no audit recorded it. */
  patchLevel: string | null;
  support: Pick<SupportStatus, 'endOfSupport' | 'daysLeft' | 'status'>;
  /** Null when no check was recorded: exposure could not be verified. */
  openExploited: OpenExploited[] | null;
  /** Bulletins the latest check could not verify (coverage gaps), apart from the open ones; null when no check. */
  unverifiedBulletins: UnverifiedBulletin[] | null;
  bySeverity: Record<Severity, number> | null;
  findings: number | null;
  effortHours: number | null;
  risk: 'high' | 'medium' | 'low' | null;
  /** Per target of the latest check. */
  readiness: MoveReadiness[];
  /** The newest target the store can move to now. */
  canMoveTo: string | null;
  /** Check runs, oldest first: findings over time. */
  trend: { run: number; date: string; findings: number; critical: number; error: number }[];
  /** Newest first. */
  runs: { id: number; command: string; recordedAt: string; versions: string; findings: number; report: boolean }[];
  lastRun: string;
}

export interface Dashboard {
  generatedAt: string;
  stores: DashboardStore[];
  /** Stores that could not be read this time, by key (messages carry no path or password). */
  problems: { source: string; message: string }[];
}

interface Knowledge {
  catalog: MagentoReleaseCatalog | null;
  patchLevels: PatchLevelsFile | null;
}

/** Everything the dashboard shows, read from each store in turn (each opened, read and closed: no lock is kept). */
export async function readDashboard(
  sources: StoreSource[],
  opts: {
    now?: Date;
    lockWaitMs?: number;
    runsPerProject?: number;
    /** Rows of embedded stores read before, by key, with the store's signature then: reused while it holds. */
    cache?: Map<string, { signature: string; stores: DashboardStore[] }>;
  } = {},
): Promise<Dashboard> {
  const now = opts.now ?? new Date();
  const knowledge: Knowledge = {
    catalog: attempt(() => loadReleaseCatalog()),
    patchLevels: attempt(() => loadPatchLevels()),
  };
  const stores: DashboardStore[] = [];
  const problems: Dashboard['problems'] = [];
  for (const source of sources) {
    try {
      const seen = opts.cache?.get(source.key);
      if (seen && seen.signature === storeSignature(source)) {
        stores.push(...seen.stores);
        continue;
      }
      const rows = await readSource(source, knowledge, now, opts);
      stores.push(...rows);
      // Taken after the store is closed: closing writes a checkpoint.
      const signature = storeSignature(source);
      if (signature && opts.cache) opts.cache.set(source.key, { signature, stores: rows });
    } catch (error) {
      // A store busy with a run is shown as it was at the last read, and says so.
      const previous = opts.cache?.get(source.key);
      if (previous && error instanceof Error && error.name === 'StoreLockedError') {
        stores.push(...previous.stores);
        problems.push({
          source: source.key,
          message: 'busy (another MageUp run holds it): shown as at the previous read',
        });
        continue;
      }
      problems.push({ source: source.key, message: describeFailure(error, source) });
    }
  }
  stores.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return { generatedAt: now.toISOString(), stores, problems };
}

async function readSource(
  source: StoreSource,
  knowledge: Knowledge,
  now: Date,
  opts: { lockWaitMs?: number; runsPerProject?: number },
): Promise<DashboardStore[]> {
  const store = await RunStore.open(source.spec, { lockWaitMs: opts.lockWaitMs ?? 5000 });
  try {
    const runs = await store.list({ limit: 10_000 });
    const byProject = new Map<string, RunInfo[]>();
    for (const run of runs) byProject.set(run.project, [...(byProject.get(run.project) ?? []), run]);
    const fleet = await fleetRows(store);
    // A fleet store's runs belong to it through its scans (a git URL is scanned in a worker's checkout).
    const fleetOfRun = new Map<number, FleetStoreRow>();
    for (const row of fleet)
      for (const scan of [row.lastScan, row.lastGoodScan])
        for (const id of [scan?.auditRunId, scan?.checkRunId]) if (id) fleetOfRun.set(id, row);
    const out: DashboardStore[] = [];
    const shownFleet = new Set<string>();
    for (const [project, list] of byProject) {
      const check = list.find((r) => r.command === 'check');
      const audit = list.find((r) => r.command === 'audit');
      const member = list.map((r) => fleetOfRun.get(r.id)).find(Boolean) ?? fleet.find((f) => f.location === project);
      if (member) shownFleet.add(member.name);
      out.push(
        projectRow(
          source,
          project,
          list,
          check ? await store.get(check.id) : undefined,
          audit ? await store.get(audit.id) : undefined,
          knowledge,
          now,
          opts.runsPerProject ?? 25,
          member,
        ),
      );
    }
    for (const f of fleet) if (!shownFleet.has(f.name)) out.push(unscannedRow(source, f));
    return out;
  } finally {
    await store.close();
  }
}

interface AuditFacts {
  magento?: { version?: string | null; edition?: string };
  patchLevel?: { label?: string };
}

function projectRow(
  source: StoreSource,
  project: string,
  runs: RunInfo[],
  checkRun: StoredRun | undefined,
  auditRun: StoredRun | undefined,
  knowledge: Knowledge,
  now: Date,
  runsShown: number,
  fleet?: FleetStoreRow,
): DashboardStore {
  // The client's view: the analyst's paths never reach the page.
  const check: CheckResult | undefined = checkRun ? forClient(checkResultOfRun(checkRun), project) : undefined;
  const audit = (auditRun?.result ?? null) as AuditFacts | null;
  const newest = runs[0]!;
  const version = check?.current.version ?? audit?.magento?.version ?? newest.currentVersion ?? null;
  const edition = known(check?.project.edition) ?? known(audit?.magento?.edition) ?? null;
  const release = version ? attempt(() => knowledge.catalog?.get(version)) : undefined;
  const support = release
    ? supportStatus(release, now)
    : { endOfSupport: null, daysLeft: null, status: 'unknown' as const };
  const readiness = check ? moveReadiness(check) : [];
  const checks = runs.filter((r) => r.command === 'check').reverse();
  return {
    id: createHash('sha256').update(`${source.key}\0${project}`).digest('hex').slice(0, 12),
    name: fleet?.name ?? (basename(project) || 'project'),
    tags: fleet?.tags ?? [],
    progress: progressOf(fleet),
    source: source.key,
    edition,
    version,
    patchLevel: audit?.patchLevel?.label ?? null,
    support: { endOfSupport: support.endOfSupport, daysLeft: support.daysLeft, status: support.status },
    openExploited: check ? openExploited(check.findings, knowledge.patchLevels) : null,
    unverifiedBulletins: check ? unverifiedBulletins(check.findings, knowledge.patchLevels) : null,
    bySeverity: check ? check.summary.bySeverity : null,
    findings: check ? check.summary.findings : null,
    effortHours: check ? check.summary.effortHours : null,
    risk: check?.summary.risk?.level ?? null,
    readiness,
    canMoveTo: furthestReady(readiness)?.target ?? null,
    trend: checks.map((r) => {
      const s = r.summary as { findings?: number; bySeverity?: Partial<Record<Severity, number>> } | null;
      return {
        run: r.id,
        date: r.recordedAt,
        findings: s?.findings ?? r.findings,
        critical: s?.bySeverity?.critical ?? 0,
        error: s?.bySeverity?.error ?? 0,
      };
    }),
    runs: runs.slice(0, runsShown).map((r) => ({
      id: r.id,
      command: r.command,
      recordedAt: r.recordedAt,
      versions: `${r.currentVersion ?? '?'}${r.targets.length > 0 ? ` → ${r.targets.join(', ')}` : ''}`,
      findings: r.findings,
      report: r.command === 'check',
    })),
    lastRun: newest.recordedAt,
  };
}

/** The fleet registry of the store, when it has one (older stores and per-project stores have none). */
async function fleetRows(store: RunStore): Promise<FleetStoreRow[]> {
  const exists = await store.connection.query<{ t: string | null }>(
    "SELECT to_regclass('mageup_fleet_projects')::text AS t",
  );
  if (!exists.rows[0]?.t) return [];
  return fleetStatus(store.connection);
}

function progressOf(fleet: FleetStoreRow | undefined): DashboardStore['progress'] {
  const p = fleet?.progress;
  return p && p.phase !== 'done' && p.phase !== 'failed' ? { phase: p.phase, percent: p.percent } : null;
}

/** A registered store with no run yet: listed, every fact "could not verify". */
function unscannedRow(source: StoreSource, f: FleetStoreRow): DashboardStore {
  return {
    id: createHash('sha256').update(`${source.key}\0fleet\0${f.name}`).digest('hex').slice(0, 12),
    name: f.name,
    tags: f.tags,
    progress: progressOf(f),
    source: source.key,
    edition: null,
    version: null,
    patchLevel: null,
    support: { endOfSupport: null, daysLeft: null, status: 'unknown' },
    openExploited: null,
    unverifiedBulletins: null,
    bySeverity: null,
    findings: null,
    effortHours: null,
    risk: null,
    readiness: [],
    canMoveTo: null,
    trend: [],
    runs: [],
    lastRun: f.lastScan?.finishedAt ?? '',
  };
}

/** The HTML report of one recorded check run, or null when the store has no such check run. */
export async function readRunResult(source: StoreSource, runId: number): Promise<CheckResult | null> {
  const store = await RunStore.open(source.spec, { lockWaitMs: 5000 });
  try {
    const run = await store.get(runId).catch(() => null);
    if (!run || run.command !== 'check') return null;
    return checkResultOfRun(run);
  } finally {
    await store.close();
  }
}

function known(edition: string | undefined | null): string | undefined {
  return edition && edition !== 'unknown' ? edition : undefined;
}

function attempt<T>(fn: () => T): T | null {
  try {
    return fn() ?? null;
  } catch {
    return null;
  }
}

/** A store's failure without its path or password: the key names it. */
function describeFailure(error: unknown, source: StoreSource): string {
  const text = error instanceof Error ? error.message : String(error);
  const name = error instanceof Error ? error.name : '';
  if (name === 'StoreLockedError') return 'busy (another MageUp run holds it); shown again at the next refresh';
  return text
    .split(source.spec)
    .join(source.key)
    .replace(/postgres(ql)?:\/\/\S+/gi, '<server>');
}
