import type { Rule } from '../rule.js';
import { rule as coreDeprecated } from './core-deprecated.js';
import { rule as coreFieldChanged } from './core-field-changed.js';
import { rule as coreTypeAdded } from './core-type-added.js';
import { rule as coreTypeRemoved } from './core-type-removed.js';

export const rules: Rule[] = [coreDeprecated, coreFieldChanged, coreTypeAdded, coreTypeRemoved];
