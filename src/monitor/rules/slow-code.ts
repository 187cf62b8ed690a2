import type { MonitorRule } from '../types.js';

export const slowCode: MonitorRule = {
  meta: {
    id: 'monitor/slow-requests',
    severity: 'warning',
    category: 'monitoring',
    description: "PHP-FPM slow-log entries in the project's own code, new or more frequent after the cutover",
    docs: 'Each slow-log entry is blamed on the first frame of custom or extension code in its stack (else the innermost frame). Reported when the place shows at least 3 times after the cutover and at least twice as often as before.',
  },
  check({ facts, report }) {
    if (!facts.slow) return;
    for (const g of facts.slow.groups) {
      if (g.after < 3) continue;
      if (facts.cutover && g.before > 0 && g.after < 2 * g.before) continue;
      const own = g.origin && (g.origin.owner === 'custom' || g.origin.owner === 'third-party');
      report({
        severity: own ? 'warning' : 'info',
        ...(g.origin?.module ? { module: g.origin.module } : {}),
        ...(g.origin ? { file: g.origin.file, line: g.origin.line } : {}),
        subject: `slow ${g.key}`,
        message: `${g.after} slow requests${facts.cutover ? ` since the cutover (${g.before} before)` : ''} spent their time in ${g.call}() at ${g.origin ? `${g.origin.file}:${g.origin.line}` : g.key}${own ? '' : ' (no custom or extension frame in the stack)'}`,
        recommendation:
          'Profile this call path; remote calls (curl, SOAP) without timeouts in a request are the usual cause.',
      });
    }
  },
};
