import { apsbAffectedRanges } from './advisory-data.js';
import { isoDay } from './clock.js';
import { compareMagentoVersions } from './magento-version.js';
import type { MagentoReleaseCatalog } from './catalog.js';
import type { Confidence, Release } from './types.js';

/** Days before the end of support from which a line counts as "ending soon". */
export const ENDING_SOON_DAYS = 180;

export interface SupportStatus {
  endOfSupport: string | null;
  /** Whole days from `now` to the end of support (negative once ended); null when the date is unknown. */
  daysLeft: number | null;
  status: 'supported' | 'ending-soon' | 'ended' | 'unknown';
  confidence: Confidence;
}

/** Where a release's line stands on regular (Open Source) support at `now`. */
export function supportStatus(release: Release, now: Date): SupportStatus {
  const end = release.endOfSupport;
  if (!end) return { endOfSupport: null, daysLeft: null, status: 'unknown', confidence: 'low' };
  const endMs = Date.parse(`${end}T00:00:00Z`);
  const todayMs = Date.parse(`${isoDay(now)}T00:00:00Z`);
  const daysLeft = Math.round((endMs - todayMs) / 86_400_000);
  const status = daysLeft <= 0 ? 'ended' : daysLeft <= ENDING_SOON_DAYS ? 'ending-soon' : 'supported';
  return { endOfSupport: end, daysLeft, status, confidence: release.endOfSupportConfidence };
}

/**
 * APSB bulletins that `current` lacks: fixed by a release of its own line after it, or by later lines, and not by
 * `current` or anything it already includes. Oldest bulletin first.
 */
export function bulletinsMissing(current: Release | string, catalog: MagentoReleaseCatalog): string[] {
  const version = typeof current === 'string' ? catalog.resolve(current).version : current.version;
  const gaDates = new Map<string, string | null>();
  for (const r of catalog.all()) {
    if (r.type === 'beta') continue;
    if (!gaDates.has(r.minor) || r.version === r.minor) gaDates.set(r.minor, r.version === r.minor ? r.date : null);
  }
  const minors = [...gaDates.keys()]
    .sort(compareMagentoVersions)
    .map((minor) => ({ minor, ga: gaDates.get(minor) ?? null }));
  return catalog
    .bulletins()
    .filter((b) => apsbAffectedRanges(b.fixedIn, minors, b.date).some((range) => inRange(version, range)))
    .sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.id.localeCompare(b.id))
    .map((b) => b.id);
}

/** Evaluates the `>=A <B` ranges apsbAffectedRanges produces (Magento version order, no Composer engine needed). */
function inRange(version: string, range: string): boolean {
  const m = /^>=(\S+) <(\S+)$/.exec(range);
  if (!m) return false;
  return compareMagentoVersions(version, m[1]!) >= 0 && compareMagentoVersions(version, m[2]!) < 0;
}
