import type { Rule } from '../rule.js';
import { deprecated } from './deprecated.js';
import { legacyActionController } from './legacy-action-controller.js';
import { missingClass } from './missing-class.js';
import { missingConstant } from './missing-constant.js';
import { missingMethod } from './missing-method.js';
import { missingProperty } from './missing-property.js';
import { nonApi } from './non-api.js';
import { signatureMismatch } from './signature-mismatch.js';

export const rules: Rule[] = [
  missingClass,
  missingMethod,
  missingConstant,
  missingProperty,
  signatureMismatch,
  deprecated,
  nonApi,
  legacyActionController,
];
