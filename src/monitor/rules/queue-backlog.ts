import type { MonitorRule } from '../types.js';

export const queueBacklog: MonitorRule = {
  meta: {
    id: 'monitor/queue-backlog',
    severity: 'warning',
    category: 'monitoring',
    description: 'Messages of a database queue waiting longer than the threshold',
    docs: 'New messages older than --queue-age minutes (60 by default): its consumer does not run (consumers_runner cron, or cron_consumers_runner.cron_run = false).',
  },
  check({ facts, thresholds, report }) {
    const store = facts.store;
    if (!store) return;
    const now = Date.parse(store.now);
    for (const q of store.queues.items) {
      const waiting = (q.statuses.new ?? 0) + (q.statuses['retry-required'] ?? 0);
      if (waiting === 0 || !q.oldestNew) continue;
      const age = (now - Date.parse(q.oldestNew)) / 60_000;
      if (age <= thresholds.queueAgeMinutes) continue;
      report({
        severity: 'warning',
        subject: `queue ${q.queue} backlog`,
        message: `Queue ${q.queue}: ${waiting} messages waiting, the oldest since ${q.oldestNew} (${Math.round(age)} min)`,
        recommendation:
          'Check that its consumer runs: bin/magento queue:consumers:list, the consumers_runner cron job, and env.php cron_consumers_runner.',
      });
    }
  },
};
