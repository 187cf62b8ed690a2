import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands/index.js';
import { UsageError, EXIT } from './exit.js';
import { version } from '../version.js';

/**
 * Entry point of the `mageup` CLI. Returns the process exit code:
 * 0 nothing at or above the threshold, 1 findings, 2 could not run (bad usage, not a Magento project, …).
 */
export async function main(argv: string[]): Promise<number> {
  const program = new Command('mageup')
    .description('Magento 2 / Adobe Commerce upgrade toolkit: audit, check, plan, verify, report.')
    .version(version, '-V, --version')
    .showHelpAfterError('(run mageup --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });
  let exitCode: number = EXIT.ok;
  registerCommands(program, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with exit code 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.failure;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`mageup: ${error.message}\n`);
      return EXIT.failure;
    }
    const message = error instanceof Error ? (process.env.MAGEUP_DEBUG ? error.stack : error.message) : String(error);
    process.stderr.write(`mageup: ${message}\n`);
    return EXIT.failure;
  }
}
