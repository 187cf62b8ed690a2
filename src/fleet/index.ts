export { openFleetStore, fleetStoreSpec, isServerSpec, requireServer } from './store.js';
export type { FleetStore } from './store.js';
export { addProject, listProjects, getProject, removeProject, parseTags, isGitUrl, FleetError } from './registry.js';
export type { AddProject } from './registry.js';
export { fleetStatus, currentStatus, recordScan, setProgress } from './status.js';
export type { FleetProject, FleetScan, FleetStoreRow, OpenExploited, ScanProgress, StoreStatus } from './types.js';
