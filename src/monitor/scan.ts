import { readdirSync, statSync, openSync, readSync, closeSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { Problem } from '../core/problem.js';
import { TrafficStats, type TrafficPart } from './access-log.js';
import { ErrorGroups, type GroupPart } from './groups.js';
import { readLines, isGzip, type LineStats } from './lines.js';
import {
  exceptionClassOf,
  framesOf,
  GROUPED_FROM,
  levelRank,
  MagentoLogParser,
  type LogRecord,
} from './magento-log.js';
import type { OriginMap } from './origin.js';
import { SlowLog, type SlowPart } from './slow-log.js';
import type { Coverage, ErrorClass, LogFileInfo, MonitorFacts, Noise, RateBasis, Thresholds } from './types.js';

const HOUR = 3_600_000;
/** Magento log names, rotated (`.1`, `-20261201`) and compressed (`.gz`) included. */
const LOG_NAME = /\.log(?:[.-]\d+)*(?:\.gz)?$/;
const REPORT_MAX_BYTES = 1 << 20;

/** A part of a file to read: from `start` to before `end` (bytes); `follow` holds back an unterminated last line. */
export interface ReadRange {
  start?: number;
  end?: number;
  follow?: boolean;
}

/** What reading a file (or a chunk of one) gave, before it is accounted for. */
export interface ReadOutcome {
  stats?: LineStats;
  records: number;
  /** Lines that are not records: before the first header (Magento), unparsed (access). */
  skipped: number;
  kind?: 'access' | 'slow';
  /** Why the file could not be read (it was then read up to there, or not at all). */
  error?: string;
}

/** A scan's aggregates as plain data: what a worker thread hands back. */
export interface ScanPart {
  errors: GroupPart[];
  overflow: number;
  first: number;
  last: number;
  noise: Noise;
  traffic: TrafficPart;
  slow: SlowPart;
}

export interface ScanSettings {
  root: string;
  since?: number;
  cutover?: number;
  adminFrontName: string;
  thresholds: Thresholds;
}

/**
 * The log side of `mageup monitor`: reads Magento logs, error reports, access and slow logs once, streaming, into
 * aggregates (error classes, traffic per route family, slow-log places). Kept alive by --follow, which feeds it
 * the lines appended since.
 */
export class LogScan {
  readonly errors: ErrorGroups;
  readonly traffic: TrafficStats;
  readonly slow: SlowLog;
  readonly problems: Problem[] = [];
  readonly files = new Map<string, LogFileInfo>();
  readonly noise: Noise = { byFile: {}, debugLogAfterCutover: 0 };
  private first = Infinity;
  private last = -Infinity;
  private accessSeen = false;
  private slowSeen = false;

  constructor(
    readonly settings: ScanSettings,
    origins: OriginMap,
  ) {
    this.errors = new ErrorGroups(origins, settings.cutover);
    this.traffic = new TrafficStats(settings.cutover, settings.adminFrontName, settings.since);
    this.slow = new SlowLog(origins, settings.cutover, settings.since);
  }

  /** The aggregates as plain data (a worker's answer). */
  part(): ScanPart {
    return {
      errors: this.errors.parts(),
      overflow: this.errors.overflow,
      first: this.first,
      last: this.last,
      noise: this.noise,
      traffic: this.traffic.part(),
      slow: this.slow.part(),
    };
  }

  /**
   * Merges the aggregates of another scan that read what comes after what this one read (the next chunk or file,
   * in the order one thread reads them): the result is the one a single reader gets.
   */
  absorb(p: ScanPart): void {
    this.errors.absorb(p.errors, p.overflow);
    if (p.first < this.first) this.first = p.first;
    if (p.last > this.last) this.last = p.last;
    for (const [source, levels] of Object.entries(p.noise.byFile)) {
      const byLevel = (this.noise.byFile[source] ??= {});
      for (const [level, n] of Object.entries(levels)) byLevel[level] = (byLevel[level] ?? 0) + n;
    }
    this.noise.debugLogAfterCutover += p.noise.debugLogAfterCutover;
    this.traffic.absorb(p.traffic);
    this.slow.absorb(p.slow);
  }

  /** Log files of a directory (one level of subdirectories too), oldest rotation first. */
  static listLogs(dir: string): string[] {
    const out: string[] = [];
    const walk = (d: string, depth: number): void => {
      let names: string[];
      try {
        names = readdirSync(d);
      } catch {
        return;
      }
      for (const name of names.sort()) {
        const p = join(d, name);
        let st;
        try {
          st = statSync(p);
        } catch {
          continue;
        }
        if (st.isDirectory() && depth < 1) walk(p, depth + 1);
        else if (st.isFile() && LOG_NAME.test(name)) out.push(p);
      }
    };
    walk(dir, 0);
    return out;
  }

  /** The log a rotated file belongs to: `exception.log.2.gz` → `exception.log`. */
  static logName(file: string): string {
    return basename(file).replace(/(\.log)(?:[.-]\d+)*(?:\.gz)?$/, '$1');
  }

  rel(file: string): string {
    const r = relative(this.settings.root, file);
    return r.startsWith('..') ? file : r.split('\\').join('/');
  }

  /** Reads one Magento log from `start` (bytes); returns where a follower resumes. */
  async scanMagentoLog(file: string, opts: { start?: number; follow?: boolean } = {}): Promise<number> {
    return this.finishRead(file, 'magento', await this.readMagentoLog(file, opts), opts);
  }

  /**
   * Reads a Magento log (or the chunk `start`–`end` of one, which begins with a record) into the aggregates;
   * what it read is accounted for by `finishRead`.
   */
  async readMagentoLog(file: string, opts: ReadRange = {}): Promise<ReadOutcome> {
    const source = LogScan.logName(file);
    const isDebug = source === 'debug.log';
    let records = 0;
    const parser = new MagentoLogParser((r) => {
      records++;
      this.record(r, source, isDebug);
    });
    let stats;
    try {
      stats = await readLines(file, {
        ...(opts.start ? { start: opts.start } : {}),
        ...(opts.end !== undefined ? { end: opts.end } : {}),
        holdUnterminated: opts.follow === true,
        onLine: (line) => parser.push(line),
      });
    } catch (error) {
      return { records, skipped: 0, error: errorText(error) };
    }
    parser.flush();
    return { stats, records, skipped: parser.orphanLines };
  }

  /** Accounts for what was read of a file (in one piece or chunks, combined); returns where a follower resumes. */
  finishRead(
    file: string,
    kind: 'magento' | 'access',
    outcome: ReadOutcome,
    opts: { start?: number; follow?: boolean },
  ): number {
    const magento = kind === 'magento';
    const rel = magento ? this.rel(file) : file;
    if (outcome.error !== undefined || !outcome.stats) {
      this.problem('log-unreadable', rel, `could not be read (${outcome.error ?? 'unknown error'})`);
      return opts.start ?? 0;
    }
    const stats = outcome.stats;
    if (!magento) {
      if (outcome.kind === 'access') this.accessSeen = true;
      if (outcome.kind === 'slow') this.slowSeen = true;
      if (!outcome.kind && !opts.start)
        this.problem('log-format', file, 'is neither a combined-format access log nor a PHP-FPM slow log');
    }
    this.account(file, rel, magento ? 'magento' : (outcome.kind ?? 'access'), stats, outcome.records, outcome.skipped);
    return (opts.start ?? 0) + (opts.follow ? stats.complete : stats.bytes);
  }

  private record(r: LogRecord, source: string, isDebug: boolean): void {
    if (this.settings.since !== undefined && r.time < this.settings.since) return;
    if (r.time < this.first) this.first = r.time;
    if (r.time > this.last) this.last = r.time;
    if (isDebug && (this.settings.cutover === undefined || r.time >= this.settings.cutover)) {
      this.noise.debugLogAfterCutover++;
    }
    // debug.log repeats every record of the other logs when debug logging is on: noise only, never counted twice.
    if (!isDebug && levelRank(r.level) >= levelRank(GROUPED_FROM)) {
      this.errors.add(r, source);
      return;
    }
    const byLevel = (this.noise.byFile[source] ??= {});
    byLevel[r.level] = (byLevel[r.level] ?? 0) + 1;
  }

  /**
   * Magento's error reports (`var/report/<id>`, written when an exception reaches the error page): JSON
   * `{"0": message, "1": trace, "url": …}` (PHP-serialized in old releases); the time is the file's mtime.
   */
  scanReports(dir: string): void {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    let read = 0;
    for (const name of names.sort()) {
      const p = join(dir, name);
      let st;
      try {
        st = statSync(p);
      } catch {
        continue;
      }
      if (!st.isFile()) continue;
      const text = readHead(p, REPORT_MAX_BYTES);
      const report = text === undefined ? undefined : parseReport(text);
      if (!report) {
        this.problem(
          'report-unreadable',
          this.rel(p),
          'is not a Magento error report (JSON or PHP-serialized)',
          'warning',
        );
        continue;
      }
      read++;
      const lines = `${report.message}\n${report.trace}`.split('\n');
      this.record(
        {
          time: st.mtimeMs,
          channel: 'report',
          level: 'CRITICAL',
          message: lines[0] ?? '',
          frames: framesOf(lines),
          ...(exceptionClassOf(report.message) ? { exceptionClass: exceptionClassOf(report.message)! } : {}),
        },
        'var/report',
        false,
      );
    }
    if (read > 0) {
      this.files.set(this.rel(dir), {
        file: this.rel(dir),
        kind: 'report',
        gzip: false,
        bytes: 0,
        lines: 0,
        records: read,
        skipped: 0,
        unterminated: false,
      });
    }
  }

  /** An access log or a PHP-FPM slow log (recognised by its first lines). */
  async scanAccessOrSlow(file: string, opts: { start?: number; follow?: boolean } = {}): Promise<number> {
    return this.finishRead(file, 'access', await this.readAccessOrSlow(file, opts), opts);
  }

  /**
   * Reads an access or slow log (or the chunk `start`–`end` of an access log whose kind an earlier chunk
   * decided: `kind`) into the aggregates; what it read is accounted for by `finishRead`.
   */
  async readAccessOrSlow(file: string, opts: ReadRange & { kind?: 'access' } = {}): Promise<ReadOutcome> {
    let kind: 'access' | 'slow' | undefined = opts.kind;
    let records = 0;
    let skipped = 0;
    let stats;
    try {
      stats = await readLines(file, {
        ...(opts.start ? { start: opts.start } : {}),
        ...(opts.end !== undefined ? { end: opts.end } : {}),
        holdUnterminated: opts.follow === true,
        onLine: (line) => {
          if (!kind) {
            kind = LogScan.sniffLine(line, this.traffic);
            if (kind === 'access') {
              records++;
              return;
            }
            if (!kind) {
              if (line) skipped++;
              return;
            }
          }
          if (kind === 'slow') {
            if (SlowLog.isHeader(line)) records++;
            this.slow.push(line);
          } else if (this.traffic.push(line)) records++;
          else if (line) skipped++;
        },
      });
    } catch (error) {
      return { records, skipped, error: errorText(error) };
    }
    this.slow.flush();
    return { stats, records, skipped, ...(kind ? { kind } : {}) };
  }

  /**
   * What a line says of its file before the kind is known: a slow log's header, an access line (then added to
   * `traffic`), or nothing yet.
   */
  static sniffLine(line: string, traffic: TrafficStats): 'access' | 'slow' | undefined {
    if (SlowLog.isHeader(line)) return 'slow';
    return traffic.push(line) ? 'access' : undefined;
  }

  private account(
    file: string,
    rel: string,
    kind: LogFileInfo['kind'],
    stats: LineStats,
    records: number,
    skipped: number,
  ): void {
    const prev = this.files.get(file);
    const info: LogFileInfo = {
      file: rel,
      kind,
      gzip: prev?.gzip ?? false,
      bytes: (prev?.bytes ?? 0) + stats.bytes,
      lines: (prev?.lines ?? 0) + stats.lines,
      records: (prev?.records ?? 0) + records,
      skipped: (prev?.skipped ?? 0) + skipped + stats.binary,
      unterminated: stats.unterminated,
    };
    this.files.set(file, info);
    if (stats.gzipError)
      this.problem('gzip-damaged', rel, `is a damaged gzip file (${stats.gzipError}): read up to the damage`);
    if (stats.binary > 0 && !prev) this.problem('binary-lines', rel, `${stats.binary} binary lines skipped`, 'warning');
    if (stats.cut > 0 && !prev)
      this.problem('long-lines', rel, `${stats.cut} lines longer than 64 KiB were cut`, 'warning');
  }

  async markGzip(file: string): Promise<void> {
    const info = this.files.get(file);
    if (info) info.gzip = await isGzip(file).catch(() => false);
  }

  problem(code: string, file: string, message: string, level: 'error' | 'warning' = 'error'): void {
    this.problems.push({ code, level, file, message: `${file} ${message}` });
  }

  /** The facts of the logs: error classes with their before/after status, coverage, rate basis. */
  facts(
    thresholds: Thresholds,
  ): Pick<MonitorFacts, 'coverage' | 'rateBasis' | 'errors' | 'noise' | 'traffic' | 'slow'> {
    const { cutover } = this.settings;
    const start = Math.min(this.first, this.accessSeen ? this.traffic.first : Infinity);
    const end = Math.max(this.last, this.accessSeen ? this.traffic.last : -Infinity);
    const known = Number.isFinite(start) && Number.isFinite(end);
    const coverage: Coverage = {
      ...(known ? { start: new Date(start).toISOString(), end: new Date(end).toISOString() } : {}),
      beforeHours: known && cutover !== undefined ? round2(Math.max(0, Math.min(cutover, end) - start) / HOUR) : 0,
      afterHours: known ? round2(Math.max(0, end - Math.max(cutover ?? start, start)) / HOUR) : 0,
    };
    let rateBasis: RateBasis;
    if (this.accessSeen && this.traffic.dynamicAfter > 0 && (cutover === undefined || this.traffic.dynamicBefore > 0)) {
      rateBasis = { unit: 'per-1k-requests', before: this.traffic.dynamicBefore, after: this.traffic.dynamicAfter };
    } else {
      rateBasis = {
        unit: 'per-hour',
        before: coverage.beforeHours,
        after: coverage.afterHours,
        note: this.accessSeen
          ? 'the access log does not cover both sides of the cutover: rates per hour of log, not per request'
          : 'no access log given: rates per hour of log, not per request (traffic could not be verified)',
      };
    }
    const per = (n: number, base: number): number | undefined =>
      base > 0
        ? round2(rateBasis.unit === 'per-1k-requests' ? (1000 * n) / base : n / Math.max(base, 1 / 60))
        : undefined;
    const errors: ErrorClass[] = this.errors.list().map((g) => {
      if (cutover === undefined) return { ...g, status: 'seen' };
      const rateBefore = per(g.before, rateBasis.before);
      const rateAfter = per(g.after, rateBasis.after);
      const rates = {
        ...(rateBefore !== undefined ? { rateBefore } : {}),
        ...(rateAfter !== undefined ? { rateAfter } : {}),
      };
      let status: ErrorClass['status'] = 'seen';
      if (g.before === 0 && g.after > 0) status = 'new';
      else if (g.after === 0 && g.before >= 3 && coverage.afterHours >= 1) status = 'gone';
      else if (g.before > 0 && g.after > 0 && rateBefore !== undefined && rateAfter !== undefined) {
        if (g.after >= thresholds.minCount && rateAfter >= thresholds.rateFactor * rateBefore) status = 'increased';
        else if (rateAfter * thresholds.rateFactor <= rateBefore) status = 'decreased';
        else status = 'steady';
      }
      return { ...g, ...rates, status };
    });
    return {
      coverage,
      rateBasis,
      errors,
      noise: this.noise,
      ...(this.accessSeen
        ? {
            traffic: {
              families: this.traffic.list(),
              requests: this.traffic.requests,
              unparsed: this.traffic.unparsed,
            },
          }
        : {}),
      ...(this.slowSeen
        ? {
            slow: {
              entries: this.slow.entries,
              before: this.slow.before,
              after: this.slow.after,
              groups: this.slow.list(),
            },
          }
        : {}),
    };
  }
}

function errorText(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function readHead(file: string, max: number): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buf = Buffer.alloc(max);
    const n = readSync(fd, buf, 0, max, 0);
    return buf.toString('utf8', 0, n);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A Magento error report: JSON (2.2+) or PHP `serialize()` (older), keys 0 (message) and 1 (trace). */
export function parseReport(text: string): { message: string; trace: string; url?: string } | undefined {
  const t = text.trim();
  if (t.startsWith('{')) {
    try {
      const data = JSON.parse(t) as Record<string, unknown>;
      if (typeof data['0'] === 'string') {
        return {
          message: data['0'],
          trace: typeof data['1'] === 'string' ? data['1'] : '',
          ...(typeof data.url === 'string' ? { url: data.url } : {}),
        };
      }
    } catch {
      return undefined;
    }
    return undefined;
  }
  if (t.startsWith('a:')) {
    // i:0;s:N:"message";i:1;s:N:"trace" — lengths are bytes, so read by byte count.
    const buf = Buffer.from(t, 'utf8');
    const field = (index: number): string | undefined => {
      const key = Buffer.from(`i:${index};s:`);
      const at = buf.indexOf(key);
      if (at < 0) return undefined;
      const colon = buf.indexOf(':', at + key.length);
      const len = Number(buf.toString('latin1', at + key.length, colon));
      if (!Number.isInteger(len) || len < 0) return undefined;
      return buf.toString('utf8', colon + 2, colon + 2 + len);
    };
    const message = field(0);
    if (message === undefined) return undefined;
    return { message, trace: field(1) ?? '' };
  }
  return undefined;
}
