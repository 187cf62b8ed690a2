import type { Rule } from '../rule.js';
import { rule as aroundWithoutProceed } from './around-without-proceed.js';
import { rule as duplicateDbColumn } from './duplicate-db-column.js';
import { rule as duplicatePreference } from './duplicate-preference.js';
import { rule as duplicateTemplateOverride } from './duplicate-template-override.js';
import { rule as observerName } from './observer-name.js';
import { rule as pluginSortOrder } from './plugin-sort-order.js';
import { rule as routeFrontname } from './route-frontname.js';

export const rules: Rule[] = [
  aroundWithoutProceed,
  duplicateDbColumn,
  duplicatePreference,
  duplicateTemplateOverride,
  observerName,
  pluginSortOrder,
  routeFrontname,
];
