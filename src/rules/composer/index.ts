import type { Rule } from '../rule.js';
import { abandonedPackage } from './abandoned-package.js';
import { constraintConflict } from './constraint-conflict.js';
import { removedCorePackage } from './removed-core-package.js';
import { replaceNewPackage } from './replace-new-package.js';
import { rootTemplate } from './root-template.js';
import { proposedComposerJson } from './proposed-composer-json.js';
import { solverProblem } from './solver-problem.js';

export const rules: Rule[] = [
  constraintConflict,
  abandonedPackage,
  removedCorePackage,
  rootTemplate,
  replaceNewPackage,
  proposedComposerJson,
  solverProblem,
];
