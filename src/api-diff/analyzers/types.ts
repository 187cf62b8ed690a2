import type { SemverLevel } from '../svc.js';

/** magento-semver's report contexts for files other than PHP, in the order its log prints them. */
export const FILE_CONTEXTS = ['database', 'layout', 'di', 'system', 'xsd', 'less', 'mftf'] as const;
export type FileContext = (typeof FILE_CONTEXTS)[number];

/** One change SVC's non-PHP analyzers report: `location:0 | target | reason | code`. */
export interface FileOperation {
  context: FileContext;
  level: SemverLevel;
  code: string;
  reason: string;
  target: string;
  /** The file(s) the change is in, as SVC names them (the side that holds the element, comma-separated if merged). */
  location: string;
}

/** The files of both trees an analyzer reads: only those that differ (SVC filters identical files out first). */
export interface ChangedFiles {
  /** Absolute paths of changed files on each side, keyed by path relative to the tree's root. */
  before: Map<string, string>;
  after: Map<string, string>;
}
