// Library entry point: everything the CLI does is reachable from here.
export * from './core/finding.js';
export * from './core/problem.js';
export type * from './project/model.js';
export type * from './php/types.js';
export type * from './knowledge/types.js';
export type * from './rules/rule.js';
