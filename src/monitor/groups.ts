import type { LogRecord, Level } from './magento-log.js';
import { levelRank } from './magento-log.js';
import { identify } from './fingerprint.js';
import type { CodeOrigin, OriginMap } from './origin.js';

const HOUR = 3_600_000;
/** Beyond this many distinct classes the rest is counted together: masking failed, or the log is hostile. */
export const MAX_GROUPS = 5_000;

export interface ErrorGroup {
  fingerprint: string;
  /** Highest level seen. */
  level: Level;
  channel: string;
  exceptionClass?: string;
  /** Normalised message (what the class is named by). */
  message: string;
  /** One real occurrence's message, as logged (cut). */
  sample: string;
  frames: { file: string; call: string }[];
  origin?: CodeOrigin & { line: number };
  /** Log files (relative to the log root) it was seen in. */
  sources: string[];
  count: number;
  /** Occurrences before / at-or-after the cutover (all `after` without a cutover). */
  before: number;
  after: number;
  firstSeen: string;
  lastSeen: string;
  /** Occurrences per hour: ISO hour (`2026-12-01T06`) → count. */
  perHour: Record<string, number>;
}

/** A group as a worker hands it over: plain data, in the order the groups were met. */
export interface GroupPart extends Omit<ErrorGroup, 'sources' | 'perHour' | 'firstSeen' | 'lastSeen'> {
  sources: string[];
  perHour: [number, number][];
  first: number;
  last: number;
}

interface Building extends Omit<ErrorGroup, 'sources' | 'perHour' | 'firstSeen' | 'lastSeen'> {
  sources: Set<string>;
  perHour: Map<number, number>;
  first: number;
  last: number;
}

/** Groups error records by fingerprint, with counts per hour and before/after the cutover. */
export class ErrorGroups {
  private readonly groups = new Map<string, Building>();
  overflow = 0;
  /** Fingerprints first met after `markKnown()` (the live view highlights them). */
  readonly fresh = new Set<string>();
  private tracking = false;

  constructor(
    private readonly origins: OriginMap,
    private readonly cutover: number | undefined,
  ) {}

  add(record: LogRecord, source: string): void {
    const id = identify(record.message, record.exceptionClass, record.frames, this.origins);
    let g = this.groups.get(id.fingerprint);
    if (!g) {
      if (this.groups.size >= MAX_GROUPS) {
        this.overflow++;
        return;
      }
      g = {
        fingerprint: id.fingerprint,
        level: record.level,
        channel: record.channel,
        ...(record.exceptionClass ? { exceptionClass: record.exceptionClass } : {}),
        message: id.normalised,
        sample: record.message.slice(0, 500),
        frames: id.frames,
        ...(id.origin ? { origin: id.origin } : {}),
        sources: new Set(),
        count: 0,
        before: 0,
        after: 0,
        first: record.time,
        last: record.time,
        perHour: new Map(),
      };
      this.groups.set(id.fingerprint, g);
      if (this.tracking) this.fresh.add(id.fingerprint);
    }
    if (levelRank(record.level) > levelRank(g.level)) g.level = record.level;
    g.sources.add(source);
    g.count++;
    if (this.cutover !== undefined && record.time < this.cutover) g.before++;
    else g.after++;
    if (record.time < g.first || Number.isNaN(g.first)) g.first = record.time;
    if (record.time > g.last || Number.isNaN(g.last)) g.last = record.time;
    const hour = Math.floor(record.time / HOUR) * HOUR;
    g.perHour.set(hour, (g.perHour.get(hour) ?? 0) + 1);
  }

  /** The groups as plain data, in the order they were met (what `absorb` needs to merge exactly). */
  parts(): GroupPart[] {
    return [...this.groups.values()].map((g) => ({ ...g, sources: [...g.sources], perHour: [...g.perHour] }));
  }

  /**
   * Merges the groups another reader built from the records that follow these (its `parts()`, `overflow`): the
   * same groups, details and counts as one reader reading both in turn — a group's details are its first
   * record's, and the first MAX_GROUPS fingerprints met are kept (the others counted in `overflow`).
   */
  absorb(parts: GroupPart[], overflow: number): void {
    this.overflow += overflow;
    for (const p of parts) {
      let g = this.groups.get(p.fingerprint);
      if (!g) {
        if (this.groups.size >= MAX_GROUPS) {
          this.overflow += p.count;
          continue;
        }
        g = { ...p, sources: new Set(), count: 0, before: 0, after: 0, perHour: new Map() };
        this.groups.set(p.fingerprint, g);
        if (this.tracking) this.fresh.add(p.fingerprint);
      }
      if (levelRank(p.level) > levelRank(g.level)) g.level = p.level;
      for (const s of p.sources) g.sources.add(s);
      g.count += p.count;
      g.before += p.before;
      g.after += p.after;
      if (p.first < g.first || Number.isNaN(g.first)) g.first = p.first;
      if (p.last > g.last || Number.isNaN(g.last)) g.last = p.last;
      for (const [hour, n] of p.perHour) g.perHour.set(hour, (g.perHour.get(hour) ?? 0) + n);
    }
  }

  /** From now on, new fingerprints are remembered as fresh. */
  markKnown(): void {
    this.tracking = true;
  }

  get size(): number {
    return this.groups.size;
  }

  /** Most frequent first, then by fingerprint (deterministic). */
  list(): ErrorGroup[] {
    return [...this.groups.values()]
      .map(({ sources, perHour, first, last, ...g }) => ({
        ...g,
        sources: [...sources].sort(),
        firstSeen: iso(first),
        lastSeen: iso(last),
        perHour: Object.fromEntries(
          [...perHour.entries()].sort((a, b) => a[0] - b[0]).map(([h, n]) => [iso(h).slice(0, 13), n]),
        ),
      }))
      .sort((a, b) => b.count - a.count || (a.fingerprint < b.fingerprint ? -1 : 1));
  }
}

function iso(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : '';
}
