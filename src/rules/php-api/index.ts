import type { Rule } from '../rule.js';
import { missingClass } from './missing-class.js';

export const rules: Rule[] = [missingClass];
