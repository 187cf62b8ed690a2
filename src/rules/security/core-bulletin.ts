import { bulletinsMissing, type MagentoReleaseCatalog } from '../../knowledge/catalog.js';
import { compareMagentoVersions } from '../../knowledge/magento-version.js';
import type { ReleaseCatalog } from '../../knowledge/types.js';
import type { Rule } from '../rule.js';

function isMagentoCatalog(catalog: ReleaseCatalog): catalog is MagentoReleaseCatalog {
  return typeof (catalog as Partial<MagentoReleaseCatalog>).bulletins === 'function';
}

/** Adobe security bulletins (APSB) the current core version lacks, with the release that fixes each. */
export const coreBulletinRule: Rule = {
  meta: {
    id: 'security/core-bulletin',
    severity: 'critical',
    category: 'security',
    description: 'The current Magento version lacks fixes from Adobe security bulletins (APSB).',
    docs:
      'Adobe publishes a security bulletin (APSB) with every security release. A version that predates the fix of a ' +
      'bulletin on its line (or whose line got no fix at all) is exposed. For each missing bulletin MageUp names the ' +
      'release that fixes it on the current line, and whether the target includes the fix. Fix: upgrade; until ' +
      'then, apply the security patch release of the current line.',
  },
  check(ctx) {
    const current = ctx.current.release;
    if (!current || ctx.project.kind === 'extension' || !isMagentoCatalog(ctx.catalog)) return;
    const catalog = ctx.catalog;
    const missing = bulletinsMissing(current, catalog);
    if (missing.length === 0) return;
    const stillMissingAtTarget = new Set(bulletinsMissing(ctx.target.release, catalog));
    const records = new Map(catalog.bulletins().map((b) => [b.id, b]));
    const product = ctx.project.magento.productPackage ?? undefined;
    for (const id of missing) {
      const bulletin = records.get(id);
      const fixes = [...(bulletin?.fixedIn ?? [])].sort(compareMagentoVersions);
      const onLine = fixes.find(
        (v) => catalog.get(v)?.minor === current.minor && compareMagentoVersions(v, current.version) > 0,
      );
      const later = fixes.find((v) => compareMagentoVersions(v, current.version) > 0);
      const fix = onLine ?? later;
      const targetFixes = !stillMissingAtTarget.has(id);
      const target = ctx.target.release;
      const onTargetLine = fixes.find(
        (v) => catalog.get(v)?.minor === target.minor && compareMagentoVersions(v, target.version) > 0,
      );
      const uncertain =
        bulletin?.confidence === 'low' ? ' (uncertain: the affected versions are derived from the fixed releases)' : '';
      ctx.report({
        severity: 'critical',
        package: product,
        file: 'composer.lock',
        subject: `${id}`,
        message:
          `Magento ${current.version} lacks the fixes of ${id}` +
          (bulletin?.severity
            ? ` (${bulletin.severity}` + (bulletin.date ? `, ${bulletin.date})` : ')')
            : bulletin?.date
              ? ` (${bulletin.date})`
              : '') +
          (fix ? `: fixed in ${fix}` : '') +
          `${uncertain}.`,
        recommendation:
          (targetFixes
            ? `The upgrade to ${ctx.target.release.version} includes the fix.`
            : `${target.version} lacks it too: target ${onTargetLine ? `${onTargetLine} or later` : 'a later release'} instead.`) +
          (onLine ? ` Until the upgrade, move to ${onLine} (a security patch release of your line).` : '') +
          (bulletin?.url ? ` Bulletin: ${bulletin.url}` : ''),
        effort: { hours: targetFixes ? 0 : 2, confidence: 'medium' },
      });
    }
  },
};
