import type { Confidence, ServiceName } from './types.js';

/**
 * The shape of `data/releases.json.gz`, written by `scripts/build-knowledge.ts` from `../shared/data` and read by the
 * catalog. Bump RELEASE_DATA_SCHEMA on any incompatible change: an old mageup then refuses a new file clearly.
 */
export const RELEASE_DATA_SCHEMA = 1;
export const RELEASE_DATA_FILE = 'releases.json.gz';

export interface SourceRef {
  repo: string;
  commit: string;
  path?: string;
}

export interface ReleaseDataFile {
  schema: typeof RELEASE_DATA_SCHEMA;
  /** Date the reference data was collected (deterministic: not the build time). */
  generated: string;
  /** Where each fact comes from (repository and commit), from SOURCES.json and magento-releases.json. */
  sources: Record<string, SourceRef>;
  /** Support windows per line: `2.3` for the whole 2.3 line, `2.4.6` for each 2.4 minor. */
  lines: Record<string, SupportLineRecord>;
  bulletins: Record<string, BulletinRecord>;
  releases: ReleaseRecord[];
  /** Mage-OS distribution versions and the Magento release each is built on. */
  mageOs: Record<string, { upstream: string; date: string | null }>;
  /**
   * Adobe Commerce on Cloud: third-party software an environment must leave by a deadline (Adobe's security
   * enforcement notice for Cloud 2.4.4-2.4.9), with the source it was read from.
   */
  cloudDependencyDeadlines?: {
    source: string;
    rows: { dependency: string; versions: string; upgradeTo: string; deadline: string }[];
  };
}

export interface SupportLineRecord {
  line: string;
  ga: string | null;
  endOfRegularSupport: string | null;
  /** Adobe Commerce only (lifecycle policy); null when not published or `TBD`. */
  endOfExtendedSupport: string | null;
  /** Adobe Commerce: end of the security-only period after extended support (lifecycle policy); absent when N/A. */
  endOfSecurityOnly?: string | null;
  /**
   * Adobe Commerce on Cloud: the version upgrade enforcement date, after which Adobe may decommission environments
   * still on the line; null when Adobe says TBD.
   */
  cloudUpgradeEnforcement?: string | null;
  /** Where the Cloud and security-only dates come from. */
  cloudSource?: string;
  confidence: Confidence;
  note?: string;
}

export interface BulletinRecord {
  id: string;
  url: string;
  date: string | null;
  fixedIn: string[];
  severity: string | null;
  maxCvss?: number;
  confidence: Confidence;
}

export interface ReleaseRecord {
  version: string;
  /** Key into `lines`. */
  supportLine: string;
  date: string | null;
  /** `beta` stands for every pre-release (alpha and beta): never a target by default, never `latest`. */
  type: 'feature' | 'security' | 'beta';
  editions: string[];
  requirements: Partial<Record<ServiceName, string[]>>;
  /** Published requirements for services outside ServiceName (e.g. `activemq_artemis`). */
  extraRequirements?: Record<string, string[]>;
  requirementsConfidence: Confidence;
  /** False when Adobe has no column for this exact release and the values were inherited from its base release. */
  requirementsExact: boolean;
  phpConstraint: string | null;
  composerConstraint: string | null;
  apsb: string[];
  apsbConfidence: Confidence;
  /** Exact `magento/*` versions from the real metapackage; absent when no metapackage is known. */
  packages?: Record<string, string>;
  /** Non-exact requirements of the metapackage (third-party libraries and Magento-owned libraries with ranges). */
  thirdParty?: Record<string, string>;
  /** A few key package versions known without the metapackage (derived or from docs), with their confidence. */
  keyPackages?: { versions: Record<string, string>; confidence: Confidence; source: string };
  notes?: string[];
}

const EXACT_VERSION = /^v?\d+(\.\d+){0,3}(-(p|patch|beta|alpha|rc)\.?\d*)?$/i;

/**
 * Splits a `magento/product-*-edition` metapackage's `require`: exact `magento/*` pins (and the metapackage itself)
 * are the release's package set; every other requirement (ranges, third-party libraries, php, ext-*) is a constraint.
 */
export function splitMetapackage(meta: { name?: string; version?: string; require?: Record<string, string> }): {
  packages: Record<string, string>;
  thirdParty: Record<string, string>;
} {
  const packages: Record<string, string> = {};
  if (meta.name && meta.version) packages[meta.name] = meta.version.replace(/^v/, '');
  const thirdParty: Record<string, string> = {};
  for (const [name, constraint] of Object.entries(meta.require ?? {})) {
    if (typeof constraint !== 'string') continue;
    if (name.startsWith('magento/') && EXACT_VERSION.test(constraint)) packages[name] = constraint;
    else thirdParty[name] = constraint;
  }
  return { packages: sortRecord(packages), thirdParty: sortRecord(thirdParty) };
}

function sortRecord<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
