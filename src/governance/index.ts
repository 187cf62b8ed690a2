export {
  CONFIG_FILE_NAMES,
  ConfigError,
  EMPTY_CONFIG,
  findConfigFile,
  loadConfig,
  parseConfig,
  validateConfig,
} from './config.js';
export type { ConfigIssue, MageupConfig, SeverityOverride, Waiver } from './config.js';
export {
  BASELINE_VERSION,
  BaselineError,
  DEFAULT_BASELINE_FILE,
  createBaseline,
  readBaseline,
  writeBaseline,
} from './baseline.js';
export type { Baseline, BaselineEntry } from './baseline.js';
export { applyPolicy, governanceReport } from './policy.js';
export type {
  GovernanceReport,
  Policy,
  PolicyOutcome,
  SuppressedFinding,
  WaiverDecision,
  WaiverRef,
} from './policy.js';
export { globToRegExp, matchesGlob } from './glob.js';
export { defaultBaselineFile, resolvePolicy } from './resolve-policy.js';
export type { PolicyRequest } from './resolve-policy.js';
