import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFilesRecursive } from '../../indexer/package-files.js';
import type { ChangedFiles } from './types.js';

/**
 * The files of two trees that differ in content, as SVC's ReportBuilder keeps them (its SourceWithJsonFilter drops
 * identical files before any analyzer runs, except JSON files: db_schema_whitelist.json is always read).
 */
export function changedFiles(beforeRoot: string, afterRoot: string): ChangedFiles {
  const before = new Map(listFilesRecursive(beforeRoot).map((f) => [f, join(beforeRoot, f)]));
  const after = new Map(listFilesRecursive(afterRoot).map((f) => [f, join(afterRoot, f)]));
  for (const [rel, abs] of before) {
    const other = after.get(rel);
    if (!other || rel.endsWith('.json')) continue;
    if (readFileSync(abs).equals(readFileSync(other))) {
      before.delete(rel);
      after.delete(rel);
    }
  }
  return { before, after };
}
