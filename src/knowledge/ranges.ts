/**
 * Compact sets of small integers — the positions of the versions that hold a symbol, a file content or a table
 * variant — written as ranges: [0,1,2,3,5] ⇄ "0-3,5". One encoding for every timeline of the knowledge base.
 */
/** Encodes sorted or unsorted version positions as ranges: [0,1,2,3,5] → "0-3,5". */
export function encodeRanges(positions: Iterable<number>): string {
  const sorted = [...new Set(positions)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    const start = sorted[i]!;
    let end = start;
    while (i + 1 < sorted.length && sorted[i + 1] === end + 1) end = sorted[++i]!;
    parts.push(start === end ? String(start) : `${start}-${end}`);
    i++;
  }
  return parts.join(',');
}

export function decodeRanges(timeline: string): number[] {
  const out: number[] = [];
  if (timeline === '') return out;
  for (const part of timeline.split(',')) {
    const dash = part.indexOf('-');
    if (dash < 0) {
      out.push(Number(part));
      continue;
    }
    const end = Number(part.slice(dash + 1));
    for (let n = Number(part.slice(0, dash)); n <= end; n++) out.push(n);
  }
  return out;
}

/** True when the timeline holds the position; reads the string without allocating. */
export function rangesContain(timeline: string, position: number): boolean {
  let i = 0;
  while (i < timeline.length) {
    let start = 0;
    while (i < timeline.length && timeline.charCodeAt(i) >= 48 && timeline.charCodeAt(i) <= 57) {
      start = start * 10 + timeline.charCodeAt(i) - 48;
      i++;
    }
    let end = start;
    if (timeline[i] === '-') {
      i++;
      end = 0;
      while (i < timeline.length && timeline.charCodeAt(i) >= 48 && timeline.charCodeAt(i) <= 57) {
        end = end * 10 + timeline.charCodeAt(i) - 48;
        i++;
      }
    }
    if (position >= start && position <= end) return true;
    if (start > position) return false;
    i++; // the comma
  }
  return false;
}

/** Key → value → the positions (versions, releases) that hold it: what an index builder collects. */
export type PositionTable = Map<string, Map<string, number[]>>;

/** Records that `value` holds for `key` at `position`. */
export function addPosition(table: PositionTable, key: string, value: string, position: number): void {
  let values = table.get(key);
  if (!values) table.set(key, (values = new Map()));
  values.set(value, [...(values.get(value) ?? []), position]);
}

/** A table as the shipped timelines: key (sorted) → [value, ranges][]. */
export function encodeTimelines(table: PositionTable): Record<string, [string, string][]> {
  return Object.fromEntries(
    [...table.keys()]
      .sort()
      .map((key) => [key, [...table.get(key)!].map(([v, p]) => [v, encodeRanges(p)] as [string, string])]),
  );
}

/** The value a shipped timeline ([value, ranges][], encodeTimelines' form) holds at a release position, or undefined. */
export function timelineValueAt<V>(
  timeline: readonly (readonly [V, string])[] | undefined,
  position: number,
): V | undefined {
  return timeline?.find(([, ranges]) => rangesContain(ranges, position))?.[0];
}
