/** Every output format of `mageup plan`; apart from the renderers so the CLI lists them without loading them. */
export const PLAN_FORMATS = ['text', 'md', 'html', 'json', 'ics'] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];
