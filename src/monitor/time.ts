/**
 * A time on the command line: ISO 8601 (`2026-12-01T06:00`, `2026-12-01 06:00:00+01:00`, `2026-12-01`; without a
 * zone it is UTC, the zone Magento logs in) or a duration before `now` (`90m`, `24h`, `7d`).
 */
export function parseTime(value: string, now = Date.now()): number {
  const rel = /^(\d+(?:\.\d+)?)\s*(m|min|h|d)$/.exec(value.trim());
  if (rel) {
    const unit = rel[2] === 'd' ? 86_400_000 : rel[2] === 'h' ? 3_600_000 : 60_000;
    return now - Number(rel[1]) * unit;
  }
  const m = /^(\d{4}-\d\d-\d\d)(?:[T ](\d\d:\d\d(?::\d\d(?:\.\d+)?)?))?\s*(Z|[+-]\d\d:?\d\d)?$/.exec(value.trim());
  if (!m)
    throw new Error(`"${value}" is not a time: use 2026-12-01T06:00 (UTC unless a zone is given) or 24h, 7d, 90m`);
  const zone = m[3] ? (m[3] === 'Z' ? 'Z' : m[3].length === 5 ? `${m[3].slice(0, 3)}:${m[3].slice(3)}` : m[3]) : 'Z';
  const t = Date.parse(`${m[1]}T${m[2] ?? '00:00'}${m[2] && m[2].length === 5 ? ':00' : ''}${zone}`);
  if (!Number.isFinite(t)) throw new Error(`"${value}" is not a valid date`);
  return t;
}
