import type { Rule } from '../rule.js';
import { aroundWithoutProceed } from './around-without-proceed.js';
import { duplicateDbColumn } from './duplicate-db-column.js';
import { duplicatePreference } from './duplicate-preference.js';
import { duplicateTemplateOverride } from './duplicate-template-override.js';
import { observerName } from './observer-name.js';
import { pluginSortOrder } from './plugin-sort-order.js';
import { routeFrontname } from './route-frontname.js';

export const rules: Rule[] = [
  aroundWithoutProceed,
  duplicateDbColumn,
  duplicatePreference,
  duplicateTemplateOverride,
  observerName,
  pluginSortOrder,
  routeFrontname,
];
