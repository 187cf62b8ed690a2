import type { Rule } from '../rule.js';
import { disabledModule } from './disabled-module.js';
import { endOfSupport } from './end-of-support.js';
import { nativeDuplicate } from './native-duplicate.js';
import { noTargetRelease } from './no-target-release.js';

export const rules: Rule[] = [endOfSupport, disabledModule, nativeDuplicate, noTargetRelease];
