// Library entry point: everything the CLI does is reachable from here, without the CLI.
// Each module's own index (src/<module>/index.ts) is its public API; this file gathers them and resolves the few names
// that two modules share.

// Contracts: findings, problems and the shapes the modules exchange.
export * from './core/finding.js';
export * from './core/problem.js';
export type * from './knowledge/types.js';
export type * from './rules/rule.js';

// Project model (`mageup audit` reads it): loadProject, codeFiles, detectRoot, …
export * from './project/index.js';

// PHP analysis: analyzePhp, analyzeFiles (worker pool + cache), the parser.
export * from './php/index.js';

// Package API index of a Magento tree (`mageup index`).
export { indexTree, defaultIndexDir } from './indexer/index-tree.js';
export type { IndexTreeOptions, IndexTreeResult } from './indexer/index-tree.js';
export { IndexInputError, readInstalledPackages, detectMagentoRelease } from './indexer/installed-packages.js';
export type { Autoload, InstalledPackage, InstalledPackages } from './indexer/installed-packages.js';

// Knowledge base: releases, advisories, package APIs, core DB schema, and its sources (`mageup kb`).
export {
  loadReleaseCatalog,
  loadReleaseData,
  createReleaseCatalog,
  releaseFromRecord,
  canonicalVersion,
  defaultDataDir,
  supportStatus,
  bulletinsMissing,
  ENDING_SOON_DAYS,
} from './knowledge/catalog.js';
export type { MagentoReleaseCatalog, SupportStatus } from './knowledge/catalog.js';
export { loadAdvisories, advisoriesFor, createAdvisoryDatabase, fixedVersionFor } from './knowledge/advisories.js';
export type { AdvisoryDatabase, AdvisoryFreshness } from './knowledge/advisories.js';
export {
  loadSymbolIndex,
  listIndexedReleases,
  clearApiCache,
  SHIPPED_API_DIR,
  diffPackageApis,
  diffClassDecls,
  methodSignature,
  normaliseType,
  ApiDataWriter,
  readManifest,
  readPackageFile,
} from './knowledge/api/index.js';
export type {
  ApiIndex,
  IndexedClass,
  IndexedFunction,
  LoadOptions as ApiLoadOptions,
  LoadSpec as ApiLoadSpec,
  PublishedChange,
  ApiChange,
  ApiChangeAspect,
  ApiChangeKind,
  DiffOptions as ApiDiffOptions,
  EnumerableSymbolIndex,
  ApiManifest,
} from './knowledge/api/index.js';
export { createSymbolIndex } from './knowledge/memory-symbol-index.js';
export { loadDbSchemaIndex, createDbSchemaIndex } from './knowledge/db-schema/index.js';
export { loadDataPatchConfig } from './knowledge/data-patches.js';
export type { DataPatchConfig } from './knowledge/data-patches.js';
export type { DbSchemaIndex, CoreSchema } from './knowledge/db-schema/index.js';
export { UnknownVersionError, KnowledgeDataError, RepositoryError } from './knowledge/errors.js';
export { systemClock, fixedClock, isoDay } from './knowledge/clock.js';
export type { Clock } from './knowledge/clock.js';
export { kbStatus } from './knowledge/kb-status.js';
export type { KbStatus, KbReleaseStatus } from './knowledge/kb-status.js';
export { userCacheDir, userDataDir, projectDataDir } from './knowledge/cache-dir.js';
export { updateReleaseMetadata, readReleaseUpdate, applyReleaseUpdate } from './knowledge/release-update.js';
export type { ReleaseUpdateSummary } from './knowledge/release-update.js';
export { refreshOnlineAdvisories, readOnlineAdvisories, PACKAGIST_URL } from './knowledge/packagist-advisories.js';
export { ComposerRepository, credentialsFor } from './knowledge/composer-repository.js';
export type { ComposerPackageVersion, ComposerRepositoryOptions } from './knowledge/composer-repository.js';
export {
  parseMagentoVersion,
  isMagentoVersion,
  compareMagentoVersions,
  minorOf,
  lineOf,
} from './knowledge/magento-version.js';
export type { MagentoVersion } from './knowledge/magento-version.js';

// `mageup check`: runCheck and its result. (The check's effort model is exported as CHECK_EFFORT_MODEL.)
export {
  runCheck,
  targetPhp,
  CheckOptionError,
  resolveCurrent,
  oldestAllowed,
  readProjectPlatform,
  summarize,
  EFFORT_MODEL as CHECK_EFFORT_MODEL,
  DEFAULT_EFFORT,
} from './check/index.js';
export type {
  CheckOptions,
  CheckProgress,
  CheckResult,
  CheckSummary,
  Ratio,
  TargetResult,
  ProjectPlatform,
  PlatformDeclaration,
} from './check/index.js';

// Fix: the mechanical fixes of check's findings, as a patch (`mageup fix`).
export * from './fix/index.js';

// Reports: every format of the audit and check reports.
export {
  renderAudit,
  AUDIT_FORMATS,
  AUDIT_SCHEMA_VERSION,
  buildAuditReport,
  isUseful,
  moduleState,
  renderAuditMarkdown,
  renderAuditText,
} from './report/audit/index.js';
export type {
  AuditFormat,
  AuditReport,
  AuditModule,
  AuditPackage,
  AuditTheme,
  ModuleState,
} from './report/audit/index.js';
export {
  renderCheck,
  CHECK_FORMATS,
  renderCheckText,
  renderCheckMarkdown,
  groupFindings,
} from './report/check/index.js';
export type { CheckFormat } from './report/check/index.js';
export {
  renderCheckReport,
  renderGovernanceMarkdown,
  CHECK_REPORT_FORMATS,
  AUDIT_REPORT_FORMATS,
} from './report/json/render-report.js';
export type { CheckReportFormat, AuditReportFormat, RenderOptions } from './report/json/render-report.js';
export { renderAuditReport } from './report/audit/render-audit-report.js';
export { viewOfCheck, viewOfAudit, viewOfFindings } from './report/json/findings-view.js';
export { renderFindingsView, FINDINGS_VIEW_FORMATS } from './report/render-findings-view.js';
export type { FindingsViewFormat } from './report/render-findings-view.js';
export type { FindingsView, ViewFinding } from './report/json/findings-view.js';
export { renderCheckHtml, riskLevel } from './report/html/render-html.js';
export type { HtmlOptions, RiskLevel } from './report/html/render-html.js';
export { renderAuditHtml } from './report/html/render-audit-html.js';
export { readExcerpts } from './report/html/excerpt.js';
export type { Excerpt } from './report/html/excerpt.js';
export { renderSarif } from './report/sarif/render-sarif.js';
export type { RuleMetaOf } from './report/sarif/render-sarif.js';
// renderSarif's ruleMeta for check findings: (id) => ruleById(id)?.meta.
export { ruleById } from './rules/registry.js';
export { renderJunit } from './report/junit/render-junit.js';
export { renderGithub } from './report/github/render-github.js';

// Governance: config file, baseline, waivers and severity policy.
export * from './governance/index.js';

// History of runs and the diff between two runs (`mageup history`, `mageup diff`).
export * from './history/index.js';

// `mageup plan`: the upgrade path, schedule and runbook. (The plan's effort model is exported as PLAN_EFFORT_MODEL.)
export {
  buildPlan,
  renderPlan,
  PLAN_FORMATS,
  renderIcs,
  PlanInputError,
  COST_MODEL,
  findPath,
  candidateStops,
  EFFORT_MODEL as PLAN_EFFORT_MODEL,
  FREEZE_PRESETS,
  parseFreeze,
} from './plan/index.js';
export type { PlanOptions, PlanFormat } from './plan/index.js';
export type * from './plan/types.js';
export { recordPlan, planSummary } from './plan/history.js';

// `mageup db`: read-only snapshots, their comparison and health checks.
export * from './db/index.js';

// `mageup monitor`: logs, error classes, traffic and store health after go-live.
export {
  runMonitor,
  judge as judgeMonitor,
  followMonitor,
  renderMonitor,
  viewOfMonitor,
  MONITOR_FORMATS,
  MONITOR_RULES,
  MonitorInputError,
} from './monitor/index.js';
export type { MonitorFormat, MonitorOptions, MonitorResult, MonitorSession, Thresholds } from './monitor/index.js';

// `mageup verify`: the running store probed before and after (smoke, security, API, performance, visual, flows).
export {
  runVerify,
  readBaseline as readVerifyBaseline,
  writeBaseline as writeVerifyBaseline,
  renderVerify,
  VERIFY_FORMATS,
  VERIFY_RULES,
  VERIFY_DEFAULTS,
  VerifyInputError,
  mannWhitney,
} from './verify/index.js';
export type { VerifyFormat, VerifyOptions, VerifyRun, ProbeName } from './verify/index.js';

// Progress display used by long-running commands.
export { createProgress, formatProgress } from './progress/index.js';
export type { Progress, ProgressOptions } from './progress/index.js';

// Composer's version and constraint semantics, also published on its own as `mageup/composer`.
export * as composer from './composer/index.js';

export { version } from './version.js';

// `mageup api-diff`: API changes between two trees, releases or package versions, with magento-semver's codes.
export {
  runApiDiff,
  diffOperands,
  loadOperand,
  ApiDiffInputError,
  renderApiDiffText,
  renderApiDiffJson,
  renderApiDiffMarkdown,
} from './api-diff/index.js';
export type {
  ApiDiffReport,
  ApiDiffEntry,
  ApiDiffOptions as RunApiDiffOptions,
  SvcOperation,
  SemverLevel,
} from './api-diff/index.js';
