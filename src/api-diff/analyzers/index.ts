/** magento-semver's analyzers for the files of a module other than PHP, one per family. */
import { changedFiles } from './changed-files.js';
import { analyzeDbSchema } from './db-schema.js';
import { analyzeDiXml } from './di-xml.js';
import { analyzeMftf } from './mftf.js';
import type { FileOperation } from './types.js';

export { FILE_CONTEXTS } from './types.js';
export type { FileContext, FileOperation } from './types.js';

const ANALYZERS = [analyzeDbSchema, analyzeDiXml, analyzeMftf];

/** Every non-PHP change between two source trees, as SVC reports them. */
export function analyzeTreeFiles(beforeRoot: string, afterRoot: string): FileOperation[] {
  const files = changedFiles(beforeRoot, afterRoot);
  return ANALYZERS.flatMap((analyze) => analyze(files));
}
