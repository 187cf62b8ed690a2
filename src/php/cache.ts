import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Problem } from '../core/problem.js';
import { userCacheDir } from '../knowledge/cache-dir.js';
import type { PhpFileAnalysis } from './types.js';
import { ANALYZER_VERSION } from './version.js';

/** `php/` in MageUp's user cache (`$MAGEUP_CACHE_DIR`, else `$XDG_CACHE_HOME/mageup`, else `~/.cache/mageup`). */
export function defaultPhpCacheDir(): string {
  return join(userCacheDir(), 'php');
}

/** What a batch of files produced: one entry per file (null when it could not be analysed), and the problems. */
export interface BatchOutcome {
  results: (PhpFileAnalysis | null)[];
  problems: Problem[];
}

/**
 * Analyses cached by content, one entry per batch of files. The key covers the analyzer version, the mode and, for
 * each file of the batch, its relative path and the sha1 of its content (or why it could not be read), so an entry
 * is reused exactly when the same files hold the same bytes. Batches, not files: creating tens of thousands of
 * small files costs more than parsing them on some file systems, while a batch entry is one file per ~50 sources
 * (the pool cuts batches at content-defined points so one added file does not shift every later batch).
 *
 * A damaged entry is a miss (JSON that does not parse, or the wrong length); concurrent writers of one key write
 * the same bytes. A cache that cannot be read or written is bypassed: it only ever saves time.
 */
export class AnalysisCache {
  private readonly madeDirs = new Set<string>();

  constructor(private readonly dir: string) {}

  key(declarationsOnly: boolean, maxFileBytes: number, files: { file: string; state: string }[]): string {
    const hash = createHash('sha1').update(
      `${ANALYZER_VERSION}\0${declarationsOnly ? 'decl' : 'full'}\0${maxFileBytes}`,
    );
    for (const { file, state } of files) hash.update(`\0${file}\0${state}`);
    return hash.digest('hex');
  }

  get(key: string, expectedLength: number): BatchOutcome | undefined {
    try {
      const cached = JSON.parse(readFileSync(this.pathOf(key), 'utf8')) as BatchOutcome;
      if (!Array.isArray(cached.results) || cached.results.length !== expectedLength) return undefined;
      if (!Array.isArray(cached.problems)) return undefined;
      return cached;
    } catch {
      return undefined;
    }
  }

  async set(key: string, outcome: BatchOutcome): Promise<void> {
    const sub = join(this.dir, key.slice(0, 2));
    try {
      if (!this.madeDirs.has(sub)) {
        mkdirSync(sub, { recursive: true });
        this.madeDirs.add(sub);
      }
      await writeFile(this.pathOf(key), JSON.stringify(outcome));
    } catch {
      // A read-only or full disk only costs speed.
    }
  }

  private pathOf(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }
}
