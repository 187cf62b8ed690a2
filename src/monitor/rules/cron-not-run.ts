import type { MonitorRule } from '../types.js';

export const cronNotRun: MonitorRule = {
  meta: {
    id: 'monitor/cron-not-run',
    severity: 'error',
    category: 'monitoring',
    description: 'A cron job has not run since the cutover',
    docs: "Scheduled since the cutover, due for more than 15 minutes, and never started. Also: jobs of the project's own modules (crontab.xml) with no schedule row since the cutover — which is expected for jobs that run less often than the time since the cutover, so info only.",
  },
  check({ facts, report }) {
    if (!facts.cutover || !facts.store || facts.store.cron.unavailable) return;
    const seen = new Set<string>();
    for (const j of facts.store.cron.items) {
      seen.add(j.jobCode);
      if (j.ranSinceCutover > 0 || j.overdueSinceCutover === 0) continue;
      report({
        severity: 'error',
        subject: `cron ${j.jobCode}`,
        message: `Cron job ${j.jobCode} has not run since the cutover: ${j.overdueSinceCutover} scheduled runs are overdue${j.lastExecuted ? ` (last run ${j.lastExecuted})` : ''}`,
        recommendation:
          'Check the cron group of the job (its own process with use_separate_process), its consumer or lock, and cron.log.',
      });
    }
    const anyRan = facts.store.cron.items.some((j) => j.ranSinceCutover > 0);
    if (!anyRan) return;
    for (const c of facts.declaredCron) {
      if (seen.has(c.name)) continue;
      report({
        severity: 'info',
        module: c.module,
        file: c.file,
        line: c.line,
        subject: `cron ${c.name}`,
        message: `Cron job ${c.name} of ${c.module}${c.schedule ? ` (${c.schedule})` : ''} has no schedule row since the cutover (could not verify whether it is due yet)`,
        recommendation:
          'If its schedule should have made it run by now, check that the module is enabled and its schedule config is set.',
      });
    }
  },
};
