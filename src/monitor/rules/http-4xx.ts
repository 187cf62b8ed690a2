import type { MonitorRule } from '../types.js';
import { judge } from './http-5xx.js';

export const http4xx: MonitorRule = {
  meta: {
    id: 'monitor/http-4xx-increase',
    severity: 'warning',
    category: 'monitoring',
    description: 'Client errors (4xx) more frequent on a route family after the cutover',
    docs: 'Same comparison as the 5xx rule, with at least 20 responses: 404s on catalog URLs after an upgrade often mean lost URL rewrites.',
  },
  check: judge('4xx', (w) => w.status4xx, 20),
};
