import { MageupError } from '../core/errors.js';

export { EXIT } from '../core/errors.js';

/** A mistake in how the command was called: printed without a stack trace, exit code 2. */
export class UsageError extends MageupError {
  override name = 'UsageError';
}
