import type { MonitorRule } from '../types.js';
import { errorTitle, rate, whereFrom } from './describe.js';

export const errorRate: MonitorRule = {
  meta: {
    id: 'monitor/error-rate-increase',
    severity: 'error',
    category: 'monitoring',
    description: 'An error class more frequent after the cutover, relative to traffic',
    docs: 'Rates are compared per 1,000 dynamic requests of the access log when one covers both windows (more traffic gives more errors without anything being worse), else per hour of log. A class regresses when its rate grows by the rate factor (default 2×) with at least the minimum count (default 5) after the cutover.',
  },
  check({ facts, thresholds, report }) {
    const unit = facts.rateBasis.unit;
    for (const e of facts.errors) {
      if (e.status !== 'increased' || e.rateBefore === undefined || e.rateAfter === undefined) continue;
      if (e.cronJob) continue; // a failed cron job's records: monitor/cron-failed reports them once
      report({
        severity: e.level === 'WARNING' ? 'warning' : 'error',
        ...(e.origin?.module ? { module: e.origin.module } : {}),
        ...(e.origin?.package ? { package: e.origin.package } : {}),
        ...(e.origin ? { file: e.origin.file, line: e.origin.line } : {}),
        subject: e.fingerprint,
        fingerprint: `rate-${e.fingerprint}`,
        message:
          `More frequent since the cutover: ${errorTitle(e)} — ` +
          `${rate(e.rateBefore, unit)} before, ${rate(e.rateAfter, unit)} after (${e.before} → ${e.after} occurrences, ` +
          `≥ ${thresholds.rateFactor}×), from ${whereFrom(e)}`,
        recommendation: `Compare what changed for ${e.origin?.module ?? 'this code path'} in the deployment; the stack is in ${e.sources.join(', ')}.`,
      });
    }
  },
};
