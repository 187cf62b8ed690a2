import type { Edition, Services } from '../../project/model.js';
import type { AuditReport } from './audit-report.js';

/** Human names shared by the text and Markdown renderers. */
export const EDITION_NAMES: Record<Edition, string> = {
  'open-source': 'Magento Open Source',
  commerce: 'Adobe Commerce',
  'mage-os': 'Mage-OS',
  b2b: 'Adobe Commerce with B2B',
  unknown: 'unknown edition',
};

export function magentoLine(report: AuditReport): string {
  const m = report.magento;
  if (report.project.kind === 'extension') return 'Magento extension (analysed on its own)';
  const version = m.version ?? 'version unknown';
  const upstream = m.upstreamVersion ? ` (based on Magento ${m.upstreamVersion})` : '';
  const from = m.versionSource ? ` — from ${m.versionSource}${m.productPackage ? ` (${m.productPackage})` : ''}` : '';
  return `${EDITION_NAMES[m.edition]} ${version}${upstream}${from}`;
}

/** Service rows: [label, value]. Secrets are never in the model; this only says whether they are set. */
export function serviceRows(services: Services): [string, string][] {
  if (!services.present) return [];
  const rows: [string, string][] = [];
  if (services.mode) rows.push(['Mode', services.mode]);
  if (services.adminFrontName) rows.push(['Admin path', services.adminFrontName]);
  if (services.db) {
    const db = services.db;
    const parts = [db.host, db.dbname && `database ${db.dbname}`, db.username && `user ${db.username}`];
    if (db.password) parts.push('password set (redacted)');
    if (db.tablePrefix) parts.push(`table prefix ${db.tablePrefix}`);
    rows.push(['Database', parts.filter(Boolean).join(', ')]);
  }
  for (const [id, fe] of Object.entries(services.cache?.frontend ?? {})) {
    rows.push([`Cache (${id})`, fe.server ? `${fe.backend} @ ${fe.server}` : fe.backend]);
  }
  if (services.pageCache) {
    rows.push([
      'Full-page cache',
      services.pageCache.server
        ? `${services.pageCache.backend} @ ${services.pageCache.server}`
        : services.pageCache.backend,
    ]);
  }
  if (services.session) {
    rows.push([
      'Sessions',
      services.session.server ? `${services.session.save} @ ${services.session.server}` : services.session.save,
    ]);
  }
  if (services.queue?.amqp) {
    rows.push([
      'Message queue',
      `AMQP ${[services.queue.amqp.host, services.queue.amqp.port].filter(Boolean).join(':')}`,
    ]);
  }
  if (services.searchEngine) {
    const s = services.searchEngine;
    rows.push([
      'Search engine',
      `${s.engine}${s.host ? ` @ ${[s.host, s.port].filter(Boolean).join(':')}` : ''} (${s.source})`,
    ]);
  }
  if (services.lock) rows.push(['Lock provider', services.lock.provider]);
  return rows;
}

export function countsLine(record: Record<string, number>): string {
  return Object.entries(record)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
}

/**
 * The PHP/phtml files of the code under check, in every format alike: third-party means what packagesBySource calls
 * third-party; Magento's bundled extensions (not checked unless --include-bundled) are named apart.
 */
export function codeFilesLine(files: AuditReport['summary']['codeFiles']): string {
  const bundled = files.bundled
    ? ` (${files.bundled} more in Magento's bundled extensions, checked only with --include-bundled)`
    : '';
  return `${files.custom} custom and ${files.vendor} third-party PHP/phtml files${bundled}`;
}

/** Short column headers for the customization table. */
export const CUSTOMIZATION_COLUMNS: [keyof AuditReport['customizations']['totals'], string][] = [
  ['preferences', 'pref'],
  ['plugins', 'plugins'],
  ['virtualTypes', 'vtypes'],
  ['typeArguments', 'args'],
  ['observers', 'observers'],
  ['cronJobs', 'cron'],
  ['dbSchema', 'tables'],
  ['webapiRoutes', 'webapi'],
  ['graphqlSchemas', 'graphql'],
  ['routes', 'routes'],
  ['layouts', 'layouts'],
  ['templates', 'templates'],
  ['requirejs', 'requirejs'],
  ['setupScripts', 'setup'],
];
