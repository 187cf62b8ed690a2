// The PHP layer's public API: analyse one source or many files (worker pool + cache), and the shapes they return.
export { analyzePhp, analyzePhpWith, type AnalyzeOptions } from './analyze.js';
export { analyzeFiles, splitIntoBatches, type AnalyzeFilesOptions, type AnalyzeFilesResult } from './pool.js';
export type { FileToAnalyze } from './analyze-file.js';
export { DEFAULT_MAX_FILE_BYTES } from './analyze-file.js';
export { defaultPhpCacheDir } from './cache.js';
export { NameScope, isBuiltinType, isSpecialClassName } from './names.js';
export { sharedPhpParser, PhpParser } from './parser.js';
export { ANALYZER_VERSION } from './version.js';
export type * from './types.js';
