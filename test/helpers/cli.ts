import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import type { SetExitCode } from '../../src/cli/commands/index.js';
import { EXIT } from '../../src/cli/exit.js';
import { runProgram } from '../../src/cli/main.js';

/** A command module's `register(program, setExitCode)`, as src/cli/commands/index.ts calls it. */
export type RegisterCommand = (program: Command, setExitCode: SetExitCode) => void;

export interface CapturedStdio {
  stdout: string;
  stderr: string;
}

export interface CommandResult extends CapturedStdio {
  /** The exit code the command set; EXIT.failure when commander rejected the arguments. */
  code: number;
  /** The text of the file the command wrote through `--output`; '' when it wrote none (or `output` was not asked). */
  output: string;
}

export interface RunCommandOptions {
  /**
   * Appends `--output <temporary file>` and returns that file's text as `output`; a string is the file name's ending
   * (e.g. '.json'). The file is removed afterwards.
   */
  output?: boolean | string;
  /** Captures process.stdout too. Off by default: in a test file stdout carries the test runner's report. */
  stdout?: boolean;
}

/**
 * Runs `body` with process.stderr (and, when asked, process.stdout) captured; returns what was written there.
 * The streams are restored even when `body` throws.
 */
export async function captureStdio(
  body: () => Promise<unknown>,
  options: { stdout?: boolean } = {},
): Promise<CapturedStdio> {
  const out: string[] = [];
  const err: string[] = [];
  const writeOut = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  if (options.stdout) {
    process.stdout.write = ((chunk: string | Uint8Array) => out.push(String(chunk)) > 0) as typeof process.stdout.write;
  }
  process.stderr.write = ((chunk: string | Uint8Array) => err.push(String(chunk)) > 0) as typeof process.stderr.write;
  try {
    await body();
  } finally {
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
  }
  return { stdout: out.join(''), stderr: err.join('') };
}

/**
 * Runs `args` through a `mageup` program that has only the given command(s) registered, wired as src/cli/main.ts wires
 * them and through main's error handling (so a CLI test does not depend on the other commands).
 */
export async function runCommand(
  register: RegisterCommand | RegisterCommand[],
  args: string[],
  options: RunCommandOptions = {},
): Promise<CommandResult> {
  const work = options.output ? mkdtempSync(join(tmpdir(), 'mageup-cli-test-')) : undefined;
  const outputFile = work ? join(work, `output${typeof options.output === 'string' ? options.output : ''}`) : undefined;
  let code: number = EXIT.ok;
  const program = new Command('mageup')
    .exitOverride()
    .configureOutput({ writeErr: (m) => process.stderr.write(m), writeOut: (m) => process.stdout.write(m) });
  for (const r of Array.isArray(register) ? register : [register]) r(program, (c) => (code = c));
  try {
    const stdio = await captureStdio(
      async () => {
        code = await runProgram(program, outputFile ? [...args, '--output', outputFile] : args, () => code);
      },
      { stdout: options.stdout },
    );
    return { code, output: outputFile ? readIfWritten(outputFile) : '', ...stdio };
  } finally {
    if (work) rmSync(work, { recursive: true, force: true });
  }
}

function readIfWritten(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
