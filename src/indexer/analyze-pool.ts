import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { DeclarationJob, FileDeclarations } from './declarations.js';

/** Files per worker task: enough to amortise messaging, small enough to keep both cores busy to the end. */
const BATCH = 48;

/**
 * A pool of PHP declaration workers (tree-sitter wasm, one parser per thread). Jobs are sent in batches; results come
 * back in job order. `workers: 0` or 1 still uses one worker thread so the main thread stays responsive.
 */
export class DeclarationPool {
  private readonly pool: Piscina;

  constructor(workers = Math.max(1, availableParallelism())) {
    // Under tsx (tests, scripts) the worker is the .ts file; built, it is the .js file beside this one.
    const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
    this.pool = new Piscina({
      filename: new URL(`./analyze-worker.${ext}`, import.meta.url).href,
      minThreads: Math.max(1, workers),
      maxThreads: Math.max(1, workers),
      idleTimeout: 1000,
    });
  }

  async analyze(
    jobs: DeclarationJob[],
    onProgress?: (done: number, total: number) => void,
  ): Promise<FileDeclarations[]> {
    const batches: DeclarationJob[][] = [];
    for (let i = 0; i < jobs.length; i += BATCH) batches.push(jobs.slice(i, i + BATCH));
    let done = 0;
    const results = await Promise.all(
      batches.map(async (batch) => {
        const result = (await this.pool.run(batch)) as FileDeclarations[];
        done += batch.length;
        onProgress?.(done, jobs.length);
        return result;
      }),
    );
    return results.flat();
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
