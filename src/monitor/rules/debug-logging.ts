import type { MonitorRule } from '../types.js';

export const debugLogging: MonitorRule = {
  meta: {
    id: 'monitor/debug-logging',
    severity: 'info',
    category: 'monitoring',
    description: 'debug.log keeps growing in production',
    docs: 'Debug logging (dev/debug/debug_logging) writes every cache and layout event: disk, I/O and noise that hides the errors that matter.',
  },
  check({ facts, report }) {
    const n = facts.noise.debugLogAfterCutover;
    if (n === 0) return;
    report({
      severity: 'info',
      file: 'var/log/debug.log',
      subject: 'debug.log',
      message: `debug.log received ${n} lines${facts.cutover ? ' since the cutover' : ''}: debug logging is on`,
      recommendation:
        'bin/magento setup:config:set --enable-debug-logging=false (production mode turns it off by default).',
    });
  },
};
