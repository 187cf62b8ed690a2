import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';

/** Longer lines are cut here: a log line is never this long, and a file without newlines must not fill memory. */
export const MAX_LINE_BYTES = 64 * 1024;

export interface LineStats {
  /** Lines read (a cut line counts once). */
  lines: number;
  bytes: number;
  /** Lines holding NUL or other binary bytes: skipped. */
  binary: number;
  /** Lines longer than MAX_LINE_BYTES: their tail was dropped. */
  cut: number;
  /** The last line had no newline (a file being written, or cut off). */
  unterminated: boolean;
  /** Bytes from the start offset through the last newline: where a follower resumes. */
  complete: number;
  /** Gzip stream ended early or was corrupt: the lines before the damage were read. */
  gzipError?: string;
}

export interface ReadLinesOptions {
  /** Byte offset to start at (plain files only; used by --follow). */
  start?: number;
  /** Called per line with its text (latin1-safe UTF-8 decoding) — no line is kept after the call. */
  onLine(line: string): void;
  /** Hold back a last line without newline (it is still being written). Default: emit it. */
  holdUnterminated?: boolean;
}

/** True when the file begins with the gzip magic bytes (rotated `.gz` files, whatever their name). */
export async function isGzip(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/**
 * Streams a log file line by line (gunzipping it when it is gzip) with constant memory: chunks are split on `\n`
 * here rather than by readline, so a line is cut at MAX_LINE_BYTES instead of growing without bound (a sparse or
 * binary file of gigabytes without a newline). Binary lines are counted and skipped.
 */
export async function readLines(file: string, opts: ReadLinesOptions): Promise<LineStats> {
  const stats: LineStats = { lines: 0, bytes: 0, binary: 0, cut: 0, unterminated: false, complete: 0 };
  const gz = await isGzip(file);
  const raw = createReadStream(file, { start: gz ? 0 : (opts.start ?? 0), highWaterMark: 1 << 20 });
  let source: Readable = raw;
  if (gz) {
    const gunzip = createGunzip();
    raw.on('error', (e) => gunzip.destroy(e));
    source = raw.pipe(gunzip);
  }
  // Pieces of the current line (a line can span chunks) and their length; beyond the cap only the length grows.
  let pending: Buffer[] = [];
  let pendingLength = 0;
  let lineLength = 0;
  const emit = (): void => {
    stats.lines++;
    if (lineLength > MAX_LINE_BYTES) stats.cut++;
    const buf = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingLength);
    pending = [];
    pendingLength = 0;
    lineLength = 0;
    if (isBinary(buf)) {
      stats.binary++;
      return;
    }
    let end = buf.length;
    if (end > 0 && buf[end - 1] === 0x0d) end--;
    opts.onLine(buf.toString('utf8', 0, end));
  };
  const keep = (chunk: Buffer, from: number, to: number): void => {
    lineLength += to - from;
    const room = MAX_LINE_BYTES - pendingLength;
    if (room <= 0) return;
    const piece = chunk.subarray(from, Math.min(to, from + room));
    pending.push(piece);
    pendingLength += piece.length;
  };
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      stats.bytes += chunk.length;
      let pos = 0;
      for (;;) {
        const nl = chunk.indexOf(10, pos);
        if (nl < 0) break;
        keep(chunk, pos, nl);
        emit();
        pos = nl + 1;
        stats.complete = stats.bytes - chunk.length + pos;
      }
      if (pos < chunk.length) keep(chunk, pos, chunk.length);
    }
  } catch (error) {
    if (!gz) throw error;
    stats.gzipError = (error as Error).message;
  }
  if (lineLength > 0) {
    stats.unterminated = true;
    if (!opts.holdUnterminated) emit();
  }
  return stats;
}

/** NUL bytes, or mostly control bytes: not text. Checks the first 512 bytes only (the rest follows suit). */
function isBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, 512);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = buf[i]!;
    if (c === 0) return true;
    if (c < 9 || (c > 13 && c < 32)) control++;
  }
  return control > 8 && control * 10 > n;
}
