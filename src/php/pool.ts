import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { Problem } from '../core/problem.js';
import { DEFAULT_MAX_FILE_BYTES, type FileToAnalyze } from './analyze-file.js';
import { defaultPhpCacheDir } from './cache.js';
import type { PhpFileAnalysis } from './types.js';
import analyzeBatch, { type AnalyzeBatch, type AnalyzeBatchResult } from './worker.js';

export type { FileToAnalyze } from './analyze-file.js';

export interface AnalyzeFilesOptions {
  /** Worker threads; default `os.availableParallelism()`. 1 analyses in this thread, without a pool. */
  workers?: number;
  /** Cache directory; default `$XDG_CACHE_HOME/mageup/php` (or `~/.cache/mageup/php`); `false` disables caching. */
  cacheDir?: string | false;
  /** Called after each batch with the number of files done so far. */
  onProgress?(done: number, total: number): void;
  /** Files larger than this are reported (`file-too-large`) and skipped; default 10 MB. */
  maxFileBytes?: number;
  /** Declarations only (no references): what the API indexer needs, much faster. */
  declarationsOnly?: boolean;
}

export interface AnalyzeFilesResult {
  /** One analysis per file that could be read, in input order. */
  results: PhpFileAnalysis[];
  /** Unreadable, binary, too large, syntax errors (partial analysis), analyzer failures: one per file at most. */
  problems: Problem[];
}

/**
 * Batches (worker tasks and cache entries) end after a file whose path hashes to 0 modulo this, so about this many
 * files each: boundaries depend on paths, not positions, and adding a file changes only its own batch.
 */
const BATCH_TARGET = 48;
const BATCH_MIN = 8;
const BATCH_MAX = 160;

/** Below this many files, starting worker threads (each loads the grammar) costs more than it saves. */
const INLINE_BELOW = 128;

/**
 * Analyses many PHP files in parallel (piscina worker threads, each with its own tree-sitter parser; small sets run
 * in this thread), with a content-hash cache so a second run over the same tree is near-instant. Never throws for a
 * bad file.
 */
export async function analyzeFiles(
  files: FileToAnalyze[],
  options: AnalyzeFilesOptions = {},
): Promise<AnalyzeFilesResult> {
  const total = files.length;
  const workers = Math.max(1, Math.floor(options.workers ?? availableParallelism()));
  const cacheDir = options.cacheDir === false ? null : (options.cacheDir ?? defaultPhpCacheDir());
  const batches: AnalyzeBatch[] = splitIntoBatches(files).map((batchFiles) => ({
    files: batchFiles,
    cacheDir,
    maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    declarationsOnly: options.declarationsOnly === true,
  }));
  let done = 0;
  const collect = (batch: AnalyzeBatch, outcome: AnalyzeBatchResult): AnalyzeBatchResult => {
    done += batch.files.length;
    options.onProgress?.(done, total);
    return outcome;
  };

  let outcomes: AnalyzeBatchResult[];
  if (workers === 1 || batches.length <= 1 || total < INLINE_BELOW) {
    outcomes = [];
    for (const batch of batches) outcomes.push(collect(batch, await analyzeBatchSafely(batch)));
  } else {
    const pool = createPool(Math.min(workers, batches.length));
    try {
      outcomes = await Promise.all(
        batches.map(async (batch) => {
          let outcome: AnalyzeBatchResult;
          try {
            outcome = (await pool.run(batch)) as AnalyzeBatchResult;
          } catch {
            // A worker that died (out of memory in wasm, say) must not lose the run: redo its batch here.
            outcome = await analyzeBatchSafely(batch);
          }
          return collect(batch, outcome);
        }),
      );
    } finally {
      await pool.destroy();
    }
  }

  const results: PhpFileAnalysis[] = [];
  const problems: Problem[] = [];
  for (const outcome of outcomes) {
    for (const result of outcome.results) if (result) results.push(result);
    problems.push(...outcome.problems);
  }
  return { results, problems };
}

/** Analyses a batch in this thread; if even that fails, every file of the batch becomes a problem. */
async function analyzeBatchSafely(batch: AnalyzeBatch): Promise<AnalyzeBatchResult> {
  try {
    return await analyzeBatch(batch);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      results: batch.files.map(() => null),
      problems: batch.files.map(({ file }) => ({
        code: 'php-analysis-failed',
        level: 'error' as const,
        file,
        message: `${file}: could not be analysed (${reason})`,
      })),
    };
  }
}

/** Content-defined batch boundaries (see BATCH_TARGET). */
export function splitIntoBatches<T extends { file: string }>(files: T[]): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  for (const f of files) {
    current.push(f);
    if (current.length >= BATCH_MAX || (current.length >= BATCH_MIN && fnv1a(f.file) % BATCH_TARGET === 0)) {
      batches.push(current);
      current = [];
    }
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** 32-bit FNV-1a: a fast, stable string hash (not for security). */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * The worker module sits beside this one: `worker.ts` when running from sources under tsx (tests, which then need
 * the tsx loader in the worker too), `worker.js` when built.
 */
function createPool(threads: number): Piscina {
  const fromSource = import.meta.url.endsWith('.ts');
  const filename = fileURLToPath(new URL(fromSource ? './worker.ts' : './worker.js', import.meta.url));
  return new Piscina({
    filename,
    minThreads: threads,
    maxThreads: threads,
    execArgv: fromSource ? ['--import', 'tsx'] : [],
  });
}
