import type { MonitorRule } from '../types.js';
import { whereFrom } from './describe.js';

export const errorGone: MonitorRule = {
  meta: {
    id: 'monitor/error-gone',
    severity: 'info',
    category: 'monitoring',
    description: 'An error class seen before the cutover and not since',
    docs: 'Seen at least 3 times before the cutover and never after it, with at least an hour of log after the cutover. Good news, or a code path that no longer runs.',
  },
  check({ facts, report }) {
    if (!facts.cutover) return;
    for (const e of facts.errors) {
      if (e.status !== 'gone') continue;
      report({
        severity: 'info',
        ...(e.origin?.module ? { module: e.origin.module } : {}),
        ...(e.origin ? { file: e.origin.file } : {}),
        subject: e.fingerprint,
        fingerprint: `gone-${e.fingerprint}`,
        message: `Gone since the cutover: ${e.sample} — ${e.before}× before (last ${e.lastSeen}), from ${whereFrom(e)}`,
        recommendation:
          'Nothing to do if it was fixed; if the code path should still run (a cron job, an import), check that it does.',
      });
    }
  },
};
