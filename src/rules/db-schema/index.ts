import type { Rule } from '../rule.js';
import { coreTableChanged } from './core-table-changed.js';
import { nameClash } from './name-clash.js';

export const rules: Rule[] = [coreTableChanged, nameClash];
