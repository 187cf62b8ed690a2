import type { MonitorRule } from '../types.js';

export const cronMissed: MonitorRule = {
  meta: {
    id: 'monitor/cron-missed',
    severity: 'warning',
    category: 'monitoring',
    description: 'A cron job was missed (not started within schedule_ahead/missed_if_not_run_within)',
    docs: 'Missed runs mean the cron process runs too rarely or a group is blocked by a long job.',
  },
  check({ facts, report }) {
    for (const j of facts.store?.cron.items ?? []) {
      const n = j.statuses.missed ?? 0;
      if (n === 0) continue;
      report({
        severity: 'warning',
        subject: `cron ${j.jobCode}`,
        message: `Cron job ${j.jobCode} was missed ${n}×${j.lastSuccess ? ` (last success ${j.lastSuccess})` : ''}`,
        recommendation:
          'Check that the system crontab runs bin/magento cron:run every minute and that no job of the same group runs for hours.',
      });
    }
  },
};
