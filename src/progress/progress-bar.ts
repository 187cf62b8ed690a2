/** Where progress goes and whether it may: a terminal, not CI, not --quiet. */
export interface ProgressOptions {
  stream?: { isTTY?: boolean; write(s: string): unknown; columns?: number };
  env?: Record<string, string | undefined>;
  quiet?: boolean;
  /** Milliseconds clock, injectable for tests. */
  now?: () => number;
}

export interface Progress {
  /** Names the current step (`loading project`): shown until counts arrive. */
  phase(label: string): void;
  /** `done` of `total` units (files) of the current phase. */
  update(done: number, total: number, unit?: string): void;
  /** Clears the line. */
  finish(): void;
  readonly enabled: boolean;
}

/**
 * A one-line progress bar on stderr with rate and ETA (`analysing ██████░░░░ 1200/4800 files · 310 files/s · ETA 12s`).
 * Shows nothing when the stream is not a terminal, in CI (`CI` set), with --quiet, or for TERM=dumb, so piped and
 * logged output stays clean.
 */
export function createProgress(opts: ProgressOptions = {}): Progress {
  const stream = opts.stream ?? process.stderr;
  const env = opts.env ?? process.env;
  const now = opts.now ?? Date.now;
  const enabled =
    !opts.quiet && stream.isTTY === true && !env.CI && env.TERM !== 'dumb' && env.MAGEUP_NO_PROGRESS === undefined;
  let label = '';
  let started = now();
  let lastDraw = 0;
  let drawn = false;
  const draw = (line: string): void => {
    const width = Math.max(20, (stream.columns ?? 80) - 1);
    stream.write(`\r\x1b[K${line.length > width ? line.slice(0, width) : line}`);
    drawn = true;
  };
  return {
    enabled,
    phase(next) {
      if (!enabled) return;
      label = next;
      started = now();
      draw(`${label}…`);
    },
    update(done, total, unit = 'files') {
      if (!enabled) return;
      const t = now();
      if (t - lastDraw < 100 && done < total) return;
      lastDraw = t;
      draw(formatProgress(label || 'working', done, total, (t - started) / 1000, unit));
    },
    finish() {
      if (enabled && drawn) stream.write('\r\x1b[K');
      drawn = false;
    },
  };
}

/** The progress line for `done`/`total` after `seconds`. */
export function formatProgress(label: string, done: number, total: number, seconds: number, unit = 'files'): string {
  const width = 20;
  const ratio = total > 0 ? Math.min(1, done / total) : 0;
  const filled = Math.round(ratio * width);
  const rate = seconds > 0 ? done / seconds : 0;
  const eta = rate > 0 && total > done ? Math.ceil((total - done) / rate) : 0;
  return (
    `${label} ${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${done}/${total} ${unit}` +
    (rate > 0 ? ` · ${Math.round(rate)} ${unit}/s` : '') +
    (done < total && rate > 0 ? ` · ETA ${formatSeconds(eta)}` : '')
  );
}

function formatSeconds(s: number): string {
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
