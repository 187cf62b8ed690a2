import type { Rule } from '../rule.js';
import { reportChangedOverrides, THEME_OVERRIDE_MESSAGES, THEME_OVERRIDE_SEVERITIES } from './theme-overrides.js';

export const rule: Rule = {
  meta: {
    id: 'overrides/theme-web-changed',
    severity: 'warning',
    category: 'overrides',
    description: 'Theme JS/HTML/LESS/CSS override whose core original changed or disappeared in the target',
    docs:
      'A theme file replaces the core original entirely, so upstream fixes to the original never reach the store. ' +
      'MageUp compares the original (found along the theme parent chain, then the module) between the current and the ' +
      'target version: from the shipped file-hash index, or with exact diffs from --baseline-vendor/--target-vendor trees. ' +
      'With the diffs, an override that already reflects the change (it keeps no line the upstream removed and has the ' +
      'lines it added wherever it has their surroundings) is reported at info, with the diff to read once.',
    messages: THEME_OVERRIDE_MESSAGES,
    messageSeverity: THEME_OVERRIDE_SEVERITIES,
  },
  check(context) {
    reportChangedOverrides(context, ['web'], 'web asset');
  },
};
