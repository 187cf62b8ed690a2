import { bulletinsMissing, type MagentoReleaseCatalog } from '../../knowledge/catalog.js';
import { compareMagentoVersions } from '../../knowledge/magento-version.js';
import type { ReleaseCatalog } from '../../knowledge/types.js';
import type { Rule, RuleContext } from '../rule.js';
import { mageOsCarrying, projectPatchLevel, type PatchAssessment } from '../../knowledge/patch-levels.js';

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
      'then, apply the security patch release of the current line.\n\n' +
      'Since July 2026 Adobe also ships monthly isolated security patch files and hotfixes between -pN releases. ' +
      'They apply only on the latest -pN of the line, in order, and Composer operations that reinstall a package ' +
      'remove them. MageUp reads the patch level from the patched files themselves (git blob ids of every file a ' +
      'known patch changes, in vendor/ and the magento2-base copies at the root), the composer patch plugins, ' +
      'm2-hotfixes/, the quality patches list, Mage-OS and patch metapackage versions, and the Commerce Version ' +
      "Tool's report, and reports each missing or partly applied patch file with its bulletin, CVEs and the -pN it needs.",
    messages: {
      lacksFixes: 'Magento {{version}} lacks the fixes of {{id}}{{about}}{{fix}}{{uncertain}}.',
      behind:
        'Magento {{base}} cannot take the {{count}} isolated security patch files and hotfixes of {{line}} released ' +
        'since July 2026 (they apply only on {{requires}}): {{patches}}.',
      behindExploited:
        'Exploited in the wild: Magento {{base}} cannot take the {{count}} isolated security patch files and hotfixes ' +
        'of {{line}} released since July 2026 (they apply only on {{requires}}): {{patches}}.',
      // Exploited, critical or of unknown severity: critical; the others are errors.
      patch:
        'Magento {{base}} {{state}} {{what}} of {{date}} ({{facts}}){{partial}}. Patch level: {{label}}. Evidence: {{evidence}}.',
      patchSevere:
        'Magento {{base}} {{state}} {{what}} of {{date}} ({{facts}}){{partial}}. Patch level: {{label}}. Evidence: {{evidence}}.',
      patchExploited:
        'Exploited in the wild: Magento {{base}} {{state}} {{what}} of {{date}} ({{facts}}){{partial}}. Patch level: ' +
        '{{label}}. Evidence: {{evidence}}.',
    },
    messageSeverity: { patch: 'error' },
  },
  check(ctx) {
    reportPatchLevel(ctx);
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
        package: product,
        // Where the version was read (composer.lock's metapackage entry, composer.json's exact constraint, …).
        file: ctx.project.magento.versionFile ?? 'composer.lock',
        ...(ctx.project.magento.versionLine ? { line: ctx.project.magento.versionLine } : {}),
        subject: `${id}`,
        messageId: 'lacksFixes',
        data: {
          version: current.version,
          id,
          about: bulletin?.severity
            ? ` (${bulletin.severity}` + (bulletin.date ? `, ${bulletin.date})` : ')')
            : bulletin?.date
              ? ` (${bulletin.date})`
              : '',
          fix: fix ? `: fixed in ${fix}` : '',
          uncertain,
        },
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

const STATE: Record<Exclude<PatchAssessment['state'], 'applied'>, string> = {
  missing: 'lacks',
  partial: 'has only part of',
  unknown: 'cannot be shown to have',
};

/** One finding per isolated patch file or hotfix of the current line that is not fully applied; exploited first. */
function reportPatchLevel(ctx: RuleContext): void {
  if (!ctx.patchLevels) return;
  const status = projectPatchLevel(ctx.project, ctx.patchLevels);
  if (!status) return;
  const open = status.patches
    .filter((p) => p.state !== 'applied')
    .sort((a, b) => Number(b.level.exploited) - Number(a.level.exploited) || a.level.date.localeCompare(b.level.date));
  const mageOs = ctx.project.magento.edition === 'mage-os';
  const chain = status.patches.filter((p) => p.state !== 'applied').map((p) => p.record.file);
  if (status.behind && open.length > 0) {
    // Below the -pN the patch files need: one finding, since the first step (the -pN upgrade) is the same for all.
    const exploited = open.filter((p) => p.level.exploited);
    ctx.report({
      package: ctx.project.magento.productPackage ?? undefined,
      file: 'composer.lock',
      subject: `patch level ${status.line}`,
      messageId: exploited.length > 0 ? 'behindExploited' : 'behind',
      data: {
        base: status.base,
        count: open.length,
        line: status.line,
        requires: String(status.requires),
        patches: open
          .map(
            (p) =>
              `${p.level.level} (${[p.level.bulletin ?? 'bulletin not confirmed', ...p.level.cves].join(', ')}${p.level.exploited ? ', exploited' : ''})`,
          )
          .join('; '),
      },
      recommendation:
        `Upgrade to ${status.requires}, then apply in order: ${chain.join(', ')}. ` +
        'Composer operations that reinstall the patched packages remove them: declare them in a composer patch plugin.',
      effort: { hours: 2, confidence: 'medium' },
    });
    return;
  }
  for (const p of open) {
    const { level, record } = p;
    const state = p.state as Exclude<PatchAssessment['state'], 'applied'>;
    const facts = [
      level.bulletin ?? 'bulletin not confirmed',
      ...level.cves,
      ...(level.cvss !== null ? [`CVSS ${level.cvss}`] : []),
    ].join(', ');
    const what =
      level.kind === 'hotfix'
        ? `hotfix ${level.level}${level.name ? ` (${level.name})` : ''}`
        : `the ${level.level} isolated security patch`;
    const severe = level.exploited || level.severity === 'critical' || level.severity === null;
    const carrier = mageOs ? mageOsCarrying(ctx.patchLevels, level.level) : undefined;
    const order =
      chain.length > 1 && level.kind === 'isolated' ? ` Apply the missing files in order: ${chain.join(', ')}.` : '';
    ctx.report({
      package: ctx.project.magento.productPackage ?? undefined,
      file: 'composer.lock',
      subject: `patch ${record.id}`,
      // Findings sort by message: the prefix puts exploited vulnerabilities first.
      messageId: level.exploited ? 'patchExploited' : severe ? 'patchSevere' : 'patch',
      data: {
        base: status.base,
        state: STATE[state],
        what,
        date: level.date,
        facts,
        partial: state === 'partial' ? `: ${p.filesPatched} of ${p.filesTotal} files patched` : '',
        label: status.label,
        evidence: p.evidence.join('; '),
      },
      recommendation:
        (carrier
          ? `Upgrade Mage-OS to ${carrier.version} or later, which carries it.`
          : status.behind
            ? `Upgrade to ${record.requires} first (isolated patches apply only on the latest -pN of the line), then apply ${record.file}.${order}`
            : `Apply ${record.file} (it needs ${record.requires}).${order}`) +
        ' Composer operations that reinstall the patched packages remove it: re-apply after every composer install/update (declare it in a composer patch plugin).' +
        (p.filesModified && p.filesModified.length > 0
          ? ` Files changed by something else: ${p.filesModified.slice(0, 5).join(', ')}${p.filesModified.length > 5 ? ', …' : ''}.`
          : '') +
        ` Bulletin: ${level.bulletinUrl}`,
      effort: { hours: 1, confidence: 'medium' },
    });
  }
}
