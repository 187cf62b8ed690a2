// A verify run is recorded in the run history of its project (--project), else of the working directory: the
// findings, the probes and the comparison with the baseline, so `mageup history` shows the store before and after.
import { defaultStoreDir } from '../history/run-store.js';
import { recordRun } from '../history/record.js';
import type { VerifyRun } from './types.js';

export function recordVerify(
  run: VerifyRun,
  store?: string,
): Promise<{ id: number; store: string } | { error: string }> {
  return recordRun(
    {
      project: run.project ?? run.baseUrl,
      command: 'verify',
      recordedAt: new Date(run.date),
      toolVersion: run.tool.version,
      currentVersion: null,
      targets: [],
      summary: { baseUrl: run.baseUrl, probes: run.probes, comparison: run.comparison, budget: run.budget },
      findings: run.findings,
    },
    store ?? defaultStoreDir(run.project ?? process.cwd()),
  );
}
