/**
 * Magento release numbers (`2.4.8`, `2.4.8-p3`, `2.4.7-beta2`) as the catalog uses them: ordered like Composer orders
 * them (beta < GA < -p1 < -p2), without the full Composer engine, which the data build and the catalog do not need.
 */
export interface MagentoVersion {
  parts: number[];
  /** -1 for a pre-release (alpha/beta/rc), 0 for the GA, N for `-pN`. */
  patchRank: number;
  preRelease: number;
}

const PATTERN = /^v?(\d+)\.(\d+)\.(\d+)(?:\.(\d+))?(?:-(p|patch|beta|alpha|rc)\.?(\d*))?$/i;

export function parseMagentoVersion(version: string): MagentoVersion | undefined {
  const m = PATTERN.exec(version.trim());
  if (!m) return undefined;
  const parts = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  const kind = (m[5] ?? '').toLowerCase();
  const n = Number(m[6] || 0);
  if (kind === 'p' || kind === 'patch') return { parts, patchRank: n, preRelease: 0 };
  if (kind === '') return { parts, patchRank: 0, preRelease: 0 };
  const preBase = kind === 'alpha' ? 0 : kind === 'beta' ? 1000 : 2000;
  return { parts, patchRank: -1, preRelease: preBase + n };
}

export function isMagentoVersion(version: string): boolean {
  return parseMagentoVersion(version) !== undefined;
}

/** Sort comparator; versions that do not parse sort last, by string. */
export function compareMagentoVersions(a: string, b: string): number {
  const va = parseMagentoVersion(a);
  const vb = parseMagentoVersion(b);
  if (!va || !vb) return va ? -1 : vb ? 1 : a.localeCompare(b);
  for (let i = 0; i < 4; i++) {
    const d = (va.parts[i] ?? 0) - (vb.parts[i] ?? 0);
    if (d !== 0) return d;
  }
  if (va.patchRank !== vb.patchRank) return va.patchRank - vb.patchRank;
  return va.preRelease - vb.preRelease;
}

/** `2.4.8-p3` → `2.4.8`. */
export function minorOf(version: string): string {
  return version.trim().replace(/^v/i, '').replace(/-.*$/, '');
}

/** `2.4.8-p3` → `2.4`. */
export function lineOf(version: string): string {
  return minorOf(version).split('.').slice(0, 2).join('.');
}
