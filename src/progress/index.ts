export { createProgress, formatProgress } from './progress-bar.js';
export type { Progress, ProgressOptions } from './progress-bar.js';
