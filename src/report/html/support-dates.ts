import { loadReleaseCatalog } from '../../knowledge/catalog.js';

/**
 * End of support of each version the HTML report's summary names (`2.4.6-p3` → `2025-08-11`, null: not announced).
 * Without the release catalog the dates are left out and show as unknown: they are a nicety of the summary.
 */
export function supportDates(versions: (string | null)[]): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  try {
    const catalog = loadReleaseCatalog();
    for (const v of versions) if (v) out[v] = catalog.get(v)?.endOfSupport ?? null;
  } catch {
    // No catalog: every version shows as unknown.
  }
  return out;
}
