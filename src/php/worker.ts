/**
 * Analyses a batch of files: the piscina worker entry (each worker thread holds its own tree-sitter parser), also
 * called directly when the pool runs inline.
 */
import type { Problem } from '../core/problem.js';
import { analyzeSource, readSource, type FileToAnalyze } from './analyze-file.js';
import { AnalysisCache, type BatchOutcome } from './cache.js';
import { sharedPhpParser } from './parser.js';
import type { PhpFileAnalysis } from './types.js';

export interface AnalyzeBatch {
  files: FileToAnalyze[];
  cacheDir: string | null;
  maxFileBytes: number;
  declarationsOnly: boolean;
}

export type AnalyzeBatchResult = BatchOutcome;

let cache: { dir: string; cache: AnalysisCache } | undefined;

function cacheFor(dir: string): AnalysisCache {
  if (cache?.dir !== dir) cache = { dir, cache: new AnalysisCache(dir) };
  return cache.cache;
}

export default async function analyzeBatch(batch: AnalyzeBatch): Promise<AnalyzeBatchResult> {
  const sources = batch.files.map((target) => readSource(target, batch));
  const activeCache = batch.cacheDir !== null ? cacheFor(batch.cacheDir) : undefined;
  const key = activeCache?.key(
    batch.declarationsOnly,
    batch.maxFileBytes,
    sources.map((s) => ({ file: s.file, state: s.hash ?? s.problem!.code })),
  );
  if (activeCache && key !== undefined) {
    const cached = activeCache.get(key, sources.length);
    if (cached) return cached;
  }
  const parser = await sharedPhpParser();
  const results: (PhpFileAnalysis | null)[] = [];
  const problems: Problem[] = [];
  for (const source of sources) {
    if (source.problem) {
      results.push(null);
      problems.push(source.problem);
      continue;
    }
    const outcome = analyzeSource(parser, source, batch);
    results.push(outcome.result ?? null);
    problems.push(...outcome.problems);
  }
  const outcome = { results, problems };
  if (activeCache && key !== undefined) await activeCache.set(key, outcome);
  return outcome;
}
