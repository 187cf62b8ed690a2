// A monitor run is recorded in the project's run history like audits and checks: its findings and summary, so
// `mageup history` and `mageup diff` show what changed since go-live.
import { knowledgeBaseVersion, recordRun, storeFor } from '../history/record.js';
import type { MonitorResult } from './types.js';

export function recordMonitor(
  result: MonitorResult,
  store?: string,
): Promise<{ id: number; store: string } | { error: string }> {
  const kbVersion = knowledgeBaseVersion();
  return recordRun(
    {
      project: result.project.root,
      command: 'monitor',
      recordedAt: new Date(),
      toolVersion: result.tool.version,
      ...(kbVersion ? { kbVersion } : {}),
      currentVersion: result.project.magentoVersion,
      targets: [],
      summary: result.summary,
      findings: result.findings,
    },
    storeFor(result.project.root, store),
  );
}
