import type { Command } from 'commander';

/** Sets the process exit code from inside a command action. */
export type SetExitCode = (code: number) => void;

/** One module per command; each exports `register(program, setExitCode)`. Add new commands here. */
export function registerCommands(_program: Command, _setExitCode: SetExitCode): void {}
