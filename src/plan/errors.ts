import { MageupError } from '../core/errors.js';

/** Input the plan cannot work with (a target older than the current release, freezes that leave no day…): exit 2. */
export class PlanInputError extends MageupError {
  override name = 'PlanInputError';
}
