import type { Rule } from '../rule.js';
import { adminControllerAcl } from './admin-controller-acl.js';
import { coreBulletin } from './core-bulletin.js';
import { packageAdvisory } from './package-advisory.js';

export const rules: Rule[] = [packageAdvisory, coreBulletin, adminControllerAcl];
