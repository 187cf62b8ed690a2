import type { Rule } from '../rule.js';
import { CORE_FILE_MESSAGES, reportCoreFileChanges } from './core-file-changes.js';

export const coreCronChanged: Rule = {
  meta: {
    id: 'overrides/core-cron-changed',
    severity: 'info',
    category: 'overrides',
    description: 'Core cron jobs or cron groups added, removed or changed in the target',
    docs: 'Core crontab.xml/cron_groups.xml changes move schedules and groups: custom jobs in the same group, server crontabs that run single groups, and custom crontab.xml entries that reschedule or disable core jobs by name need a look.',
    recommendations: {
      checkCronJobs: 'Check custom cron jobs in the same groups and any job that reschedules a core job by name.',
    },
    messages: CORE_FILE_MESSAGES,
  },
  check(context) {
    // Only worth saying when the project has cron jobs of its own (or reschedules core ones).
    if (!context.project.modules.some((m) => !m.core && m.customizations.cronJobs.length > 0)) return;
    reportCoreFileChanges(context, ['etc/crontab.xml', 'etc/cron_groups.xml'], () => ({
      recommendationId: 'checkCronJobs',
    }));
  },
};
