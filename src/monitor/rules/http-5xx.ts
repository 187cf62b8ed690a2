import type { WindowStats } from '../access-log.js';
import type { MonitorRule } from '../types.js';

const pct = (n: number, of: number): string => (of === 0 ? 'n/a' : `${((100 * n) / of).toFixed(2)} %`);

/** 5xx (error) or 4xx (warning) share per route family, after vs before the cutover. */
export function judge(kind: '5xx' | '4xx', pick: (w: WindowStats) => number, min: number): MonitorRule['check'] {
  return ({ facts, thresholds, report }) => {
    if (!facts.traffic || !facts.cutover) return;
    for (const f of facts.traffic.families) {
      if (f.family === 'static' && kind === '4xx') continue;
      const after = pick(f.after);
      if (after < min || f.after.requests === 0) continue;
      const rAfter = after / f.after.requests;
      const before = pick(f.before);
      const rBefore = f.before.requests > 0 ? before / f.before.requests : undefined;
      const worse =
        rBefore === undefined
          ? false
          : rBefore === 0
            ? true
            : rAfter >= thresholds.rateFactor * rBefore && rAfter - rBefore >= 0.005;
      if (!worse) continue;
      report({
        severity: kind === '5xx' ? 'error' : 'warning',
        subject: `${kind} ${f.family}`,
        message:
          `${kind} responses on ${f.family} pages rose from ${pct(before, f.before.requests)} (${before} of ${f.before.requests}) ` +
          `to ${pct(after, f.after.requests)} (${after} of ${f.after.requests}) since the cutover`,
        recommendation:
          kind === '5xx'
            ? `Match the times of the 5xx on ${f.family} with var/log/exception.log and the web server error log.`
            : `List the 4xx URLs of ${f.family} after the cutover: missing URL rewrites, removed routes, changed REST/GraphQL schemas.`,
      });
    }
  };
}

export const http5xx: MonitorRule = {
  meta: {
    id: 'monitor/http-5xx-increase',
    severity: 'error',
    category: 'monitoring',
    description: 'Server errors (5xx) more frequent on a route family after the cutover',
    docs: 'Per route family (category, product, catalog URL, search, checkout, customer, REST, GraphQL, admin): the share of 5xx responses after the cutover is at least the rate factor times the share before (and 0.5 points more), with at least 5 of them.',
  },
  check: judge('5xx', (w) => w.status5xx, 5),
};
