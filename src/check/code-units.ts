// The code under check: the project's custom and third-party extension PHP files, analysed once for every target.
import { join } from 'node:path';
import type { Problem } from '../core/problem.js';
import { analyzeFiles } from '../php/pool.js';
import { codeFiles } from '../project/code-files.js';
import type { ProjectModel } from '../project/model.js';
import type { CodeUnit } from '../rules/rule.js';
import { withoutShadowedCopies } from './shadowed-copies.js';

export interface CodeUnitOptions {
  only: 'custom' | 'all';
  /** Packages whose code is not analysed (bundled with Magento, unless `--include-bundled`). */
  skipPackages?: ReadonlySet<string>;
  workers?: number;
  cacheDir?: string | false;
  onProgress?(done: number, total: number): void;
  problems: Problem[];
  /** Text to analyse instead of the file on disk, by path relative to the root (`mageup fix` re-checks its fixes). */
  overlay?: ReadonlyMap<string, string>;
}

/**
 * Analyses the files `codeFiles(model)` lists (custom only with `only: 'custom'`, bundled packages left out unless
 * asked); core code is never among them. Copies of a class file that the autoloader never loads are left out.
 */
export async function buildCodeUnits(model: ProjectModel, opts: CodeUnitOptions): Promise<CodeUnit[]> {
  const files = codeFiles(model).filter(
    (f) => (opts.only === 'all' || f.origin === 'custom') && !(f.package !== null && opts.skipPackages?.has(f.package)),
  );
  if (files.length === 0) return [];
  const { results, problems } = await analyzeFiles(
    files.map((f) => {
      const content = opts.overlay?.get(f.file);
      return { path: join(model.root, f.file), file: f.file, ...(content !== undefined ? { content } : {}) };
    }),
    { workers: opts.workers, cacheDir: opts.cacheDir, onProgress: opts.onProgress },
  );
  opts.problems.push(...problems);
  const byFile = new Map(files.map((f) => [f.file, f]));
  const units: CodeUnit[] = [];
  for (const analysis of results) {
    const source = byFile.get(analysis.file);
    if (!source) continue;
    units.push({ analysis, package: source.package, module: source.module, origin: source.origin });
  }
  return withoutShadowedCopies(units, opts.problems);
}
