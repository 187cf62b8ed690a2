import { readFile } from 'node:fs/promises';
import { analyzePhp } from '../php/analyze.js';
import type { DeclarationJob, FileDeclarations } from './declarations.js';
import { addDocTypes } from './doc-types.js';

/**
 * Piscina worker: analyses a batch of PHP files and returns only their declarations (sending references back to the
 * main thread would cost more than parsing). A file that cannot be read or analysed becomes a failure entry.
 */
export default async function analyzeBatch(jobs: DeclarationJob[]): Promise<FileDeclarations[]> {
  const out: FileDeclarations[] = [];
  for (const job of jobs) {
    try {
      const source = job.source ?? (await readFile(job.path ?? job.file, 'utf8'));
      // analyzePhp reads classes named after reserved words (`class Match`) from a masked copy.
      const analysis = await analyzePhp(source, job.file, { declarationsOnly: true });
      addDocTypes(source, analysis.classes);
      out.push({ file: job.file, classes: analysis.classes, functions: analysis.functions, errors: analysis.errors });
    } catch (error) {
      out.push({ file: job.file, classes: [], functions: [], errors: [], failure: (error as Error).message });
    }
  }
  return out;
}
