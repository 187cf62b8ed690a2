import type { MonitorRule } from '../types.js';

export const adminNotice: MonitorRule = {
  meta: {
    id: 'monitor/admin-notice',
    severity: 'warning',
    category: 'monitoring',
    description: 'Unread critical or major messages in the admin notification inbox',
    docs: 'adminnotification_inbox rows of severity critical (1) or major (2), unread and not removed, added in the window: Adobe security notices among them.',
  },
  check({ facts, report }) {
    for (const n of facts.store?.notices.items ?? []) {
      report({
        severity: n.severity === 'critical' ? 'warning' : 'info',
        subject: `notice ${n.title}`,
        message: `Admin inbox (${n.severity}, ${n.at}): ${n.title}`,
        recommendation: 'Read it in the admin (System › Notifications) and mark it read once handled.',
      });
    }
  },
};
