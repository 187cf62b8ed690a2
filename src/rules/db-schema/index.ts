import type { Rule } from '../rule.js';
import { coreTableChanged } from './core-table-changed.js';
import { foreignKeyReference } from './foreign-key-reference.js';
import { incompleteDeclaration } from './incomplete-declaration.js';
import { keyMissingColumn } from './key-missing-column.js';
import { nameClash } from './name-clash.js';
import { vendorCoreTableChanged } from './vendor-core-table-changed.js';
import { vendorSchemaChanged } from './vendor-schema-changed.js';
import { whitelist } from './whitelist.js';
import { xsdInvalid } from './xsd-invalid.js';

export const rules: Rule[] = [
  coreTableChanged,
  nameClash,
  vendorCoreTableChanged,
  vendorSchemaChanged,
  keyMissingColumn,
  foreignKeyReference,
  whitelist,
  incompleteDeclaration,
  xsdInvalid,
];
