export { renderCheckText } from './render-text.js';
export { renderCheckMarkdown } from './render-markdown.js';
export { groupFindings } from './group.js';

export const CHECK_FORMATS = ['text', 'json', 'md'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

import type { CheckResult } from '../../check/types.js';
import { renderCheckMarkdown } from './render-markdown.js';
import { renderCheckText } from './render-text.js';

export function renderCheck(
  result: CheckResult,
  format: CheckFormat,
  opts: { color?: boolean; expand?: boolean } = {},
): string {
  if (format === 'json') return `${JSON.stringify(result, null, 2)}\n`;
  if (format === 'md') return renderCheckMarkdown(result, opts);
  return renderCheckText(result, opts);
}
