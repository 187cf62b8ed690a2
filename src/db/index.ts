// `mageup db`: read-only snapshots, reconciliation and health checks of a Magento database.
export { parseDsn, settingsFromEnvPhp, describeTarget, parseMagentoHost } from './connection-settings.js';
export type { ConnectionSettings } from './connection-settings.js';
export { DbError, ReadOnlyViolation } from './errors.js';
export type { DbErrorKind } from './errors.js';
export { assertReadOnlyStatement } from './read-only-guard.js';
export { ReadOnlySession } from './session.js';
export type { ServerInfo, SessionOptions, Row } from './session.js';
export { takeSnapshot } from './take-snapshot.js';
export type { SnapshotOptions } from './take-snapshot.js';
export { snapshotToJson } from './snapshot-json.js';
export { SNAPSHOT_KIND, SNAPSHOT_SCHEMA_VERSION } from './snapshot-types.js';
export type * from './snapshot-types.js';
export { asSnapshot, compareSnapshots } from './compare.js';
export type { CompareOptions, ComparisonItem, DbComparison, SectionSummary, Verdict } from './compare.js';
export { renderComparisonMarkdown, renderComparisonText } from './render-compare.js';
export { checkDbHealth, UPGRADE_TIME_MODEL } from './health.js';
export type { DbHealthReport, HealthOptions, LargeTable } from './health.js';
export { renderHealthMarkdown, renderHealthText } from './render-health.js';
