import { compareMagentoVersions, lineOf, minorOf } from './magento-version.js';
import type { ReleaseDataFile, SourceRef } from './release-data.js';
import type { Advisory, Confidence } from './types.js';

/** The shape of `data/advisories.json.gz` (offline advisory snapshot), written by `scripts/build-knowledge.ts`. */
export const ADVISORY_DATA_SCHEMA = 1;
export const ADVISORY_DATA_FILE = 'advisories.json.gz';

export interface StoredAdvisory {
  id: string;
  package: string;
  title: string;
  cve?: string;
  link?: string;
  /** Composer constraint of the affected versions. */
  affected: string;
  source: Advisory['source'];
  severity?: Advisory['severity'];
  confidence?: Confidence;
  date?: string;
  /** Versions published as fixing it (APSB bulletins): `fixedIn` is the lowest of them above the installed version. */
  fixedVersions?: string[];
}

export interface AdvisoryDataFile {
  schema: typeof ADVISORY_DATA_SCHEMA;
  /** Date the snapshot was collected. */
  generated: string;
  /** Date of the newest advisory entry in the snapshot (a freshness indicator). */
  newestEntry: string | null;
  sources: Record<string, SourceRef>;
  advisories: StoredAdvisory[];
}

/** Adobe's bulletins apply to both editions' metapackages and to the shared base package (same version numbers). */
export const APSB_PACKAGES = [
  'magento/magento2-base',
  'magento/product-community-edition',
  'magento/product-enterprise-edition',
];

/**
 * Turns each APSB bulletin (its list of fixed releases) into Composer ranges of affected versions:
 * in a minor line that got a fix, everything from its GA up to the fixing patch; a minor line between the oldest and
 * newest fixed lines that got no fix (out of support) entirely; every minor older than the oldest fixed line (from
 * 2.3.0, the start of the catalog). Lines newer than every fix shipped after the bulletin and include it.
 */
export function buildApsbAdvisories(data: ReleaseDataFile): StoredAdvisory[] {
  const gaOf = new Map<string, string | null>();
  for (const r of data.releases) {
    if (r.type === 'beta') continue;
    const minor = minorOf(r.version);
    if (r.version === minor || !gaOf.has(minor))
      gaOf.set(minor, r.version === minor ? r.date : (gaOf.get(minor) ?? null));
  }
  const minors = [...gaOf.keys()].sort(compareMagentoVersions).map((minor) => ({ minor, ga: gaOf.get(minor) ?? null }));
  const out: StoredAdvisory[] = [];
  for (const bulletin of Object.values(data.bulletins)) {
    const ranges = apsbAffectedRanges(bulletin.fixedIn, minors, bulletin.date);
    if (ranges.length === 0) continue;
    for (const pkg of APSB_PACKAGES) {
      out.push({
        id: bulletin.id,
        package: pkg,
        title: `Adobe security bulletin ${bulletin.id}${bulletin.severity ? ` (${bulletin.severity})` : ''}`,
        link: bulletin.url,
        affected: ranges.join(' || '),
        source: 'apsb',
        severity: severityOf(bulletin.severity),
        confidence: bulletin.confidence,
        date: bulletin.date ?? undefined,
        fixedVersions: bulletin.fixedIn,
      });
    }
  }
  return out;
}

/**
 * Composer ranges of the releases a bulletin affects. `minors` are the catalog's minor lines (`2.4.6`) with their GA
 * dates, oldest first. A line is affected up to its fixing patch; a line with no fix is affected entirely when it was
 * out before the bulletin (an unpatched, usually out-of-support line), not when it came out after (it ships the fix);
 * a GA that fixes it (`2.3.6`) covers later GAs of the same X.Y line.
 */
export function apsbAffectedRanges(
  fixedIn: string[],
  minors: Array<{ minor: string; ga: string | null }>,
  bulletinDate: string | null,
): string[] {
  if (fixedIn.length === 0 || minors.length === 0) return [];
  const fixed = [...fixedIn].sort(compareMagentoVersions);
  const oldest = minorOf(fixed[0]!);
  const ranges: string[] = [];
  if (compareMagentoVersions(minors[0]!.minor, oldest) < 0) ranges.push(`>=${minors[0]!.minor} <${oldest}`);
  for (let i = 0; i < minors.length; i++) {
    const { minor, ga } = minors[i]!;
    if (compareMagentoVersions(minor, oldest) < 0) continue;
    const fix = fixed.find((f) => minorOf(f) === minor);
    if (fix) {
      if (fix !== minor) ranges.push(`>=${minor} <${fix}`);
      continue;
    }
    const fixedByEarlierGa = fixed.some(
      (f) => f === minorOf(f) && lineOf(f) === lineOf(minor) && compareMagentoVersions(f, minor) <= 0,
    );
    const releasedAfter = ga !== null && bulletinDate !== null && ga >= bulletinDate;
    const next = minors[i + 1]?.minor;
    if (!fixedByEarlierGa && !releasedAfter && next) ranges.push(`>=${minor} <${next}`);
  }
  return ranges;
}

function severityOf(value: string | null): Advisory['severity'] {
  const v = (value ?? '').toLowerCase();
  return v === 'critical' || v === 'high' || v === 'medium' || v === 'low' ? v : v === 'important' ? 'high' : undefined;
}
