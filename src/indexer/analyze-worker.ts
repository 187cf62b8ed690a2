import { readFile } from 'node:fs/promises';
import { analyzePhp } from '../php/analyze.js';
import type { DeclarationJob, FileDeclarations } from './declarations.js';
import { addDocTypes } from './doc-types.js';
import { maskReservedClassNames, unmaskClassNames } from './reserved-names.js';

/**
 * Piscina worker: analyses a batch of PHP files and returns only their declarations (sending references back to the
 * main thread would cost more than parsing). A file that cannot be read or analysed becomes a failure entry.
 */
export default async function analyzeBatch(jobs: DeclarationJob[]): Promise<FileDeclarations[]> {
  const out: FileDeclarations[] = [];
  for (const job of jobs) {
    try {
      const source = job.source ?? (await readFile(job.path ?? job.file, 'utf8'));
      let analysis = await analyzePhp(source, job.file, { declarationsOnly: true });
      const masked = analysis.errors.length > 0 ? maskReservedClassNames(source) : undefined;
      if (masked) {
        const retry = await analyzePhp(masked.source, job.file, { declarationsOnly: true });
        if (retry.errors.length < analysis.errors.length) {
          unmaskClassNames(retry.classes, masked.masked);
          analysis = retry;
        }
      }
      addDocTypes(source, analysis.classes);
      out.push({ file: job.file, classes: analysis.classes, functions: analysis.functions, errors: analysis.errors });
    } catch (error) {
      out.push({ file: job.file, classes: [], functions: [], errors: [], failure: (error as Error).message });
    }
  }
  return out;
}
