import { MONTHS } from './access-log.js';
import { isOwnCode, type CodeOrigin, type OriginMap } from './origin.js';

/**
 * PHP-FPM's slow log (`request_slowlog_timeout`): a header `[03-Dec-2026 10:15:01]  [pool www] pid 123`, the script,
 * then the PHP stack at the moment the request crossed the timeout, innermost first:
 * `[0x00007f…] curl_exec() /var/www/vendor/…/Curl.php:123`. Grouped by where the time went: the first frame of the
 * project's own code, else the innermost frame.
 */

const HEADER = /^\[(\d\d)-(\w{3})-(\d{4}) (\d\d):(\d\d):(\d\d)\]\s+\[pool ([^\]]+)\] pid (\d+)/;
const FRAME = /^\[0x[0-9a-f]+\] (\S+)\(\) (.+):(\d+)$/;

const MAX_GROUPS = 5_000;

export interface SlowPart {
  groups: SlowGroup[];
  entries: number;
  before: number;
  after: number;
}

export interface SlowGroup {
  /** `file:function` of the frame blamed. */
  key: string;
  call: string;
  origin?: CodeOrigin & { line: number };
  before: number;
  after: number;
}

export class SlowLog {
  private readonly groups = new Map<string, SlowGroup>();
  private frames: { call: string; path: string; line: number }[] = [];
  private time: number | undefined;
  entries = 0;
  /** Entries before / after the cutover. */
  before = 0;
  after = 0;

  constructor(
    private readonly origins: OriginMap,
    private readonly cutover: number | undefined,
    private readonly since: number | undefined,
  ) {}

  /** Whether a line looks like the start of a slow log (to recognise the file). */
  static isHeader(line: string): boolean {
    return HEADER.test(line);
  }

  push(line: string): void {
    const h = HEADER.exec(line);
    if (h) {
      this.flush();
      const month = MONTHS[h[2]!] ?? 0;
      // PHP-FPM writes the server's local time; Magento servers run UTC (stated in the README).
      this.time = Date.UTC(+h[3]!, month, +h[1]!, +h[4]!, +h[5]!, +h[6]!);
      return;
    }
    const f = FRAME.exec(line);
    if (f && this.time !== undefined && this.frames.length < 100) {
      this.frames.push({ call: f[1]!, path: f[2]!, line: Number(f[3]) });
    }
  }

  flush(): void {
    if (this.time === undefined) return;
    const time = this.time;
    this.time = undefined;
    const frames = this.frames;
    this.frames = [];
    if (this.since !== undefined && time < this.since) return;
    this.entries++;
    const located = frames.map((f) => ({ f, o: this.origins.of(f.path) }));
    const blamed = located.find((x) => x.o && isOwnCode(x.o.owner)) ?? located[0];
    const key = blamed ? `${blamed.o?.file ?? blamed.f.path}:${blamed.f.call}` : '(no stack)';
    let g = this.groups.get(key);
    if (!g) {
      g = {
        key,
        call: blamed?.f.call ?? '',
        ...(blamed?.o ? { origin: { ...blamed.o, line: blamed.f.line } } : {}),
        before: 0,
        after: 0,
      };
      if (this.groups.size < MAX_GROUPS) this.groups.set(key, g);
    }
    if (this.cutover !== undefined && time < this.cutover) {
      g.before++;
      this.before++;
    } else {
      g.after++;
      this.after++;
    }
  }

  /** The groups and counts as plain data, groups in the order they were met. */
  part(): SlowPart {
    return { groups: [...this.groups.values()], entries: this.entries, before: this.before, after: this.after };
  }

  /** Merges what another reader read after this one (the first MAX_GROUPS places met are kept, as in one read). */
  absorb(p: SlowPart): void {
    this.entries += p.entries;
    this.before += p.before;
    this.after += p.after;
    for (const pg of p.groups) {
      const g = this.groups.get(pg.key);
      if (g) {
        g.before += pg.before;
        g.after += pg.after;
      } else if (this.groups.size < MAX_GROUPS) this.groups.set(pg.key, { ...pg });
    }
  }

  list(): SlowGroup[] {
    return [...this.groups.values()].sort(
      (a, b) => b.after + b.before - (a.after + a.before) || (a.key < b.key ? -1 : 1),
    );
  }
}
