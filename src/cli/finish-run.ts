import type { SetExitCode } from './commands/index.js';
import { EXIT } from './exit.js';

/** What recordRun and its wrappers answer: the run's id, or why the history store could not take it. */
type Recorded = { id: number; store: string } | { error: string };

/**
 * The end every reporting command shares, once its report is out: record the run unless --no-history (a store that
 * cannot take it is a warning, never a failed command: the report stands), then exit 1 when the run fails its gate.
 */
export async function finishRun(
  command: string,
  run: { record: (() => Promise<Recorded>) | undefined; failing: boolean; what?: string },
  setExitCode: SetExitCode,
): Promise<void> {
  if (run.record) {
    const recorded = await run.record();
    if ('error' in recorded)
      process.stderr.write(`mageup ${command}: ${run.what ?? 'run'} not recorded in the history: ${recorded.error}\n`);
  }
  setExitCode(run.failing ? EXIT.findings : EXIT.ok);
}
