import { MageupError } from '../core/errors.js';

/** Bad input to `mageup verify` (URL, options, baseline, config): printed without a stack, exit code 2. */
export class VerifyInputError extends MageupError {
  override name = 'VerifyInputError';
}
