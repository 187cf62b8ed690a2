// A plan is recorded in the project's run history like audits and checks: the path, the effort and the finish date,
// so a later `mageup history` shows how the plan moved.
import { knowledgeBaseVersion, recordRun, storeFor } from '../history/record.js';
import type { Plan } from './types.js';

export function planSummary(plan: Plan): Record<string, unknown> {
  return {
    path: [plan.current.version, ...plan.hops.map((h) => h.to)],
    direct: plan.direct,
    totalHours: plan.totalHours,
    start: plan.schedule.start,
    finish: plan.schedule.finish,
    endOfSupport: plan.schedule.endOfSupport,
    meetsEndOfSupport: plan.schedule.meetsEndOfSupport,
    warnings: plan.warnings.length,
  };
}

export function recordPlan(plan: Plan, store?: string): Promise<{ id: number; store: string } | { error: string }> {
  const kbVersion = knowledgeBaseVersion();
  return recordRun(
    {
      project: plan.project.root,
      command: 'plan',
      recordedAt: new Date(),
      toolVersion: plan.tool.version,
      ...(kbVersion ? { kbVersion } : {}),
      currentVersion: plan.current.version,
      targets: plan.hops.map((h) => h.to),
      summary: planSummary(plan),
      findings: [],
    },
    storeFor(plan.project.root, store),
  );
}
