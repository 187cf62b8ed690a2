import type { Rule } from '../rule.js';
import { UNCERTAINTY_MESSAGES } from './service-versions.js';
import { reportServiceChange } from './service-change.js';

/** RabbitMQ (AMQP message queues) against the versions the target supports. */
export const rabbitmq: Rule = {
  meta: {
    id: 'platform/rabbitmq',
    severity: 'warning',
    category: 'platform',
    description: 'The RabbitMQ versions the target supports differ from the current release and the store uses AMQP.',
    docs:
      'When env.php configures `queue/amqp`, message queues run on RabbitMQ. When the target drops the versions the ' +
      'current release supported, upgrade the broker (drain the queues first: messages survive a broker upgrade ' +
      'only when it is done by the book).',
    recommendations: {
      upgrade: 'Drain the queues (stop the consumers), upgrade RabbitMQ to {{after}}, then deploy {{target}}.',
    },
    messages: {
      ...UNCERTAINTY_MESSAGES,
      noOverlap:
        'Message queues use RabbitMQ (queue/amqp); {{target}} supports RabbitMQ {{after}} ({{current}} supported {{before}}){{uncertainty}}.',
      changed:
        'Message queues use RabbitMQ (queue/amqp); {{target}} supports RabbitMQ {{after}} ({{current}} supported {{before}}){{uncertainty}}.',
    },
    messageSeverity: { changed: 'info' },
  },
  check(ctx) {
    if (ctx.project.kind === 'extension') return;
    if (!ctx.project.services.queue?.amqp) return;
    reportServiceChange(ctx, 'rabbitmq', ctx.platform?.settings.amqp, { noOverlap: 2, changed: 0.5 });
  },
};
