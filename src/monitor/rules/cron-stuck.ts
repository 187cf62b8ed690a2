import type { MonitorRule } from '../types.js';

export const cronStuck: MonitorRule = {
  meta: {
    id: 'monitor/cron-stuck',
    severity: 'error',
    category: 'monitoring',
    description: 'A cron job has been running for longer than the stuck threshold',
    docs: 'A `running` row older than --stuck-minutes (60 by default): the process died (its row stays running for ever and blocks the job) or hangs.',
  },
  check({ facts, thresholds, report }) {
    for (const j of facts.store?.cron.items ?? []) {
      if (!j.stuckSince) continue;
      report({
        severity: 'error',
        subject: `cron ${j.jobCode}`,
        message: `Cron job ${j.jobCode} has been running since ${j.stuckSince} (over ${thresholds.stuckMinutes} min)`,
        recommendation:
          'Check whether the process still lives (ps); if not, mark the row as error so the job runs again.',
      });
    }
  },
};
