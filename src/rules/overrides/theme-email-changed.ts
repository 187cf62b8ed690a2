import type { Rule } from '../rule.js';
import {
  reportChangedOverrides,
  THEME_OVERRIDE_DOCS,
  THEME_OVERRIDE_MESSAGES,
  THEME_OVERRIDE_RECOMMENDATIONS,
  THEME_OVERRIDE_SEVERITIES,
} from './theme-overrides.js';

export const themeEmailChanged: Rule = {
  meta: {
    id: 'overrides/theme-email-changed',
    severity: 'warning',
    category: 'overrides',
    description: 'Theme email template override whose core original changed or disappeared in the target',
    docs: THEME_OVERRIDE_DOCS,
    recommendations: THEME_OVERRIDE_RECOMMENDATIONS,
    messages: THEME_OVERRIDE_MESSAGES,
    messageSeverity: THEME_OVERRIDE_SEVERITIES,
  },
  check(context) {
    reportChangedOverrides(context, ['email'], 'kindEmail');
  },
};
