import type { Rule } from '../rule.js';
import { coreTableChanged } from './core-table-changed.js';
import { nameClash } from './name-clash.js';
import { rule as vendorCoreTableChanged } from './vendor-core-table-changed.js';
import { rule as vendorSchemaChanged } from './vendor-schema-changed.js';

export const rules: Rule[] = [coreTableChanged, nameClash, vendorCoreTableChanged, vendorSchemaChanged];
