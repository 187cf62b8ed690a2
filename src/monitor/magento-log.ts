/**
 * Magento's log files: Monolog's LineFormatter (`[%datetime%] %channel%.%level_name%: %message% %context% %extra%`)
 * with inline line breaks, so one record spans several lines when it carries a stack trace. Monolog 1 writes
 * `2026-12-01 06:00:00` (the server's zone, UTC on Magento), Monolog 2/3 ISO 8601 with microseconds and offset.
 */

export const LEVELS = ['DEBUG', 'INFO', 'NOTICE', 'WARNING', 'ERROR', 'CRITICAL', 'ALERT', 'EMERGENCY'] as const;
export type Level = (typeof LEVELS)[number];

/** Records at or above this level are errors worth grouping; below are counted as noise. */
export const GROUPED_FROM: Level = 'WARNING';

const GROUPED_LEVELS: ReadonlySet<string> = new Set(LEVELS.slice(LEVELS.indexOf(GROUPED_FROM)));

export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

export interface Frame {
  /** The path as logged (absolute, maybe of another machine). */
  path: string;
  line: number;
  /** `Acme\Foo\Model\Bar->save` (arguments dropped), or '' for the origin of the exception. */
  call: string;
}

export interface LogRecord {
  /** Milliseconds since the epoch (UTC); NaN when the timestamp could not be read. */
  time: number;
  channel: string;
  level: Level;
  /** First line of the message, without Monolog's context and extra. */
  message: string;
  /** Exception class from the context (`[object] (Foo\Bar(code: 0): …`) or the message (`Foo\Bar: …`). */
  exceptionClass?: string;
  /** Where the exception was thrown, then the stack, top first. */
  frames: Frame[];
}

const MAX_RECORD_CHARS = 32 * 1024;
const MAX_FRAMES = 40;

const HEADER =
  /^\[(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:\.\d+)?(Z|[+-]\d\d:?\d\d)?\] ([^\s:]+?)\.(DEBUG|INFO|NOTICE|WARNING|ERROR|CRITICAL|ALERT|EMERGENCY): ?(.*)$/;
const STACK_FRAME = /^#\d+ (.+?\.(?:php|phtml))\((\d+)\): ([^(]*)/;
/** Magento's own backtrace format, in error reports: `#1 Foo\Bar->baz() called at [vendor/…/Bar.php:45]`. */
const DEBUG_FRAME = /^#\d+ ([^(\s]*)\(.*\) called at \[(.+?\.(?:php|phtml)):(\d+)\]/;
const ORIGIN = /(?:\bin|\bat) ((?:[A-Za-z]:)?\/?[^\s:()]+\.(?:php|phtml)):(\d+)/;
const CONTEXT_EXCEPTION = /\[object\] \(([A-Za-z_\\][\w\\]*)\(code: /;
const MESSAGE_EXCEPTION = /^((?:[A-Z]\w*\\)*\w*(?:Exception|Error))(?: #\d+ \([^)]*\))?: /;

/**
 * Assembles records from lines: a header line starts a record, the lines after it (stack traces, wrapped context)
 * belong to it until the next header. Lines before the first header are counted as orphans.
 */
export class MagentoLogParser {
  orphanLines = 0;
  private current: { header: RegExpExecArray; lines: string[]; chars: number; grouped: boolean } | undefined;
  private readonly zoneCache = new Map<string, number>();

  constructor(private readonly onRecord: (record: LogRecord) => void) {}

  /** Whether `push` takes this line (as `readLines` gives it) for the start of a record. */
  static isHeader(line: string): boolean {
    return line.charCodeAt(0) === 91 && HEADER.test(line);
  }

  push(line: string): void {
    // Cheap test first: most lines of a trace-heavy log are frames.
    const header = line.charCodeAt(0) === 91 /* [ */ ? HEADER.exec(line) : null;
    if (header) {
      this.flush();
      this.current = { header, lines: [], chars: line.length, grouped: GROUPED_LEVELS.has(header[9]!) };
      return;
    }
    if (!this.current) {
      if (line.length > 0) this.orphanLines++;
      return;
    }
    // Noise records are only counted: their continuation lines are not kept.
    if (this.current.grouped && this.current.chars < MAX_RECORD_CHARS) {
      this.current.lines.push(line);
      this.current.chars += line.length + 1;
    }
  }

  /** Emits the record being assembled (call at the end of a file). */
  flush(): void {
    const cur = this.current;
    if (!cur) return;
    this.current = undefined;
    const h = cur.header;
    const level = h[9] as Level;
    const rest = h[10] ?? '';
    const record: LogRecord = {
      time: this.time(h),
      channel: h[8]!,
      level,
      message: stripContext(rest),
      frames: [],
    };
    // Only records that get grouped need their frames: noise stays cheap.
    if (cur.grouped) {
      record.frames = framesOf([rest, ...cur.lines]);
      // Monolog puts the context (with the exception's class) on the header line or, after a stack, on the last.
      const exceptionClass =
        CONTEXT_EXCEPTION.exec(rest)?.[1] ??
        (cur.lines.length ? CONTEXT_EXCEPTION.exec(cur.lines[cur.lines.length - 1]!)?.[1] : undefined) ??
        exceptionClassOf(record.message);
      // Inside Monolog's JSON context backslashes are doubled.
      if (exceptionClass) record.exceptionClass = exceptionClass.replace(/\\\\/g, '\\');
    }
    this.onRecord(record);
  }

  private time(h: RegExpExecArray): number {
    const zone = h[7];
    let offset = 0;
    if (zone && zone !== 'Z') {
      let cached = this.zoneCache.get(zone);
      if (cached === undefined) {
        const m = /([+-])(\d\d):?(\d\d)/.exec(zone)!;
        cached = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000;
        this.zoneCache.set(zone, cached);
      }
      offset = cached;
    }
    return Date.UTC(+h[1]!, +h[2]! - 1, +h[3]!, +h[4]!, +h[5]!, +h[6]!) - offset;
  }
}

/** Drops Monolog's trailing ` {context} [extra]` (or the start of a multi-line context) from the first line. */
export function stripContext(rest: string): string {
  let s = rest;
  const cut = s.search(/ (?:\{"|\[\] [[{]|\[\]$|\{\} )/);
  if (cut >= 0) s = s.slice(0, cut);
  return s.trim();
}

/** `Foo\BarException: message` → `Foo\BarException`. */
export function exceptionClassOf(message: string): string | undefined {
  return MESSAGE_EXCEPTION.exec(message)?.[1];
}

/** The exception's origin, then its stack frames, from the record's lines. */
export function framesOf(lines: string[]): Frame[] {
  const frames: Frame[] = [];
  for (const line of lines) {
    if (frames.length >= MAX_FRAMES) break;
    // Both frame formats start with `#`: other lines skip their patterns.
    if (line.charCodeAt(0) === 35) {
      const f = STACK_FRAME.exec(line);
      if (f) {
        const call = f[3]!.trim();
        frames.push({
          path: f[1]!,
          line: Number(f[2]),
          call: call.includes('\\\\') ? call.replace(/\\\\/g, '\\') : call,
        });
        continue;
      }
      const d = DEBUG_FRAME.exec(line);
      if (d) {
        frames.push({ path: d[2]!, line: Number(d[3]), call: d[1]! });
        continue;
      }
    }
    if (frames.length === 0) {
      const o = ORIGIN.exec(line);
      if (o) frames.push({ path: o[1]!, line: Number(o[2]), call: '' });
    }
  }
  return frames;
}
