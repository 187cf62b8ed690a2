/** Exit codes shared by every command, as CI tools expect them (ESLint, PHPStan). */
export const EXIT = {
  /** Nothing at or above the threshold. */
  ok: 0,
  /** Findings at or above the threshold. */
  findings: 1,
  /** Could not run: bad usage, not a Magento project, unreadable input. */
  failure: 2,
} as const;

/**
 * Base of every failure MageUp expects and explains (bad input, not a Magento project, an unreadable store…): the CLI
 * prints the message as `mageup <command>: <message>`, without a stack trace, and exits with `exitCode`. Anything
 * else is a bug and keeps its stack under MAGEUP_DEBUG.
 */
export class MageupError extends Error {
  override name = 'MageupError';
  readonly exitCode: number = EXIT.failure;
}
