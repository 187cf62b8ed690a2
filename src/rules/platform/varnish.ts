import type { Rule } from '../rule.js';
import { UNCERTAINTY_MESSAGES } from './service-versions.js';
import { reportServiceChange } from './service-change.js';

/** Varnish as full page cache against the Varnish versions the target supports. */
export const varnish: Rule = {
  meta: {
    id: 'platform/varnish',
    severity: 'warning',
    category: 'platform',
    description: 'The Varnish version the target supports differs from the current release and the store uses Varnish.',
    docs:
      'When the page cache is Varnish (`http_cache_hosts` or caching_application 2), each release supports given ' +
      'Varnish majors and ships a VCL for them. When the target drops the versions the current release supported, ' +
      'upgrade Varnish and regenerate the VCL (`bin/magento varnish:vcl:generate`).',
    recommendations: {
      upgrade:
        'Upgrade Varnish to {{after}} and regenerate the VCL with bin/magento varnish:vcl:generate after the code upgrade.',
    },
    messages: {
      ...UNCERTAINTY_MESSAGES,
      noOverlap:
        'The full page cache is Varnish; {{target}} supports Varnish {{after}} ({{current}} supported {{before}}){{uncertainty}}.',
      changed:
        'The full page cache is Varnish; {{target}} supports Varnish {{after}} ({{current}} supported {{before}}){{uncertainty}}.',
    },
    messageSeverity: { changed: 'info' },
  },
  check(ctx) {
    if (ctx.project.kind === 'extension') return;
    if (ctx.project.services.pageCache?.backend !== 'varnish') return;
    reportServiceChange(ctx, 'varnish', ctx.platform?.settings.pageCache, { noOverlap: 3, changed: 1 });
  },
};
