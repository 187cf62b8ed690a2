import type { MonitorRule } from '../types.js';
import { errorTitle, whereFrom } from './describe.js';

export const newError: MonitorRule = {
  meta: {
    id: 'monitor/new-error',
    severity: 'error',
    category: 'monitoring',
    description: 'An error class first seen after the cutover',
    docs: "An error (normalised message + top frames of the project's own code) that the logs never show before the cutover but do after it: the upgrade or the deployment most likely brought it.",
  },
  check({ facts, report }) {
    if (!facts.cutover) return;
    const covered = facts.coverage.beforeHours > 0;
    for (const e of facts.errors) {
      if (e.status !== 'new') continue;
      if (e.cronJob) continue; // a failed cron job's records: monitor/cron-failed reports them once
      const major = e.level !== 'WARNING';
      report({
        severity: covered ? (major ? 'error' : 'warning') : 'warning',
        ...(e.origin?.module ? { module: e.origin.module } : {}),
        ...(e.origin?.package ? { package: e.origin.package } : {}),
        ...(e.origin ? { file: e.origin.file, line: e.origin.line } : {}),
        subject: e.fingerprint,
        fingerprint: e.fingerprint,
        message:
          `New since the cutover: ${e.level} ${errorTitle(e)} — ` +
          `${e.after}× since ${e.firstSeen}, from ${whereFrom(e)}` +
          (covered ? '' : ` (could not verify it is new: the logs hold nothing before the cutover)`),
        recommendation:
          e.origin && (e.origin.owner === 'custom' || e.origin.owner === 'third-party')
            ? `Fix or roll back ${e.origin.module ?? e.origin.package ?? e.origin.file}; the stack is in ${e.sources.join(', ')}.`
            : `Read the full record in ${e.sources.join(', ')}; check the deployment (compiled code, static content, config) before suspecting Magento.`,
      });
    }
  },
};
