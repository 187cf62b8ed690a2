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
      if (this.groups.size < 5_000) this.groups.set(key, g);
    }
    if (this.cutover !== undefined && time < this.cutover) {
      g.before++;
      this.before++;
    } else {
      g.after++;
      this.after++;
    }
  }

  list(): SlowGroup[] {
    return [...this.groups.values()].sort(
      (a, b) => b.after + b.before - (a.after + a.before) || (a.key < b.key ? -1 : 1),
    );
  }
}
