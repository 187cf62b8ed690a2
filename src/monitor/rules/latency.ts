import type { MonitorRule } from '../types.js';

export const latency: MonitorRule = {
  meta: {
    id: 'monitor/latency-increase',
    severity: 'warning',
    category: 'monitoring',
    description: 'p95 latency of a route family 1.5× higher after the cutover',
    docs: 'Only when the access log records request times and each window holds at least 100 timed requests of the family. Quantiles are within 2 % (log-bucketed histogram).',
  },
  check({ facts, report }) {
    if (!facts.traffic || !facts.cutover) return;
    for (const f of facts.traffic.families) {
      if (f.family === 'static') continue;
      const b = f.before.p95Ms;
      const a = f.after.p95Ms;
      if (b === undefined || a === undefined || f.before.timed < 100 || f.after.timed < 100) continue;
      if (a < 1.5 * b || a - b < 50) continue;
      report({
        severity: 'warning',
        subject: `latency ${f.family}`,
        message: `p95 latency of ${f.family} pages rose from ${b} ms to ${a} ms since the cutover (p50 ${f.before.p50Ms} → ${f.after.p50Ms} ms)`,
        recommendation:
          'Check caches (full page cache hit rate, Redis), indexers in "Update by schedule" with a backlog, and the PHP-FPM slow log.',
      });
    }
  },
};
