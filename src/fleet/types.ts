import type { Severity } from '../core/finding.js';
import type { OpenExploited, UnverifiedBulletin } from './exploited.js';

export type { OpenExploited, UnverifiedBulletin };

/** One store of the fleet as registered with `mageup fleet add`. */
export interface FleetProject {
  /** Unique name the agency uses (`acme-de`). */
  name: string;
  /** Absolute project path, or a git URL cloned read-only into the worker's cache. */
  location: string;
  kind: 'path' | 'git';
  tags: string[];
  /** Storefront URL: `verify` runs too when set. */
  verifyUrl: string | null;
  /** Target release for `check` (`latest` when null). */
  target: string | null;
  addedAt: string;
}

/**
 * What an account manager asks about one store, computed by the worker from its audit and check (and verify) and kept
 * with the scan. Null fields were not known: reports print "could not verify", never a guess.
 */
export interface StoreStatus {
  edition: string | null;
  b2b: boolean | null;
  version: string | null;
  /** Adobe's isolated patches and hotfixes of the store's line. */
  patchLevel: { label: string; missing: number; partial: number; unknown: number } | null;
  support: {
    endOfSupport: string | null;
    daysLeft: number | null;
    status: 'supported' | 'ending-soon' | 'ended' | 'unknown';
  };
  /** Exploited bulletins the store lacks (by its version, or an isolated patch found missing). */
  openExploited: OpenExploited[];
  /**
   * Bulletins check could not verify (its coverage gaps, patches whose state could not be read): not counted as open.
   * Null when no check ran; absent in statuses recorded before MageUp kept it.
   */
  unverifiedBulletins?: UnverifiedBulletin[] | null;
  /** The release `check` judged against. */
  target: string | null;
  bySeverity: Record<Severity, number>;
  effortHours: number | null;
  risk: 'high' | 'medium' | 'low' | null;
  /** True when nothing but routine work stands between the store and the target (see blockedBy). */
  canMoveNow: boolean | null;
  /** What stands in the way, one short phrase each (an extension without a fitting release, an error-level finding). */
  blockedBy: string[];
  /** Third-party extensions whose releases could not be read: the verdict does not cover them. */
  unverifiedExtensions: string[];
  /** verify's verdict when a URL is configured. */
  verify: { verdict: string; failed: number } | null;
}

/** One finished scan job of one store. */
export interface FleetScan {
  id: number;
  project: string;
  jobId: string | null;
  startedAt: string;
  finishedAt: string;
  worker: string | null;
  attempt: number;
  ok: boolean;
  error: string | null;
  auditRunId: number | null;
  checkRunId: number | null;
  status: StoreStatus | null;
}

/** Where a running scan is (written by the worker as it goes). */
export interface ScanProgress {
  jobId: string;
  project: string;
  phase: 'queued' | 'audit' | 'check' | 'verify' | 'recording' | 'done' | 'failed';
  percent: number;
  worker: string | null;
  updatedAt: string;
}

/** A registered store with its latest scan: one row of the fleet report and of the dashboard. */
export interface FleetStoreRow extends FleetProject {
  lastScan: FleetScan | null;
  /** The latest successful scan, when the latest one failed. */
  lastGoodScan: FleetScan | null;
  /** The successful scan before the one whose status is shown: the trend compares the two. */
  previousGoodScan: FleetScan | null;
  progress: ScanProgress | null;
}
