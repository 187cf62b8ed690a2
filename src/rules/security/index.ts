import type { Rule } from '../rule.js';
import { adminControllerAcl } from './admin-controller-acl.js';
import { coreBulletinRule } from './core-bulletin.js';
import { packageAdvisoryRule } from './package-advisory.js';

export const rules: Rule[] = [packageAdvisoryRule, coreBulletinRule, adminControllerAcl];
