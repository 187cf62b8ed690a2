import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { TrafficStats } from './access-log.js';
import { isGzip, MAX_LINE_BYTES, type LineStats } from './lines.js';
import { MagentoLogParser } from './magento-log.js';
import { OriginMap, type OriginSnapshot } from './origin.js';
import { LogScan, type ReadOutcome, type ScanPart, type ScanSettings } from './scan.js';

/**
 * Reading logs on several threads. Files are cut into chunks of about `chunkBytes` that begin where a record
 * begins (a Monolog header line; any line of an access log), each chunk is read by a worker thread into its own
 * aggregates, and the aggregates are merged in file and chunk order — so the result is exactly the one a single
 * thread reading the files in turn gets (tested). Gzipped files and slow logs are read whole.
 */

/** One piece of work: a file, or the part `start`–`end` of one. */
export interface ScanUnit {
  file: string;
  kind: 'magento' | 'access';
  start?: number;
  end?: number;
  /** A later chunk of an access log: its kind was decided by the first chunk. */
  accessKind?: 'access';
}

export interface ScanTask {
  settings: ScanSettings;
  origins: OriginSnapshot;
  unit: ScanUnit;
  follow: boolean;
}

export interface ScanAnswer {
  outcome: ReadOutcome;
  part: ScanPart;
}

/** Reads one unit into fresh aggregates (the worker's task; also run in this thread when a worker fails). */
export async function scanUnit(task: ScanTask, origins?: OriginMap): Promise<ScanAnswer> {
  const scan = new LogScan(task.settings, origins ?? OriginMap.fromSnapshot(task.origins));
  const { unit } = task;
  const range = {
    ...(unit.start !== undefined ? { start: unit.start } : {}),
    ...(unit.end !== undefined ? { end: unit.end } : {}),
    follow: task.follow,
  };
  const outcome =
    unit.kind === 'magento'
      ? await scan.readMagentoLog(unit.file, range)
      : await scan.readAccessOrSlow(unit.file, { ...range, ...(unit.accessKind ? { kind: unit.accessKind } : {}) });
  return { outcome, part: scan.part() };
}

/** How far ahead a chunk boundary is looked for (a record longer than this is not cut: the chunk grows). */
const ALIGN_WINDOW = 1 << 20;
/** The head of an access log read to decide its kind before it is cut. */
const SNIFF_BYTES = 256 * 1024;

/** The units of a file: the file whole, or its chunks in order. */
export async function unitsOf(
  file: string,
  kind: 'magento' | 'access',
  chunkBytes: number,
  settings: ScanSettings,
): Promise<ScanUnit[]> {
  const whole: ScanUnit[] = [{ file, kind }];
  let size: number;
  try {
    size = statSync(file).size;
    if (size < 2 * chunkBytes || (await isGzip(file))) return whole;
  } catch {
    return whole; // the reader reports it
  }
  if (kind === 'access' && sniffKind(file, settings) !== 'access') return whole;
  const bounds = [0];
  const fd = openSync(file, 'r');
  // One window for all boundaries: this thread barely allocates, so garbage buffers would wait long for a GC.
  const window = Buffer.allocUnsafe(ALIGN_WINDOW);
  try {
    for (let at = chunkBytes; at < size - chunkBytes / 2;) {
      const b = boundaryAfter(fd, window, Math.max(at, bounds[bounds.length - 1]! + 1), kind);
      if (b === undefined || b >= size) break;
      if (b > bounds[bounds.length - 1]!) bounds.push(b);
      at = b + chunkBytes;
    }
  } finally {
    closeSync(fd);
  }
  return bounds.map((start, i) => ({
    file,
    kind,
    ...(start > 0 ? { start } : {}),
    ...(i + 1 < bounds.length ? { end: bounds[i + 1]! } : {}),
    ...(kind === 'access' && i > 0 ? { accessKind: 'access' as const } : {}),
  }));
}

/**
 * The first line start at or after `pos` where a chunk may begin: any line of an access log; for a Magento log a
 * line the parser takes for a record header (so no record spans two chunks). Undefined when none is near.
 */
function boundaryAfter(fd: number, buf: Buffer, pos: number, kind: 'magento' | 'access'): number | undefined {
  const from = pos - 1; // the byte before a line start is its newline
  const n = readSync(fd, buf, 0, buf.length, from);
  let nl = buf.subarray(0, n).indexOf(10);
  while (nl >= 0 && nl < n) {
    const next = buf.indexOf(10, nl + 1);
    if (kind === 'access') return from + nl + 1;
    if (next < 0 || next >= n) return undefined;
    if (isHeaderLine(buf.subarray(nl + 1, next))) return from + nl + 1;
    nl = next;
  }
  return undefined;
}

/** The bytes of a line (without its newline) are a record header as `readLines` + the parser see them. */
function isHeaderLine(bytes: Buffer): boolean {
  if (bytes.length === 0 || bytes[0] !== 91 || bytes.length > MAX_LINE_BYTES || bytes.includes(0)) return false;
  const text = bytes.toString('utf8');
  return MagentoLogParser.isHeader(text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text);
}

/** An access log's kind as its first lines decide it (as `readAccessOrSlow` would), if they do. */
function sniffKind(file: string, settings: ScanSettings): 'access' | 'slow' | undefined {
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(SNIFF_BYTES);
  let n: number;
  try {
    n = readSync(fd, buf, 0, SNIFF_BYTES, 0);
  } finally {
    closeSync(fd);
  }
  const traffic = new TrafficStats(settings.cutover, settings.adminFrontName, settings.since);
  const text = buf.toString('utf8', 0, buf.lastIndexOf(10, n - 1) + 1);
  for (const raw of text.split('\n').slice(0, -1)) {
    if (raw.length > MAX_LINE_BYTES || raw.includes('\0')) return undefined;
    const kind = LogScan.sniffLine(raw.endsWith('\r') ? raw.slice(0, -1) : raw, traffic);
    if (kind) return kind;
  }
  return undefined;
}

/** What the chunks of one file read, combined as if read in one piece from the start. */
export function combineOutcomes(units: ScanUnit[], outcomes: ReadOutcome[]): ReadOutcome {
  if (outcomes.length === 1) return outcomes[0]!;
  const failed = outcomes.find((o) => o.error !== undefined || !o.stats);
  const last = outcomes[outcomes.length - 1]!;
  const lastStart = units[units.length - 1]!.start ?? 0;
  const stats: LineStats = {
    lines: 0,
    bytes: 0,
    binary: 0,
    cut: 0,
    unterminated: last.stats?.unterminated ?? false,
    // A chunk begins after a newline: with none in the last chunk, a follower resumes at its start.
    complete: lastStart + (last.stats?.complete ?? 0),
  };
  let records = 0;
  let skipped = 0;
  for (const o of outcomes) {
    records += o.records;
    skipped += o.skipped;
    if (!o.stats) continue;
    stats.lines += o.stats.lines;
    stats.bytes += o.stats.bytes;
    stats.binary += o.stats.binary;
    stats.cut += o.stats.cut;
  }
  // The first chunks may hold no line that decides (all before --since): the next chunk's kind is the file's.
  const kind = outcomes.find((o) => o.kind)?.kind;
  return {
    records,
    skipped,
    ...(kind ? { kind } : {}),
    ...(failed ? { error: failed.error ?? 'unknown error' } : { stats }),
  };
}
