/** Bad input to `mageup verify` (URL, options, baseline, config): printed without a stack, exit code 2. */
export class VerifyInputError extends Error {
  override name = 'VerifyInputError';
}
