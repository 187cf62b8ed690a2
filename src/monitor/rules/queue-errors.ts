import type { MonitorRule } from '../types.js';

export const queueErrors: MonitorRule = {
  meta: {
    id: 'monitor/queue-errors',
    severity: 'error',
    category: 'monitoring',
    description: 'Messages of a database queue ended in error',
    docs: 'queue_message_status rows with status error (6): the consumer threw on them. Only the MySQL queue is in the database; AMQP (RabbitMQ) queues are not.',
  },
  check({ facts, report }) {
    for (const q of facts.store?.queues.items ?? []) {
      const total = q.statuses.error ?? 0;
      if (total === 0) continue;
      const recent = facts.cutover ? q.errorsSinceCutover : total;
      report({
        severity: recent > 0 ? 'error' : 'info',
        subject: `queue ${q.queue} errors`,
        message: `Queue ${q.queue}: ${total} messages in error${facts.cutover ? `, ${q.errorsSinceCutover} since the cutover` : ''}`,
        recommendation: `Run its consumer by hand (bin/magento queue:consumers:start <consumer> --max-messages=1) to see the error.`,
      });
    }
  },
};
