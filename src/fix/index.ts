// `mageup fix`: mechanical fixes of check's findings as a reviewed patch.
export { runFix, fixableRules, applyEdits } from './run-fix.js';
export type { FixOptions, FixResult, FixedFinding, DeclinedFinding, FileChange } from './run-fix.js';
export { renderFixSummary } from './render.js';
