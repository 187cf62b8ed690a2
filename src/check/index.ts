/** `mageup check` as a library: run a check, read its result. */
export { runCheck, targetPhp, CheckOptionError } from './run-check.js';
export { resolveCurrent, oldestAllowed } from './current-release.js';
export { readProjectPlatform } from './project-platform.js';
export { summarize, EFFORT_MODEL, DEFAULT_EFFORT } from './summary.js';
export type { CheckOptions, CheckProgress, CheckResult, CheckSummary, Ratio, TargetResult } from './types.js';
export type { ProjectPlatform, PlatformDeclaration } from './project-platform.js';
