import type { MonitorRule } from '../types.js';

export const cronFailed: MonitorRule = {
  meta: {
    id: 'monitor/cron-failed',
    severity: 'error',
    category: 'monitoring',
    description: 'A cron job ended in error',
    docs: 'Rows of cron_schedule with status `error` in the window, with the latest message. Magento keeps failures for history_failure_lifetime (3 days by default).',
  },
  check({ facts, report }) {
    for (const j of facts.store?.cron.items ?? []) {
      const n = j.statuses.error ?? 0;
      if (n === 0) continue;
      report({
        severity: 'error',
        subject: `cron ${j.jobCode}`,
        message: `Cron job ${j.jobCode} failed ${n}×${j.lastError ? ` (last ${j.lastError.at}: ${j.lastError.message})` : ''}`,
        recommendation: `Run it by hand to see the error (bin/magento cron:run --group=… or n98-magerun2 sys:cron:run ${j.jobCode}) and fix its cause.`,
      });
    }
  },
};
