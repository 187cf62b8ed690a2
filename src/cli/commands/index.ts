import type { Command } from 'commander';
import { register as registerApiDiff } from './api-diff.js';
import { register as registerAudit } from './audit.js';
import { register as registerCheck } from './check.js';
import { register as registerFix } from './fix.js';
import { register as registerHistory } from './history.js';
import { register as registerDiff } from './diff.js';
import { register as registerDb } from './db.js';
import { register as registerIndex } from './index-cmd.js';
import { register as registerKb } from './kb.js';
import { register as registerPlan } from './plan.js';
import { register as registerMonitor } from './monitor.js';
import { register as registerVerify } from './verify.js';
import { register as registerFleet } from './fleet.js';
import { register as registerWorker } from './worker.js';
import { register as registerServe } from './serve.js';

/** Sets the process exit code from inside a command action. */
export type SetExitCode = (code: number) => void;

/** One module per command; each exports `register(program, setExitCode)`. Add new commands here. */
export function registerCommands(program: Command, setExitCode: SetExitCode): void {
  registerApiDiff(program, setExitCode);
  registerAudit(program, setExitCode);
  registerCheck(program, setExitCode);
  registerFix(program, setExitCode);
  registerHistory(program, setExitCode);
  registerDiff(program, setExitCode);
  registerDb(program, setExitCode);
  registerIndex(program, setExitCode);
  registerKb(program, setExitCode);
  registerPlan(program, setExitCode);
  registerMonitor(program, setExitCode);
  registerVerify(program, setExitCode);
  registerFleet(program, setExitCode);
  registerWorker(program, setExitCode);
  registerServe(program, setExitCode);
}
