/** `mageup api-diff`: API changes between two trees, releases or package versions, with magento-semver's codes and levels. */
export { runApiDiff, diffOperands } from './run-api-diff.js';
export type { ApiDiffEntry, ApiDiffOptions, ApiDiffReport, VersionLevel } from './run-api-diff.js';
export { loadOperand, loadTree, ApiDiffInputError } from './operands.js';
export type { ApiOperand } from './operands.js';
export { renderApiDiffJson, renderApiDiffMarkdown, renderApiDiffText, reportLines } from './render.js';
export type { ReportLine } from './render.js';
export { svcOperations } from './svc.js';
export type { SemverLevel, SvcOperation } from './svc.js';
