import type { Rule } from '../rule.js';

/** Core message-queue declarations whose change matters to a store that runs consumers. */
const QUEUE_FILES = [
  'etc/queue_consumer.xml',
  'etc/queue_topology.xml',
  'etc/queue_publisher.xml',
  'etc/communication.xml',
];

export const rule: Rule = {
  meta: {
    id: 'overrides/queue-consumer-changed',
    severity: 'info',
    category: 'overrides',
    description: 'Core message-queue consumers or topology added, removed or changed in the target',
    docs: 'When `cron_consumers_runner/consumers` (env.php) or supervisor configs list consumers by hand, added or removed consumers must be added there; topology changes matter when AMQP is used. Custom queue_*.xml bound to a changed core topology should be reviewed.',
  },
  check(context) {
    const current = context.files?.current;
    const target = context.files?.target;
    if (!current || !target) return;
    const modules = new Set(context.project.modules.filter((m) => m.core && m.enabled !== false).map((m) => m.name));
    for (const module of [...modules].sort()) {
      if (!current.hasComponent(module) && !target.hasComponent(module)) continue;
      for (const file of QUEUE_FILES) {
        const before = current.hash(module, file);
        const after = target.hash(module, file);
        if (before === after) continue;
        const how = !before ? 'added' : !after ? 'removed' : 'changed';
        context.report({
          severity: 'info',
          module,
          subject: `${module} ${file}`,
          message: `${module} ${file} is ${how} in ${target.label}${file.endsWith('queue_consumer.xml') ? ` (queue consumers ${how})` : ''}.`,
          recommendation: file.endsWith('queue_consumer.xml')
            ? 'If env.php cron_consumers_runner/consumers or supervisor lists consumers by hand, update that list.'
            : 'Review custom queue configuration bound to this topology.',
        });
      }
    }
  },
};
