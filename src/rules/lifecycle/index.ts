import type { Rule } from '../rule.js';
import { disabledModuleRule } from './disabled-module.js';
import { endOfSupportRule } from './end-of-support.js';
import { nativeDuplicateRule } from './native-duplicate.js';
import { noTargetReleaseRule } from './no-target-release.js';

export const rules: Rule[] = [endOfSupportRule, disabledModuleRule, nativeDuplicateRule, noTargetReleaseRule];
