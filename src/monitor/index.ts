export { runMonitor, judge, MonitorInputError } from './run-monitor.js';
export type { MonitorSession } from './run-monitor.js';
export { followMonitor } from './follow.js';
export { renderMonitor, viewOfMonitor, MONITOR_FORMATS } from './render.js';
export type { MonitorFormat } from './render.js';
export { MONITOR_RULES } from './rules/registry.js';
export { parseTime } from './time.js';
export type { MonitorOptions, MonitorResult, Thresholds } from './types.js';
