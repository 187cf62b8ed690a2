import type { Rule } from '../rule.js';
import {
  reportChangedOverrides,
  THEME_OVERRIDE_DOCS,
  THEME_OVERRIDE_MESSAGES,
  THEME_OVERRIDE_SEVERITIES,
} from './theme-overrides.js';

export const themeLayoutChanged: Rule = {
  meta: {
    id: 'overrides/theme-layout-changed',
    severity: 'warning',
    category: 'overrides',
    description: 'Theme layout override (layout/override/) whose core original changed or disappeared in the target',
    docs: THEME_OVERRIDE_DOCS,
    messages: THEME_OVERRIDE_MESSAGES,
    messageSeverity: THEME_OVERRIDE_SEVERITIES,
  },
  check(context) {
    reportChangedOverrides(context, ['layout-override'], 'layout');
  },
};
