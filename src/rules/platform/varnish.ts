import type { Rule } from '../rule.js';
import { listVersions, uncertainty } from './service-versions.js';
import { serviceChange } from './service-change.js';

/** Varnish as full page cache against the Varnish versions the target supports. */
export const varnishRule: Rule = {
  meta: {
    id: 'platform/varnish',
    severity: 'warning',
    category: 'platform',
    description: 'The Varnish version the target supports differs from the current release and the store uses Varnish.',
    docs:
      'When the page cache is Varnish (`http_cache_hosts` or caching_application 2), each release supports given ' +
      'Varnish majors and ships a VCL for them. When the target drops the versions the current release supported, ' +
      'upgrade Varnish and regenerate the VCL (`bin/magento varnish:vcl:generate`).',
  },
  check(ctx) {
    if (ctx.project.kind === 'extension') return;
    if (ctx.project.services.pageCache?.backend !== 'varnish') return;
    const current = ctx.current.release;
    const target = ctx.target.release;
    const change = serviceChange(current, target, 'varnish');
    if (!change || !current) return;
    const where = ctx.platform?.settings.pageCache;
    ctx.report({
      severity: change.noOverlap ? 'warning' : 'info',
      file: where?.file,
      line: where?.line,
      subject: `varnish ${target.version}`,
      message:
        `The full page cache is Varnish; ${target.version} supports Varnish ${listVersions(change.after)} ` +
        `(${current.version} supported ${listVersions(change.before)})${uncertainty(target)}.`,
      recommendation:
        `Upgrade Varnish to ${listVersions(change.after)} and regenerate the VCL with ` +
        `bin/magento varnish:vcl:generate after the code upgrade.`,
      effort: { hours: change.noOverlap ? 3 : 1, confidence: 'low' },
    });
  },
};
