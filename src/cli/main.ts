import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands/index.js';
import { EXIT, MageupError } from '../core/errors.js';
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
  return runProgram(program, argv, () => exitCode);
}

/**
 * Runs the command `argv` names and returns its exit code. The one place errors are caught: a MageupError is printed
 * as `mageup <command>: <message>` and ends with its exit code; anything else is a bug, printed with its stack under
 * MAGEUP_DEBUG, exit 2.
 */
export async function runProgram(program: Command, argv: string[], exitCode: () => number): Promise<number> {
  let command = '';
  program.hook('preAction', (_program, action) => {
    command = commandPath(action);
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode();
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with exit code 0; commander has printed what was wrong otherwise.
      return error.exitCode === 0 ? EXIT.ok : EXIT.failure;
    }
    if (error instanceof MageupError) {
      process.stderr.write(`mageup${command ? ` ${command}` : ''}: ${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? (process.env.MAGEUP_DEBUG ? error.stack : error.message) : String(error);
    process.stderr.write(`mageup: ${message}\n`);
    return EXIT.failure;
  }
}

/** `db snapshot` for the snapshot subcommand of db: the name as typed, without the program's. */
function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}
