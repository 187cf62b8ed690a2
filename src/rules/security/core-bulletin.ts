import { bulletinsMissing, type MagentoReleaseCatalog } from '../../knowledge/catalog.js';
import { compareMagentoVersions, minorOf } from '../../knowledge/magento-version.js';
import type { ReleaseCatalog } from '../../knowledge/types.js';
import type { MessagePart, Rule, RuleContext } from '../rule.js';
import {
  mageOsCarrying,
  projectPatchLevel,
  type PatchAssessment,
  type PatchLevelRecord,
} from '../../knowledge/patch-levels.js';

/** The tail of every patch finding's recommendation: patch files do not survive a reinstall. */
const REAPPLY =
  ' Composer operations that reinstall the patched packages remove it: re-apply after every composer install/update ' +
  '(declare it in a composer patch plugin).{{modified}} Bulletin: {{url}}';

function isMagentoCatalog(catalog: ReleaseCatalog): catalog is MagentoReleaseCatalog {
  return typeof (catalog as Partial<MagentoReleaseCatalog>).bulletins === 'function';
}

/** Adobe security bulletins (APSB) the current core version lacks, with the release that fixes each. */
export const coreBulletin: Rule = {
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
      "Tool's report, and reports each missing or partly applied patch file with its bulletin, CVEs and the -pN it needs.\n\n" +
      'What the shipped data cannot answer is said as "could not verify" (info), never guessed either way: a current ' +
      'version the release catalog does not know, and a current or target release on a line the patch-level data has ' +
      'no record of although it is newer than the lines it covers (a pre-release such as 2.4.10-alpha1, or a line ' +
      'released after the data). The fleet report and `mageup serve` count these bulletins apart from the open ones.',
    recommendations: {
      targetFixes: 'The upgrade to {{target}} includes the fix.{{untilUpgrade}}{{bulletinUrl}}',
      targetLacks: '{{target}} lacks it too: target {{targetFix}} instead.{{untilUpgrade}}{{bulletinUrl}}',
      updateKnowledge: 'Update the knowledge base (mageup kb update), or check the version read from composer.lock.',
      readBulletins:
        "Update the knowledge base (mageup kb update); until then, read Adobe's bulletins for the line: " +
        'https://helpx.adobe.com/security/products/magento.html',
      upgradeThenApplyAll:
        'Upgrade to {{requires}}, then apply in order: {{chain}}. ' +
        'Composer operations that reinstall the patched packages remove them: declare them in a composer patch plugin.',
      upgradeMageOs: 'Upgrade Mage-OS to {{carrier}} or later, which carries it.' + REAPPLY,
      upgradeThenApply:
        'Upgrade to {{requires}} first (isolated patches apply only on the latest -pN of the line), then apply ' +
        '{{patchFile}}.{{order}}' +
        REAPPLY,
      apply: 'Apply {{patchFile}} (it needs {{requires}}).{{order}}' + REAPPLY,
    },
    messages: {
      lacksFixes: 'Magento {{version}} lacks the fixes of {{id}}{{about}}{{fix}}{{uncertain}}.',
      // Optional parts of lacksFixes (each placeholder holds one of them, or none).
      aboutSeverityDate: ' ({{severity}}, {{date}})',
      aboutSeverity: ' ({{severity}})',
      aboutDate: ' ({{date}})',
      fixedIn: ': fixed in {{release}}',
      uncertain: ' (uncertain: the affected versions are derived from the fixed releases)',
      behind:
        'Magento {{base}} cannot take the {{count}} isolated security patch files and hotfixes of {{line}} released ' +
        'since July 2026 (they apply only on {{requires}}): {{patches}}.',
      behindExploited:
        'Exploited in the wild: Magento {{base}} cannot take the {{count}} isolated security patch files and hotfixes ' +
        'of {{line}} released since July 2026 (they apply only on {{requires}}): {{patches}}.',
      // The patches of behind/behindExploited: the patch level with its bulletin and CVEs.
      behindPatch: '{{level}} ({{refs}})',
      behindPatchExploited: '{{level}} ({{refs}}, exploited)',
      behindPatchUnconfirmed: '{{level}} (bulletin not confirmed, {{refs}})',
      behindPatchUnconfirmedExploited: '{{level}} (bulletin not confirmed, {{refs}}, exploited)',
      behindPatchUnknown: '{{level}} (bulletin not confirmed)',
      behindPatchUnknownExploited: '{{level}} (bulletin not confirmed, exploited)',
      // Exploited, critical or of unknown severity: critical; the others are errors.
      patch:
        'Magento {{base}} {{state}} {{what}} of {{date}} ({{facts}}){{partial}}. Patch level: {{label}}. Evidence: {{evidence}}.',
      patchSevere:
        'Magento {{base}} {{state}} {{what}} of {{date}} ({{facts}}){{partial}}. Patch level: {{label}}. Evidence: {{evidence}}.',
      patchExploited:
        'Exploited in the wild: Magento {{base}} {{state}} {{what}} of {{date}} ({{facts}}){{partial}}. Patch level: ' +
        '{{label}}. Evidence: {{evidence}}.',
      // The parts of patch/patchSevere/patchExploited: how much of the patch the store has, which patch, its facts.
      missing: 'lacks',
      partial: 'has only part of',
      unknown: 'cannot be shown to have',
      hotfix: 'hotfix {{level}}',
      hotfixNamed: 'hotfix {{level}} ({{name}})',
      isolated: 'the {{level}} isolated security patch',
      facts: '{{refs}}',
      factsUnconfirmed: 'bulletin not confirmed, {{refs}}',
      factsUnknown: 'bulletin not confirmed',
      filesPatched: ': {{patched}} of {{total}} files patched',
      // Coverage gaps: what the shipped data cannot answer is said, never guessed either way.
      notVerified: 'Could not verify which Adobe security bulletins (APSB) Magento {{version}} lacks: {{reason}}.',
      patchesNotVerified:
        'Could not verify the isolated security patches and hotfixes since July 2026 ({{bulletins}}) against Magento ' +
        '{{version}} ({{role}}): {{reason}}.',
      bulletin: '{{id}}',
      // Why the data could not answer (the {{reason}} of notVerified and patchesNotVerified; the fleet report says it too).
      reasonUnknownRelease: 'the release catalog does not know this version',
      reasonNoLineRecord: 'the patch-level data (as of {{asOf}}) has no record of the {{line}} line',
      // The role of the release patchesNotVerified concerns.
      currentRelease: 'the current release',
      targetRelease: 'the target',
      // The parts of the recommendations: the release to target, the security patch release of the line until the
      // upgrade, the bulletin's page, the order of the patch files and the files something else changed (five shown).
      targetFixRelease: '{{release}} or later',
      targetFixLater: 'a later release',
      untilUpgrade: ' Until the upgrade, move to {{release}} (a security patch release of your line).',
      bulletinUrl: ' Bulletin: {{url}}',
      order: ' Apply the missing files in order: {{chain}}.',
      modified: ' Files changed by something else: {{files}}.',
      modifiedMore: ' Files changed by something else: {{files}}, ….',
    },
    messageSeverity: { patch: 'error', notVerified: 'info', patchesNotVerified: 'info' },
  },
  check(ctx) {
    reportPatchLevel(ctx);
    reportCoverageGaps(ctx);
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
          about: aboutBulletin(bulletin?.severity, bulletin?.date),
          fix: fix ? [{ messageId: 'fixedIn', data: { release: fix } }] : [],
          uncertain: bulletin?.confidence === 'low' ? [{ messageId: 'uncertain' }] : [],
          target: target.version,
          ...(targetFixes
            ? {}
            : {
                targetFix: onTargetLine
                  ? [{ messageId: 'targetFixRelease', data: { release: onTargetLine } }]
                  : [{ messageId: 'targetFixLater' }],
              }),
          untilUpgrade: onLine ? [{ messageId: 'untilUpgrade', data: { release: onLine } }] : [],
          bulletinUrl: bulletin?.url ? [{ messageId: 'bulletinUrl', data: { url: bulletin.url } }] : [],
        },
        recommendationId: targetFixes ? 'targetFixes' : 'targetLacks',
        effort: { hours: targetFixes ? 0 : 2, confidence: 'medium' },
      });
    }
  },
};

/** The parenthesis after a bulletin's id: its severity and date, when the catalog has them. */
function aboutBulletin(severity: string | null | undefined, date: string | null | undefined): MessagePart[] {
  if (severity)
    return [
      date
        ? { messageId: 'aboutSeverityDate', data: { severity, date } }
        : { messageId: 'aboutSeverity', data: { severity } },
    ];
  return date ? [{ messageId: 'aboutDate', data: { date } }] : [];
}

/**
 * A patch of behind/behindExploited: its level, bulletin and CVEs (`refs`, identifiers joined with `, `), exploited or
 * not; "bulletin not confirmed" when the data has no bulletin for it.
 */
function behindPatch(level: PatchLevelRecord): MessagePart {
  const cves = level.cves.join(', ');
  const ids = level.bulletin
    ? (['behindPatch', 'behindPatchExploited'] as const)
    : cves
      ? (['behindPatchUnconfirmed', 'behindPatchUnconfirmedExploited'] as const)
      : (['behindPatchUnknown', 'behindPatchUnknownExploited'] as const);
  const refs = level.bulletin ? [level.bulletin, ...level.cves].join(', ') : cves;
  return { messageId: ids[level.exploited ? 1 : 0], data: { level: level.level, ...(refs ? { refs } : {}) } };
}

/**
 * The releases whose bulletins the shipped data cannot judge, one info finding each: a current version the release
 * catalog does not know (`notVerified`: which APSB bulletins it lacks), and a current or target release on a line the
 * patch-level data has no record of although it is newer than the lines it covers (`patchesNotVerified`, its bulletins
 * as `bulletin` parts: whether the isolated patches and hotfixes since July 2026 concern it, or are included in it).
 * The fleet status and the dashboard count these findings (fleet/exploited.ts), so every report says the same.
 */
function reportCoverageGaps(ctx: RuleContext): void {
  if (ctx.project.kind === 'extension') return;
  const version = ctx.current.release?.version ?? ctx.project.magento.version;
  if (!version) return;
  const at = {
    package: ctx.project.magento.productPackage ?? undefined,
    file: ctx.project.magento.versionFile ?? 'composer.lock',
    ...(ctx.project.magento.versionLine ? { line: ctx.project.magento.versionLine } : {}),
  };
  if (!ctx.current.release)
    ctx.report({
      ...at,
      subject: `bulletins of ${version}`,
      messageId: 'notVerified',
      data: { version, reason: [{ messageId: 'reasonUnknownRelease' }] },
      recommendationId: 'updateKnowledge',
    });
  const data = ctx.patchLevels;
  if (!data) return;
  const covered = Object.keys(data.bases).sort(compareMagentoVersions);
  const oldest = covered[0];
  const levels = [...data.levels].sort((a, b) => a.date.localeCompare(b.date));
  if (!oldest || levels.length === 0) return;
  // An older line than any covered gets no isolated patches at all (out of support): nothing to verify there.
  const uncovered = (v: string): boolean =>
    !covered.includes(minorOf(v)) && compareMagentoVersions(minorOf(v), oldest) > 0;
  const target = ctx.target.release.version;
  const releases = [
    ...(uncovered(version) ? [{ release: version, role: 'currentRelease' }] : []),
    ...(target !== version && uncovered(target) ? [{ release: target, role: 'targetRelease' }] : []),
  ];
  for (const { release, role } of releases)
    ctx.report({
      ...at,
      subject: `patch levels of ${release}`,
      messageId: 'patchesNotVerified',
      data: {
        bulletins: levels.map((l) => ({
          messageId: 'bulletin',
          data: { id: l.bulletin ?? (l.kind === 'hotfix' ? `hotfix ${l.level}` : l.level) },
        })),
        version: release,
        role: [{ messageId: role }],
        reason: [{ messageId: 'reasonNoLineRecord', data: { asOf: data.asOf, line: minorOf(release) } }],
      },
      recommendationId: 'readBulletins',
    });
}

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
        patches: open.map((p) => behindPatch(p.level)),
        chain: chain.join(', '),
      },
      recommendationId: 'upgradeThenApplyAll',
      effort: { hours: 2, confidence: 'medium' },
    });
    return;
  }
  for (const p of open) {
    const { level, record } = p;
    const state = p.state as Exclude<PatchAssessment['state'], 'applied'>;
    const scored = [...level.cves, ...(level.cvss !== null ? [`CVSS ${level.cvss}`] : [])];
    const facts: MessagePart = level.bulletin
      ? { messageId: 'facts', data: { refs: [level.bulletin, ...scored].join(', ') } }
      : scored.length > 0
        ? { messageId: 'factsUnconfirmed', data: { refs: scored.join(', ') } }
        : { messageId: 'factsUnknown' };
    const what: MessagePart =
      level.kind !== 'hotfix'
        ? { messageId: 'isolated', data: { level: level.level } }
        : level.name
          ? { messageId: 'hotfixNamed', data: { level: level.level, name: level.name } }
          : { messageId: 'hotfix', data: { level: level.level } };
    const severe = level.exploited || level.severity === 'critical' || level.severity === null;
    const carrier = mageOs ? mageOsCarrying(ctx.patchLevels, level.level) : undefined;
    const order: MessagePart[] =
      chain.length > 1 && level.kind === 'isolated' ? [{ messageId: 'order', data: { chain: chain.join(', ') } }] : [];
    const modified = p.filesModified ?? [];
    ctx.report({
      package: ctx.project.magento.productPackage ?? undefined,
      file: 'composer.lock',
      subject: `patch ${record.id}`,
      // Findings sort by message: the prefix puts exploited vulnerabilities first.
      messageId: level.exploited ? 'patchExploited' : severe ? 'patchSevere' : 'patch',
      data: {
        base: status.base,
        state: [{ messageId: state }],
        what: [what],
        date: level.date,
        facts: [facts],
        partial:
          state === 'partial'
            ? [{ messageId: 'filesPatched', data: { patched: String(p.filesPatched), total: String(p.filesTotal) } }]
            : [],
        label: status.label,
        evidence: p.evidence.join('; '),
        ...(carrier ? { carrier: carrier.version } : {}),
        requires: record.requires,
        patchFile: record.file,
        order,
        modified:
          modified.length > 0
            ? [
                {
                  messageId: modified.length > 5 ? 'modifiedMore' : 'modified',
                  data: { files: modified.slice(0, 5).join(', ') },
                },
              ]
            : [],
        url: level.bulletinUrl,
      },
      recommendationId: carrier ? 'upgradeMageOs' : status.behind ? 'upgradeThenApply' : 'apply',
      effort: { hours: 1, confidence: 'medium' },
    });
  }
}
