import { closeSync, openSync, readdirSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs';
import type { Dirent, Stats } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Problem } from '../core/problem.js';

/** Files above this size are never read: real trees hold database dumps and archives next to code. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface WalkedFile {
  /** Path relative to the project root, forward slashes. */
  path: string;
  abs: string;
  size: number;
}

export interface WalkOptions {
  /** Project root: paths in results and problems are relative to it. */
  root: string;
  problems: Problem[];
  /** Return false to skip a directory (name is the entry name, rel the root-relative path). */
  enterDir?: (name: string, rel: string) => boolean;
  /** Return false to leave a file out of the result (cheap name test; nothing is read). */
  acceptFile?: (name: string, rel: string) => boolean;
  /** Real paths of directories already walked, shared across walks so overlapping dirs are listed once. */
  visited?: Set<string>;
}

/**
 * Lists the files below `dir` without reading them. Follows symlinks but never loops (real paths of directories on the
 * current branch are tracked); skips files over 10 MB and AppleDouble `._*.php` files that are binary; unreadable
 * directories and broken links become problems. Results are sorted by path.
 */
export function walkFiles(dir: string, opts: WalkOptions): WalkedFile[] {
  const out: WalkedFile[] = [];
  const visited = opts.visited ?? new Set<string>();
  let realDir: string;
  try {
    realDir = realpathSync(dir);
  } catch (e) {
    opts.problems.push(fsProblem(e, rel(opts.root, dir)));
    return out;
  }
  walkDir(dir, realDir, new Set([realDir]), visited, opts, out);
  out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return out;
}

function walkDir(
  dir: string,
  realDir: string,
  ancestors: Set<string>,
  visited: Set<string>,
  opts: WalkOptions,
  out: WalkedFile[],
): void {
  if (visited.has(realDir)) return;
  visited.add(realDir);
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    opts.problems.push(fsProblem(e, rel(opts.root, dir)));
    return;
  }
  for (const entry of entries) {
    const abs = join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    let stats: Stats | undefined;
    if (entry.isSymbolicLink()) {
      try {
        stats = statSync(abs);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        opts.problems.push(
          code === 'ELOOP'
            ? loopProblem(rel(opts.root, abs))
            : {
                code: 'broken-symlink',
                level: 'warning',
                file: rel(opts.root, abs),
                message: `${rel(opts.root, abs)} is a symbolic link to nothing readable (${code ?? 'error'}); skipped`,
              },
        );
        continue;
      }
      isDir = stats.isDirectory();
      isFile = stats.isFile();
    }
    const relPath = rel(opts.root, abs);
    if (isDir) {
      if (opts.enterDir && !opts.enterDir(entry.name, relPath)) continue;
      let realChild: string;
      try {
        realChild = entry.isSymbolicLink() ? realpathSync(abs) : join(realDir, entry.name);
      } catch (e) {
        opts.problems.push(fsProblem(e, relPath));
        continue;
      }
      if (ancestors.has(realChild)) {
        opts.problems.push(loopProblem(relPath));
        continue;
      }
      ancestors.add(realChild);
      walkDir(abs, realChild, ancestors, visited, opts, out);
      ancestors.delete(realChild);
    } else if (isFile) {
      if (opts.acceptFile && !opts.acceptFile(entry.name, relPath)) continue;
      try {
        stats ??= statSync(abs);
      } catch (e) {
        opts.problems.push(fsProblem(e, relPath));
        continue;
      }
      if (stats.size > MAX_FILE_BYTES) {
        opts.problems.push(tooLargeProblem(relPath, stats.size));
        continue;
      }
      if (entry.name.startsWith('._') && /\.(php|phtml)$/.test(entry.name) && isBinaryFile(abs)) {
        opts.problems.push(binaryProblem(relPath));
        continue;
      }
      out.push({ path: relPath, abs, size: stats.size });
    }
  }
}

/** Lists the immediate subdirectory names of `dir` (following symlinks), sorted; [] when absent. */
export function listDirs(dir: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const names: string[] = [];
  for (const entry of entries) {
    if (entry.isDirectory()) names.push(entry.name);
    else if (entry.isSymbolicLink()) {
      try {
        if (statSync(join(dir, entry.name)).isDirectory()) names.push(entry.name);
      } catch {
        // a broken link is not a directory
      }
    }
  }
  return names.sort();
}

export type ReadResult = { ok: true; text: string } | { ok: false; missing: boolean };

/**
 * Reads a text file for analysis. Missing files are not problems (callers decide); unreadable, oversized and binary
 * files are reported with their path and give `{ ok: false }`.
 */
export function readTextFile(abs: string, root: string, problems: Problem[]): ReadResult {
  const path = rel(root, abs);
  let buffer: Buffer;
  try {
    const stats = statSync(abs);
    if (!stats.isFile()) return { ok: false, missing: true };
    if (stats.size > MAX_FILE_BYTES) {
      problems.push(tooLargeProblem(path, stats.size));
      return { ok: false, missing: false };
    }
    buffer = readFileSync(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, missing: true };
    problems.push(code === 'ELOOP' ? loopProblem(path) : fsProblem(e, path));
    return { ok: false, missing: false };
  }
  if (buffer.subarray(0, 8192).includes(0)) {
    problems.push(binaryProblem(path));
    return { ok: false, missing: false };
  }
  return { ok: true, text: buffer.toString('utf8').replace(/^\uFEFF/, '') };
}

/** True when the first 8 KB hold a NUL byte (text source never does). */
export function isBinaryFile(abs: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(abs, 'r');
    const buffer = Buffer.alloc(8192);
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, n).includes(0);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Root-relative path with forward slashes. */
export function rel(root: string, abs: string): string {
  const r = relative(root, abs);
  return sep === '/' ? r : r.split(sep).join('/');
}

function fsProblem(e: unknown, path: string): Problem {
  const code = (e as NodeJS.ErrnoException).code ?? 'error';
  // Node's message repeats the absolute path after a comma: keep only `CODE: description`.
  const reason =
    code === 'EACCES' || code === 'EPERM'
      ? 'permission denied'
      : e instanceof Error
        ? (e.message.split(',')[0] ?? e.message)
        : String(e);
  return {
    code: code === 'EACCES' || code === 'EPERM' ? 'unreadable' : 'fs-error',
    level: 'error',
    file: path,
    message: `${path} cannot be read (${reason}); skipped`,
  };
}

function loopProblem(path: string): Problem {
  return {
    code: 'symlink-loop',
    level: 'warning',
    file: path,
    message: `${path} is a symbolic link that loops back to one of its parent directories; not followed`,
  };
}

function tooLargeProblem(path: string, size: number): Problem {
  return {
    code: 'file-too-large',
    level: 'warning',
    file: path,
    message: `${path} is ${(size / 1024 / 1024).toFixed(1)} MB, over the 10 MB limit for analysed files; skipped`,
  };
}

function binaryProblem(path: string): Problem {
  return {
    code: 'binary-file',
    level: 'warning',
    file: path,
    message: `${path} has a source-code name but binary content (NUL bytes; e.g. a macOS \`._*\` resource fork); skipped`,
  };
}
