import type { MonitorRule } from '../types.js';
import { whereFrom } from './describe.js';

export const cronFailed: MonitorRule = {
  meta: {
    id: 'monitor/cron-failed',
    severity: 'error',
    category: 'monitoring',
    description: 'A cron job ended in error',
    docs: 'Rows of cron_schedule with status `error` in the window, with the latest message. Magento keeps failures for history_failure_lifetime (3 days by default). The job\'s own log records (the "Cron Job … has an error" line and its exception in cron.log) are part of this finding, not error classes of their own.',
  },
  check({ facts, report }) {
    for (const j of facts.store?.cron.items ?? []) {
      const n = j.statuses.error ?? 0;
      if (n === 0) continue;
      const logged = facts.errors.filter((e) => e.cronJob === j.jobCode);
      // The exception's frame says where the code failed; the summary line only knows the crontab.xml.
      const from =
        logged.find((e) => e.origin && !e.origin.file.endsWith('crontab.xml')) ?? logged.find((e) => e.origin);
      const isNew = logged.some((e) => e.status === 'new');
      const sources = [...new Set(logged.flatMap((e) => e.sources))];
      report({
        severity: 'error',
        ...(from?.origin?.module ? { module: from.origin.module } : {}),
        ...(from?.origin?.package ? { package: from.origin.package } : {}),
        ...(from?.origin ? { file: from.origin.file, line: from.origin.line } : {}),
        subject: `cron ${j.jobCode}`,
        message:
          `Cron job ${j.jobCode} failed ${n}×${j.lastError ? ` (last ${j.lastError.at}: ${j.lastError.message})` : ''}` +
          (from ? `, from ${whereFrom(from)}` : '') +
          (isNew ? ' — its error is new in the logs since the cutover' : ''),
        recommendation:
          `Run it by hand to see the error (bin/magento cron:run --group=… or n98-magerun2 sys:cron:run ${j.jobCode}) and fix its cause` +
          (sources.length > 0 ? `; the stack is in ${sources.join(', ')}.` : '.'),
      });
    }
  },
};
