import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { Problem } from '../core/problem.js';
import { analyzePhpWith } from './analyze.js';
import type { PhpParser } from './parser.js';
import type { PhpFileAnalysis } from './types.js';

export interface FileToAnalyze {
  /** Absolute path to read. */
  path: string;
  /** Path relative to the analysed root, reported in results and problems. */
  file: string;
  /** The file's text when it is not read from `path` (`mageup fix` re-checks its fixed files without writing them). */
  content?: string;
}

export interface FileAnalysisSettings {
  maxFileBytes: number;
  declarationsOnly: boolean;
}

/** A file read for analysis, or the problem that keeps it from being analysed. */
export type SourceFile =
  | { file: string; content: string; hash: string; problem?: undefined }
  | { file: string; problem: Problem; content?: undefined; hash?: undefined };

/** Real trees hold files over 10 MB with a .php name (dumps, generated fixtures): not worth parsing. */
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

/** How many leading bytes are inspected for NUL to recognise a binary file (macOS `._*` files, images). */
const BINARY_SNIFF_BYTES = 8000;

/** Reads a file, refusing what is too large, unreadable or binary. Never throws. */
export function readSource(target: FileToAnalyze, settings: FileAnalysisSettings): SourceFile {
  const { file } = target;
  let bytes: Buffer;
  if (target.content !== undefined) {
    const given = Buffer.from(target.content, 'utf8');
    return { file, content: target.content, hash: createHash('sha1').update(given).digest('hex') };
  }
  try {
    const size = statSync(target.path).size;
    if (size > settings.maxFileBytes) {
      return {
        file,
        problem: {
          code: 'file-too-large',
          level: 'warning',
          file,
          message: `${file}: ${formatBytes(size)} is over the ${formatBytes(settings.maxFileBytes)} limit, not analysed`,
        },
      };
    }
    bytes = readFileSync(target.path);
  } catch (error) {
    return {
      file,
      problem: { code: 'file-unreadable', level: 'error', file, message: `${file}: cannot read (${reason(error)})` },
    };
  }
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
    return {
      file,
      problem: { code: 'file-binary', level: 'warning', file, message: `${file}: binary content, not PHP source` },
    };
  }
  return { file, content: bytes.toString('utf8'), hash: createHash('sha1').update(bytes).digest('hex') };
}

/** Analyses a file read by readSource: the analysis, plus a `php-syntax` problem when it did not fully parse. */
export function analyzeSource(
  parser: PhpParser,
  source: { file: string; content: string; hash: string },
  settings: FileAnalysisSettings,
): { result?: PhpFileAnalysis; problems: Problem[] } {
  const { file } = source;
  let result: PhpFileAnalysis;
  try {
    result = analyzePhpWith(parser, source.content, file, settings, source.hash);
  } catch (error) {
    const message = `${file}: could not be analysed (${reason(error)})`;
    return { problems: [{ code: 'php-analysis-failed', level: 'error', file, message }] };
  }
  const first = result.errors[0];
  if (!first) return { result, problems: [] };
  const more = result.errors.length > 1 ? ` (and ${result.errors.length - 1} more)` : '';
  return {
    result,
    problems: [
      {
        code: 'php-syntax',
        level: 'warning',
        file,
        line: first.line,
        message: `${file}:${first.line}:${first.column}: ${first.message}${more}; the rest of the file was analysed`,
      },
    ],
  };
}

function reason(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.message : String(error);
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
