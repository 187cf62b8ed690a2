import type { Rule } from '../rule.js';
import { abandonedPackageRule } from './abandoned-package.js';
import { constraintConflictRule } from './constraint-conflict.js';
import { removedCorePackageRule } from './removed-core-package.js';
import { replaceNewPackageRule } from './replace-new-package.js';
import { rootTemplateRule } from './root-template.js';
import { proposedComposerJsonRule } from './proposed-composer-json.js';
import { solverProblemRule } from './solver-problem.js';

export const rules: Rule[] = [
  constraintConflictRule,
  abandonedPackageRule,
  removedCorePackageRule,
  rootTemplateRule,
  replaceNewPackageRule,
  proposedComposerJsonRule,
  solverProblemRule,
];
