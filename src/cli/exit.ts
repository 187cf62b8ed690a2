/** Exit codes shared by every command, as CI tools expect them (ESLint, PHPStan). */
export const EXIT = {
  /** Nothing at or above the threshold. */
  ok: 0,
  /** Findings at or above the threshold. */
  findings: 1,
  /** Could not run: bad usage, not a Magento project, unreadable input. */
  failure: 2,
} as const;

/** A mistake in how the command was called: printed without a stack trace, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
