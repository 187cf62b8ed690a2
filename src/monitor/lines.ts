import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/** Longer lines are cut here: a log line is never this long, and a file without newlines must not fill memory. */
export const MAX_LINE_BYTES = 64 * 1024;
/** Chunks are decoded to strings this many bytes at a time (below V8's large-object size). */
const DECODE_BYTES = 64 * 1024;

export interface LineStats {
  /** Lines read (a cut line counts once). */
  lines: number;
  bytes: number;
  /** Lines holding NUL bytes (binary garbage, the hole of a sparse file): skipped. */
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
  /** Byte offset to start at (plain files only; used by --follow and by the workers' chunks). */
  start?: number;
  /** Byte offset to stop before (plain files only: a worker's chunk, which ends after a newline). */
  end?: number;
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
  const raw = createReadStream(file, {
    start: gz ? 0 : (opts.start ?? 0),
    ...(!gz && opts.end !== undefined ? { end: opts.end - 1 } : {}),
    highWaterMark: 1 << 20,
  });
  let source: Readable = raw;
  if (gz) {
    const gunzip = createGunzip();
    raw.on('error', (e) => gunzip.destroy(e));
    source = raw.pipe(gunzip);
  }
  // Chunks are decoded whole (a StringDecoder keeps a character split between chunks) and split on '\n' as
  // strings: far cheaper than a Buffer per line. `carry` is the start of a line that spans chunks, capped.
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let carryBytes = 0;
  const emit = (line: string, bytes: number): void => {
    stats.lines++;
    if (bytes > MAX_LINE_BYTES) stats.cut++;
    if (line.indexOf('\0') >= 0) {
      stats.binary++;
      return;
    }
    opts.onLine(line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line);
  };
  const split = (text: string): void => {
    let pos = 0;
    for (;;) {
      const nl = text.indexOf('\n', pos);
      if (nl < 0) break;
      if (carryBytes > 0) {
        const piece = text.slice(pos, Math.min(nl, pos + Math.max(0, MAX_LINE_BYTES - carry.length)));
        emit(carry + piece, carryBytes + (nl - pos));
        carry = '';
        carryBytes = 0;
      } else {
        emit(nl - pos > MAX_LINE_BYTES ? text.slice(pos, pos + MAX_LINE_BYTES) : text.slice(pos, nl), nl - pos);
      }
      pos = nl + 1;
    }
    if (pos < text.length) {
      if (carry.length < MAX_LINE_BYTES) carry += text.slice(pos, pos + (MAX_LINE_BYTES - carry.length));
      carryBytes += text.length - pos;
    }
  };
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      const before = stats.bytes;
      stats.bytes += chunk.length;
      // Decoded in pieces of DECODE_BYTES: V8 makes a longer string in its large-object space, several times
      // slower to allocate and collect (1 MB pieces cost 5× the CPU of 64 KiB ones).
      for (let at = 0; at < chunk.length; at += DECODE_BYTES) {
        split(decoder.write(at === 0 && chunk.length <= DECODE_BYTES ? chunk : chunk.subarray(at, at + DECODE_BYTES)));
      }
      const lastNl = chunk.lastIndexOf(10);
      if (lastNl >= 0) stats.complete = before + lastNl + 1;
    }
  } catch (error) {
    if (!gz) throw error;
    stats.gzipError = (error as Error).message;
  }
  carry += decoder.end();
  if (carryBytes > 0 || carry.length > 0) {
    stats.unterminated = true;
    if (!opts.holdUnterminated) emit(carry, Math.max(carryBytes, carry.length));
  }
  return stats;
}
