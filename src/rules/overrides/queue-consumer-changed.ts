import type { Rule } from '../rule.js';
import { CORE_FILE_MESSAGES, reportCoreFileChanges } from './core-file-changes.js';

/** Core message-queue declarations whose change matters to a store that runs consumers. */
const QUEUE_FILES = [
  'etc/queue_consumer.xml',
  'etc/queue_topology.xml',
  'etc/queue_publisher.xml',
  'etc/communication.xml',
];

export const queueConsumerChanged: Rule = {
  meta: {
    id: 'overrides/queue-consumer-changed',
    severity: 'info',
    category: 'overrides',
    description: 'Core message-queue consumers or topology added, removed or changed in the target',
    docs: 'When `cron_consumers_runner/consumers` (env.php) or supervisor configs list consumers by hand, added or removed consumers must be added there; topology changes matter when AMQP is used. Custom queue_*.xml bound to a changed core topology should be reviewed.',
    recommendations: {
      updateConsumerList:
        'If env.php cron_consumers_runner/consumers or supervisor lists consumers by hand, update that list.',
      reviewQueueConfig: 'Review custom queue configuration bound to this topology.',
    },
    messages: { ...CORE_FILE_MESSAGES, consumersNote: ' (queue consumers {{how}})' },
  },
  check(context) {
    reportCoreFileChanges(context, QUEUE_FILES, (file, how) =>
      file.endsWith('queue_consumer.xml')
        ? { note: { messageId: 'consumersNote', data: { how } }, recommendationId: 'updateConsumerList' }
        : { recommendationId: 'reviewQueueConfig' },
    );
  },
};
