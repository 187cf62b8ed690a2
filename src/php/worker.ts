/**
 * Piscina worker: analyses a batch of files. Each worker thread holds its own tree-sitter parser and cache handle.
 */
import type { Problem } from '../core/problem.js';
import { analyzeFileOnDisk, type FileToAnalyze } from './analyze-file.js';
import { AnalysisCache } from './cache.js';
import { sharedPhpParser } from './parser.js';
import type { PhpFileAnalysis } from './types.js';

export interface AnalyzeBatch {
  files: FileToAnalyze[];
  cacheDir: string | null;
  maxFileBytes: number;
  declarationsOnly: boolean;
}

export interface AnalyzeBatchResult {
  /** One entry per input file, in order; null when the file could not be analysed (see problems). */
  results: (PhpFileAnalysis | null)[];
  problems: Problem[];
}

let cache: { dir: string; cache: AnalysisCache } | undefined;

export default async function analyzeBatch(batch: AnalyzeBatch): Promise<AnalyzeBatchResult> {
  const parser = await sharedPhpParser();
  if (batch.cacheDir !== null && cache?.dir !== batch.cacheDir) {
    cache = { dir: batch.cacheDir, cache: new AnalysisCache(batch.cacheDir) };
  }
  const activeCache = batch.cacheDir !== null ? cache?.cache : undefined;
  const results: (PhpFileAnalysis | null)[] = [];
  const problems: Problem[] = [];
  for (const target of batch.files) {
    const outcome = analyzeFileOnDisk(parser, target, batch, activeCache);
    results.push(outcome.result ?? null);
    problems.push(...outcome.problems);
  }
  return { results, problems };
}
