import type { Rule } from '../rule.js';
import { backtickOperator } from './backtick-operator.js';
import { caseSemicolon } from './case-semicolon.js';
import { curlyStringOffset } from './curly-string-offset.js';
import { dollarBraceInterpolation } from './dollar-brace-interpolation.js';
import { dynamicProperty } from './dynamic-property.js';
import { implicitNullable } from './implicit-nullable.js';
import { nonCanonicalCast } from './non-canonical-cast.js';
import { nullArrayOffset } from './null-array-offset.js';
import { nullToInternal } from './null-to-internal.js';
import { optionalBeforeRequired } from './optional-before-required.js';
import { removedFunction } from './removed-function.js';
import { reservedClassName } from './reserved-class-name.js';
import { sleepWakeup } from './sleep-wakeup.js';
import { tentativeReturnType } from './tentative-return-type.js';

export const rules: Rule[] = [
  dynamicProperty,
  implicitNullable,
  optionalBeforeRequired,
  removedFunction,
  dollarBraceInterpolation,
  nullToInternal,
  tentativeReturnType,
  backtickOperator,
  nonCanonicalCast,
  caseSemicolon,
  nullArrayOffset,
  curlyStringOffset,
  reservedClassName,
  sleepWakeup,
];
