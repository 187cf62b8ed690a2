import type { MonitorRule } from '../types.js';

export const cronStopped: MonitorRule = {
  meta: {
    id: 'monitor/cron-stopped',
    severity: 'critical',
    category: 'monitoring',
    description: 'No cron job has started for 30 minutes',
    docs: "The latest executed_at of cron_schedule is more than 30 minutes before the database server's clock: the system crontab does not run bin/magento cron:run (often lost when the server or the deployment changed).",
  },
  check({ facts, report }) {
    const cron = facts.store?.cron;
    if (!facts.store || !cron || cron.unavailable) return;
    const now = Date.parse(facts.store.now);
    const last = cron.lastActivity ? Date.parse(cron.lastActivity) : undefined;
    if (last !== undefined && now - last <= 30 * 60_000) return;
    report({
      severity: 'critical',
      subject: 'cron stopped',
      message: last
        ? `No cron job has started since ${cron.lastActivity} (${Math.round((now - last) / 60_000)} min before the database clock)`
        : 'cron_schedule has no job that ever started: cron does not run',
      recommendation:
        'Install the crontab (bin/magento cron:install) for the user that runs Magento, and check cron.log.',
    });
  },
};
