export { runVerify, readBaseline, writeBaseline, VERIFY_DEFAULTS } from './run.js';
export type { VerifyOptions } from './run.js';
export { VerifyInputError } from './errors.js';
export { renderVerify, VERIFY_FORMATS } from './render.js';
export type { VerifyFormat } from './render.js';
export { VERIFY_RULES } from './rules.js';
export { mannWhitney, median, iqr, percentile } from './stats.js';
export * from './types.js';
