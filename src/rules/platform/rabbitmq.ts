import type { Rule } from '../rule.js';
import { listVersions, uncertainty } from './service-versions.js';
import { serviceChange } from './service-change.js';

/** RabbitMQ (AMQP message queues) against the versions the target supports. */
export const rabbitmqRule: Rule = {
  meta: {
    id: 'platform/rabbitmq',
    severity: 'warning',
    category: 'platform',
    description: 'The RabbitMQ versions the target supports differ from the current release and the store uses AMQP.',
    docs:
      'When env.php configures `queue/amqp`, message queues run on RabbitMQ. When the target drops the versions the ' +
      'current release supported, upgrade the broker (drain the queues first: messages survive a broker upgrade ' +
      'only when it is done by the book).',
    messages: {
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
    const current = ctx.current.release;
    const target = ctx.target.release;
    const change = serviceChange(current, target, 'rabbitmq');
    if (!change || !current) return;
    const where = ctx.platform?.settings.amqp;
    ctx.report({
      file: where?.file,
      line: where?.line,
      subject: `rabbitmq ${target.version}`,
      messageId: change.noOverlap ? 'noOverlap' : 'changed',
      data: {
        target: target.version,
        after: listVersions(change.after),
        current: current.version,
        before: listVersions(change.before),
        uncertainty: uncertainty(target),
      },
      recommendation:
        `Drain the queues (stop the consumers), upgrade RabbitMQ to ${listVersions(change.after)}, then deploy ` +
        `${target.version}.`,
      effort: { hours: change.noOverlap ? 2 : 0.5, confidence: 'low' },
    });
  },
};
