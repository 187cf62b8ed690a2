export { RunStore, defaultStoreDir, diffRuns, insertRun, runOfCheck } from './run-store.js';
export type { RunDiff, RunInfo, RunRecord, StoredRun } from './run-store.js';
export { StoreError } from './connections.js';
export { StoreLockedError } from './lock.js';
export { knowledgeBaseVersion, recordAudit, recordCheck, recordRun, runOfAudit, storeFor } from './record.js';
export { checkResultOfRun } from './check-result.js';
