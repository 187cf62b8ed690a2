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

/**
 * A command's expected failures (bad input, not a Magento project, …): printed as `mageup <command>: <message>`
 * without a stack trace, exit code 2. Anything else is rethrown for main's handler.
 */
export function failOnExpected(
  command: string,
  error: unknown,
  expected: readonly (abstract new (...args: never[]) => Error)[],
  setExitCode: (code: number) => void,
): void {
  if (!expected.some((kind) => error instanceof kind)) throw error;
  process.stderr.write(`mageup ${command}: ${(error as Error).message}\n`);
  setExitCode(EXIT.failure);
}
