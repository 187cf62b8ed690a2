// `mageup plan`: the upgrade path, the work per hop, the schedule and the runbook, usable without the CLI.
export { buildPlan, type PlanOptions } from './build-plan.js';
export { renderPlan, PLAN_FORMATS, type PlanFormat } from './render.js';
export { renderIcs, foldLine, escapeText } from './ics.js';
export { PlanInputError } from './errors.js';
export { COST_MODEL, findPath, candidateStops } from './path.js';
export { EFFORT_MODEL } from './work.js';
export { FREEZE_PRESETS, parseFreeze } from './freeze.js';
export { thanksgiving } from './calendar.js';
export type * from './types.js';
