import type { MonitorRule } from '../types.js';
import { errorTitle, whereFrom } from './describe.js';

export const errorClass: MonitorRule = {
  meta: {
    id: 'monitor/error-class',
    severity: 'warning',
    category: 'monitoring',
    description: 'An error class in the logs (no cutover given to compare with)',
    docs: 'Without --cutover nothing can be called new or regressed: each class of ERROR or worse is listed once.',
  },
  check({ facts, report }) {
    if (facts.cutover) return;
    for (const e of facts.errors) {
      if (e.level === 'WARNING') continue;
      if (e.cronJob) continue; // a failed cron job's records: monitor/cron-failed reports them once
      report({
        severity: 'warning',
        ...(e.origin?.module ? { module: e.origin.module } : {}),
        ...(e.origin?.package ? { package: e.origin.package } : {}),
        ...(e.origin ? { file: e.origin.file, line: e.origin.line } : {}),
        subject: e.fingerprint,
        fingerprint: e.fingerprint,
        message: `${e.level} ${errorTitle(e)} — ${e.count}× (${e.firstSeen} … ${e.lastSeen}), from ${whereFrom(e)}`,
        recommendation: `Read the records in ${e.sources.join(', ')}; give --cutover to tell new errors from old ones.`,
      });
    }
  },
};
