import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { Problem } from '../core/problem.js';
import { analyzePhpWith } from './analyze.js';
import type { AnalysisCache } from './cache.js';
import type { PhpParser } from './parser.js';
import type { PhpFileAnalysis } from './types.js';

export interface FileToAnalyze {
  /** Absolute path to read. */
  path: string;
  /** Path relative to the analysed root, reported in results and problems. */
  file: string;
}

export interface FileAnalysisOutcome {
  result?: PhpFileAnalysis;
  problems: Problem[];
}

export interface FileAnalysisSettings {
  maxFileBytes: number;
  declarationsOnly: boolean;
}

/** Real trees hold files over 10 MB with a .php name (dumps, generated fixtures): not worth parsing. */
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

/** How many leading bytes are inspected for NUL to recognise a binary file (macOS `._*` files, images). */
const BINARY_SNIFF_BYTES = 8000;

/**
 * Reads, checks and analyses one file (through the cache when given). Never throws: whatever goes wrong becomes a
 * Problem naming the file.
 */
export function analyzeFileOnDisk(
  parser: PhpParser,
  target: FileToAnalyze,
  settings: FileAnalysisSettings,
  cache: AnalysisCache | undefined,
): FileAnalysisOutcome {
  const { file } = target;
  let content: Buffer;
  try {
    const size = statSync(target.path).size;
    if (size > settings.maxFileBytes) {
      return problem({
        code: 'file-too-large',
        level: 'warning',
        file,
        message: `${file}: ${formatBytes(size)} is over the ${formatBytes(settings.maxFileBytes)} limit, not analysed`,
      });
    }
    content = readFileSync(target.path);
  } catch (error) {
    return problem({
      code: 'file-unreadable',
      level: 'error',
      file,
      message: `${file}: cannot read (${reason(error)})`,
    });
  }
  if (content.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
    return problem({ code: 'file-binary', level: 'warning', file, message: `${file}: binary content, not PHP source` });
  }
  const hash = createHash('sha1').update(content).digest('hex');
  const key = cache?.key(hash, settings.declarationsOnly);
  let result = key !== undefined ? cache!.get(key, file) : undefined;
  if (!result) {
    try {
      result = analyzePhpWith(parser, content.toString('utf8'), file, settings, hash);
    } catch (error) {
      return problem({
        code: 'php-analysis-failed',
        level: 'error',
        file,
        message: `${file}: could not be analysed (${reason(error)})`,
      });
    }
    if (key !== undefined) cache!.set(key, result);
  }
  const problems: Problem[] = [];
  const first = result.errors[0];
  if (first) {
    const more = result.errors.length > 1 ? ` (and ${result.errors.length - 1} more)` : '';
    problems.push({
      code: 'php-syntax',
      level: 'warning',
      file,
      line: first.line,
      message: `${file}:${first.line}:${first.column}: ${first.message}${more}; the rest of the file was analysed`,
    });
  }
  return { result, problems };
}

function problem(p: Problem): FileAnalysisOutcome {
  return { problems: [p] };
}

function reason(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.message : String(error);
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
