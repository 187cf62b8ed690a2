import type { Rule } from '../rule.js';
import { missingClass } from './missing-class.js';
import { missingConstant } from './missing-constant.js';
import { missingMethod } from './missing-method.js';
import { missingProperty } from './missing-property.js';

export const rules: Rule[] = [missingClass, missingMethod, missingConstant, missingProperty];
