/** The monitor's worker thread: reads one unit (a log file or a chunk of one) into aggregates. */
import { scanUnit, type ScanAnswer, type ScanTask } from './parallel.js';

export default function scanTask(task: ScanTask): Promise<ScanAnswer> {
  return scanUnit(task);
}
