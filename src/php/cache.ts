import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { PhpFileAnalysis } from './types.js';
import { ANALYZER_VERSION } from './version.js';

/** `$XDG_CACHE_HOME/mageup/php`, else `~/.cache/mageup/php`. */
export function defaultPhpCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'mageup', 'php');
}

/**
 * Analyses cached by content: the key is the sha1 of the file content plus the analyzer version and mode, so a file
 * that did not change is never parsed twice, whatever its path. Entries are written atomically (temp file + rename):
 * several workers may share the directory. A cache that cannot be read or written is silently bypassed: it only
 * ever saves time.
 */
export class AnalysisCache {
  private readonly madeDirs = new Set<string>();

  constructor(private readonly dir: string) {}

  key(contentHash: string, declarationsOnly: boolean): string {
    return createHash('sha1')
      .update(`${ANALYZER_VERSION}\0${declarationsOnly ? 'decl' : 'full'}\0${contentHash}`)
      .digest('hex');
  }

  get(key: string, file: string): PhpFileAnalysis | undefined {
    try {
      const cached = JSON.parse(readFileSync(this.pathOf(key), 'utf8')) as Omit<PhpFileAnalysis, 'file'>;
      return { ...cached, file };
    } catch {
      return undefined;
    }
  }

  set(key: string, analysis: PhpFileAnalysis): void {
    const sub = join(this.dir, key.slice(0, 2));
    const target = this.pathOf(key);
    const tmp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      if (!this.madeDirs.has(sub)) {
        mkdirSync(sub, { recursive: true });
        this.madeDirs.add(sub);
      }
      // The path is not part of the entry: identical files elsewhere share it.
      const { file: _file, ...rest } = analysis;
      writeFileSync(tmp, JSON.stringify(rest));
      renameSync(tmp, target);
    } catch {
      // A read-only or full disk only costs speed.
    }
  }

  private pathOf(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }
}
