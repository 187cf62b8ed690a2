import { closeSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Finding } from '../../core/finding.js';

/** A few lines of source around a finding. */
export interface Excerpt {
  /** Line number of `lines[0]`. */
  firstLine: number;
  lines: string[];
  /** The finding's line. */
  line: number;
}

const MAX_FILE_BYTES = 2 * 1024 * 1024;
/**
 * Files whose lines are never quoted: they hold credentials, keys and the admin path (env.php, auth.json, .env files).
 * A finding there keeps its file and line; the report just shows no code.
 */
const SECRET_FILES = /(^|\/)(env\.php|auth\.json|\.env(\.[\w.-]+)?)$/i;
const MAX_LINE_CHARS = 300;

/**
 * Reads `context` lines either side of each finding's line from the project tree. Only files inside `root` (after
 * resolving symlinks) and under 2 MB are read; a file that cannot be read simply has no excerpt. Rules never read
 * the disk: this runs in the report layer, on the tree that was just checked.
 */
export function readExcerpts(root: string, findings: Finding[], context = 2): Map<string, Excerpt> {
  const out = new Map<string, Excerpt>();
  const files = new Map<string, string[] | null>();
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    return out;
  }
  for (const f of findings) {
    if (!f.file || !f.line || out.has(f.fingerprint) || SECRET_FILES.test(f.file)) continue;
    let lines = files.get(f.file);
    if (lines === undefined) {
      lines = readLines(realRoot, f.file);
      files.set(f.file, lines);
    }
    if (!lines || f.line > lines.length) continue;
    const first = Math.max(1, f.line - context);
    const last = Math.min(lines.length, f.line + context);
    out.set(f.fingerprint, {
      firstLine: first,
      line: f.line,
      lines: lines
        .slice(first - 1, last)
        .map((l) => (l.length > MAX_LINE_CHARS ? `${l.slice(0, MAX_LINE_CHARS)}…` : l)),
    });
  }
  return out;
}

function readLines(realRoot: string, file: string): string[] | null {
  try {
    const real = realpathSync(resolve(realRoot, file));
    const rel = relative(realRoot, real);
    if (rel.startsWith('..') || isAbsolute(rel)) return null;
    const size = statSync(real).size;
    if (size > MAX_FILE_BYTES) return null;
    const buffer = Buffer.alloc(size);
    const fd = openSync(real, 'r');
    try {
      readSync(fd, buffer, 0, size, 0);
    } finally {
      closeSync(fd);
    }
    return buffer.toString('utf8').split(/\r?\n/);
  } catch {
    return null;
  }
}
