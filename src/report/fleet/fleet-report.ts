import { currentStatus } from '../../fleet/status.js';
import type { FleetStoreRow, StoreStatus, UnverifiedBulletin } from '../../fleet/types.js';
import { version as toolVersion } from '../../version.js';

/** Version of the fleet report JSON. */
/** 2.0.0: `exploitedUnverified` (audit's unknown patch states) gave way to `unverifiedBulletins` (check's gaps). */
export const FLEET_REPORT_SCHEMA_VERSION = '2.0.0';

/** One store as the account manager reads it: every value from the latest successful scan, or null ("could not verify"). */
export interface FleetReportStore {
  name: string;
  tags: string[];
  location: string;
  edition: string | null;
  version: string | null;
  patchLevel: string | null;
  endOfSupport: string | null;
  supportStatus: string;
  openExploited: string[];
  /**
   * Bulletins check could not verify for the store (the data does not cover its version, its target's, or a patch's
   * state), never counted as open; null when no check recorded them (not scanned, or scanned before MageUp kept them).
   */
  unverifiedBulletins: UnverifiedBulletin[] | null;
  critical: number | null;
  error: number | null;
  warning: number | null;
  info: number | null;
  /** Findings of the scan shown against the successful scan before it (null: no earlier scan to compare with). */
  trend: {
    findings: number;
    previousFindings: number;
    change: number;
    previousScanAt: string;
    /** The release the earlier scan judged against, when it was another one (the counts are then not like for like). */
    previousTarget: string | null;
  } | null;
  effortHours: number | null;
  target: string | null;
  /** `yes`, `blocked`, or `could not verify` (extensions whose releases could not be read). */
  move: 'yes' | 'blocked' | 'could not verify' | 'not scanned';
  blockedBy: string[];
  unverifiedExtensions: string[];
  /** verify's verdict on the storefront URL (`passed`, `failed`), null when no URL is configured. */
  verify: { verdict: string; failed: number } | null;
  scannedAt: string | null;
  /** The latest scan failed (its error); the values above come from the scan before it, if any. */
  lastError: string | null;
}

export interface FleetReport {
  schemaVersion: string;
  tool: { name: 'mageup'; version: string };
  generatedAt: string;
  totals: {
    stores: number;
    scanned: number;
    failed: number;
    exposed: number;
    /** Stores with at least one bulletin check could not verify. */
    withUnverified: number;
    canMove: number;
    blocked: number;
    endedSupport: number;
  };
  stores: FleetReportStore[];
}

export function buildFleetReport(rows: FleetStoreRow[], now = new Date()): FleetReport {
  const stores = rows.map((row): FleetReportStore => {
    const s = currentStatus(row);
    const good = row.lastScan?.ok ? row.lastScan : row.lastGoodScan;
    return {
      name: row.name,
      tags: row.tags,
      location: row.location,
      edition: s?.edition ? `${s.edition}${s.b2b ? ' + B2B' : ''}` : null,
      version: s?.version ?? null,
      patchLevel: s?.patchLevel?.label ?? null,
      endOfSupport: s?.support.endOfSupport ?? null,
      supportStatus: s?.support.status ?? 'unknown',
      openExploited: (s?.openExploited ?? []).map(
        (b) => `${b.bulletin}${b.name ? ` (${b.name})` : ''}${b.fixedBy ? ` → ${b.fixedBy}` : ''}`,
      ),
      unverifiedBulletins: s?.unverifiedBulletins ?? null,
      critical: s ? s.bySeverity.critical : null,
      error: s ? s.bySeverity.error : null,
      warning: s ? s.bySeverity.warning : null,
      info: s ? s.bySeverity.info : null,
      trend: trendOf(s, row.previousGoodScan?.status ?? null, row.previousGoodScan?.finishedAt ?? null),
      effortHours: s?.effortHours ?? null,
      target: s?.target ?? null,
      move: !s
        ? 'not scanned'
        : s.canMoveNow === true
          ? 'yes'
          : s.canMoveNow === false
            ? 'blocked'
            : 'could not verify',
      blockedBy: s?.blockedBy ?? [],
      unverifiedExtensions: s?.unverifiedExtensions ?? [],
      verify: s?.verify ?? null,
      scannedAt: good?.finishedAt ?? null,
      lastError: row.lastScan && !row.lastScan.ok ? row.lastScan.error : null,
    };
  });
  return {
    schemaVersion: FLEET_REPORT_SCHEMA_VERSION,
    tool: { name: 'mageup', version: toolVersion },
    generatedAt: now.toISOString(),
    totals: {
      stores: stores.length,
      scanned: stores.filter((s) => s.scannedAt).length,
      failed: stores.filter((s) => s.lastError).length,
      exposed: stores.filter((s) => s.openExploited.length > 0).length,
      withUnverified: stores.filter((s) => (s.unverifiedBulletins?.length ?? 0) > 0).length,
      canMove: stores.filter((s) => s.move === 'yes').length,
      blocked: stores.filter((s) => s.move === 'blocked').length,
      endedSupport: stores.filter((s) => s.supportStatus === 'ended').length,
    },
    stores,
  };
}

const total = (s: StoreStatus): number => Object.values(s.bySeverity).reduce((a, b) => a + b, 0);

function trendOf(
  now: StoreStatus | null,
  before: StoreStatus | null,
  beforeAt: string | null,
): FleetReportStore['trend'] {
  if (!now || !before || !beforeAt) return null;
  const findings = total(now);
  const previousFindings = total(before);
  return {
    findings,
    previousFindings,
    change: findings - previousFindings,
    previousScanAt: beforeAt,
    previousTarget: before.target !== now.target ? before.target : null,
  };
}
