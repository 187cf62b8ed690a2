/** magento-semver's analyzers for the files of a module other than PHP, one per family. */
import { changedFiles } from './changed-files.js';
import { analyzeDbSchema } from './db-schema.js';
import { analyzeDiXml } from './di-xml.js';
import { analyzeLayout } from './layout.js';
import { analyzeLess } from './less.js';
import { analyzeMftf } from './mftf.js';
import { analyzeSystemXml } from './system-xml.js';
import { analyzeXsd } from './xsd.js';
import type { FileOperation } from './types.js';

export { FILE_CONTEXTS } from './types.js';
export type { FileContext, FileOperation } from './types.js';

const ANALYZERS = [
  analyzeDbSchema,
  analyzeLayout,
  analyzeDiXml,
  analyzeSystemXml,
  analyzeXsd,
  analyzeLess,
  analyzeMftf,
];

/** Every non-PHP change between two source trees, as SVC reports them. */
export function analyzeTreeFiles(beforeRoot: string, afterRoot: string): FileOperation[] {
  const files = changedFiles(beforeRoot, afterRoot);
  return ANALYZERS.flatMap((analyze) => analyze(files));
}
