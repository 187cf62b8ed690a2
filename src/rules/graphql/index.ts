import type { Rule } from '../rule.js';
import { coreDeprecated } from './core-deprecated.js';
import { coreFieldChanged } from './core-field-changed.js';
import { coreTypeAdded } from './core-type-added.js';
import { coreTypeRemoved } from './core-type-removed.js';

export const rules: Rule[] = [coreDeprecated, coreFieldChanged, coreTypeAdded, coreTypeRemoved];
