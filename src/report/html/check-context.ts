import type { CheckResult } from '../../check/types.js';
import { readExcerpts } from './excerpt.js';
import type { HtmlOptions } from './render-html.js';
import { supportDates } from './support-dates.js';

/**
 * What the HTML check report shows beyond the result: the support dates of the versions and source excerpts (read
 * from the tree that was just checked).
 */
export function checkHtmlContext(result: CheckResult): HtmlOptions {
  return {
    endOfSupport: supportDates([result.current.version, ...result.targets.map((t) => t.version)]),
    excerpts: readExcerpts(result.project.root, result.findings),
  };
}
