import { NOT_RUN_BY_STORE } from '../../core/security-order.js';
import { intersects, satisfies } from '../../composer/index.js';
import { severityRank, type Severity } from '../../core/finding.js';
import type { MagentoReleaseCatalog } from '../../knowledge/catalog.js';
import { compareMagentoVersions } from '../../knowledge/magento-version.js';
import type { Advisory, ReleaseCatalog } from '../../knowledge/types.js';
import type { ComposerPackage } from '../../project/model.js';
import type { MessagePart, Rule, RuleContext } from '../rule.js';

const SEVERITY: Record<NonNullable<Advisory['severity']>, Severity> = {
  critical: 'critical',
  high: 'error',
  medium: 'error',
  low: 'warning',
};

/** Dev-only packages are not deployed with `composer install --no-dev`: ranked below production code. */
const DEV_CAP: Record<Severity, Severity> = { critical: 'warning', error: 'warning', warning: 'info', info: 'info' };

function bulletinIds(catalog: ReleaseCatalog): Set<string> {
  const c = catalog as Partial<MagentoReleaseCatalog>;
  return new Set(typeof c.bulletins === 'function' ? c.bulletins().map((b) => b.id.toUpperCase()) : []);
}

function safeSatisfies(version: string, constraint: string): boolean | undefined {
  try {
    return satisfies(version, constraint);
  } catch {
    return undefined; // a constraint the engine cannot read is never guessed
  }
}

const isDev = (p: ComposerPackage): boolean => p.dev === true || p.ownership === 'dev-only';
/** Magento's own packages and what its metapackage brings: their constraints are Magento's. */
const isMagentos = (p: ComposerPackage): boolean =>
  p.source === 'core' ||
  p.source === 'adobe' ||
  p.bundled === true ||
  p.ownership === 'core' ||
  p.ownership === 'bundled';

function safeIntersects(a: string, b: string): boolean | undefined {
  try {
    return intersects(a, b);
  } catch {
    return undefined;
  }
}

/**
 * The constraint the target's metapackage puts on a package Magento bundles, when it excludes the installed version:
 * the upgrade's Composer update moves the package into that range (guzzlehttp/guzzle 6.3.3 under 2.4.8-p3's ^7.5).
 */
function movedByTarget(ctx: RuleContext, pkg: ComposerPackage): string | undefined {
  if (!isMagentos(pkg) || isDev(pkg)) return undefined;
  const c = ctx.target.release.thirdParty[pkg.name];
  return c !== undefined && safeSatisfies(pkg.version, c) === false ? c : undefined;
}

/**
 * Whether the upgrade moves or removes a package of Magento's, as far as the releases' data tells: a core package the
 * target pins at another version, a bundled one the target's range excludes, one the current release's metapackage
 * requires and the target's no longer does (2.3's msp/twofactorauth), or a Magento package brought by another that
 * moves (magento/module-two-factor-auth through magento/security-package). Unknown counts as not moving.
 */
function upgradeMoves(ctx: RuleContext, p: ComposerPackage, seen = new Set<string>()): boolean {
  if (seen.has(p.name)) return false;
  seen.add(p.name);
  const target = ctx.target.release;
  const pinned = target.packages[p.name];
  if (pinned !== undefined) return pinned !== p.version.replace(/^v/, '');
  if (movedByTarget(ctx, p) !== undefined) return true;
  const current = ctx.current.release;
  if (current?.thirdParty[p.name] !== undefined && target.packagesKnown && !(p.name in target.thirdParty)) return true;
  if (p.direct) return false; // the root asks for it: it stays unless the root changes
  return ctx.project.packages.some(
    (q) => q.require[p.name] !== undefined && isMagentos(q) && !isDev(q) && upgradeMoves(ctx, q, seen),
  );
}

/** Installed packages whose requirement on `name` excludes `version`, with that requirement. */
function blockers(
  packages: ComposerPackage[],
  name: string,
  version: string,
): { by: ComposerPackage; constraint: string }[] {
  const out: { by: ComposerPackage; constraint: string }[] = [];
  for (const p of packages) {
    const constraint = p.require[name];
    if (p.name === name || !constraint || isDev(p)) continue;
    if (safeSatisfies(version, constraint) === false) out.push({ by: p, constraint });
  }
  return out.sort((a, b) => a.by.name.localeCompare(b.by.name));
}

/** The first release from the target on whose metapackage requirement allows `version` of `name`. */
function releaseAllowing(ctx: RuleContext, name: string, version: string): string | undefined {
  const target = ctx.target.release;
  const later = ctx.catalog
    .all()
    .filter((r) => compareMagentoVersions(r.version, target.version) >= 0 && !/-(alpha|beta|rc)/i.test(r.version))
    .sort((a, b) => compareMagentoVersions(a.version, b.version));
  return later.find((r) => {
    const c = r.thirdParty[name];
    return c !== undefined && safeSatisfies(version, c) === true;
  })?.version;
}

/**
 * What a user can do about one advisory, given who constrains the package: a recommendation id with the values it
 * adds to the finding's data (the package's name and the fixed version are there already).
 */
function advice(
  ctx: RuleContext,
  pkg: ComposerPackage,
  advisory: Advisory,
): { recommendationId: string; data: Record<string, string> } {
  const magentoNeeds = ctx.project.packages.filter((p) => p.require[pkg.name] && !isDev(p) && isMagentos(p));
  if (!advisory.fixedIn) {
    if (magentoNeeds.length > 0) return { recommendationId: 'mitigateRequired', data: { by: magentoNeeds[0]!.name } };
    return { recommendationId: 'replaceOrMitigate', data: {} };
  }
  const blocked = blockers(ctx.project.packages, pkg.name, advisory.fixedIn);
  if (blocked.length === 0) return { recommendationId: 'update', data: {} };
  const first = blocked[0]!;
  const by = { by: first.by.name, constraint: first.constraint };
  if (isMagentos(first.by)) {
    const release = releaseAllowing(ctx, pkg.name, advisory.fixedIn);
    if (release) return { recommendationId: 'upgradeMagento', data: { ...by, release } };
    // The blocker itself moves with the upgrade: what it then allows is not in MageUp's data, so no verdict.
    if (upgradeMoves(ctx, first.by))
      return { recommendationId: 'blockerMovesUnverified', data: { ...by, target: ctx.target.release.version } };
    return { recommendationId: 'noFixInMagento', data: by };
  }
  return { recommendationId: 'upgradeBlocker', data: by };
}

/** Ids shown before "and N more" in the one finding of a core package's advisories the upgrade leaves behind. */
const IDS_SHOWN = 6;

/** One finding for several advisories on Magento's own package that the target's version of it no longer has. */
function reportFixedByUpgrade(ctx: RuleContext, pkg: ComposerPackage, targetVersion: string, gone: Advisory[]): void {
  const severity = gone
    .map((a): Severity => (a.severity ? SEVERITY[a.severity] : 'error'))
    .map((s) => (isDev(pkg) ? DEV_CAP[s] : s))
    .sort((a, b) => severityRank(a) - severityRank(b))[0]!;
  const ids = [...new Set(gone.map((a) => a.cve ?? a.id))].sort();
  const shown: MessagePart[] = ids.slice(0, IDS_SHOWN).map((id) => ({ messageId: 'advisoryId', data: { id } }));
  if (ids.length > IDS_SHOWN) shown.push({ messageId: 'andMore', data: { count: ids.length - IDS_SHOWN } });
  ctx.report({
    severity,
    package: pkg.name,
    file: pkg.path ? `${pkg.path}/composer.json` : 'composer.lock',
    subject: `${pkg.name} advisories fixed by the upgrade`,
    messageId: 'coreFixedByUpgrade',
    data: {
      name: pkg.name,
      version: pkg.version,
      count: gone.length,
      ids: shown,
      targetVersion,
      target: ctx.target.release.version,
    },
    recommendationId: 'allFixedByUpgrade',
    effort: { hours: 0, confidence: 'medium' },
  });
}

/** Known advisories affecting the installed version of every package (the core metapackage included). */
export const packageAdvisory: Rule = {
  meta: {
    id: 'security/package-advisory',
    severity: 'error',
    category: 'security',
    description: 'A known security advisory affects an installed package version.',
    docs:
      'Every installed package version is matched against the advisory snapshot shipped with MageUp (FriendsOfPHP ' +
      'security-advisories, Roave/SecurityAdvisories and Adobe security bulletins). Adobe bulletins on the core ' +
      'are reported by security/core-bulletin, per bulletin, and not repeated here (one vulnerability, one finding). ' +
      'A fixed version is recommended only when the installed packages allow it; otherwise the finding names the ' +
      'package whose constraint blocks it and the Magento release that lifts it, or says there is no fix within ' +
      "Magento's constraints and how to mitigate. Dev-only packages (require-dev) are labelled and ranked below " +
      'production code; Windows-only advisories are info on Linux hosting; Composer’s library copy is not code the ' +
      'store runs. Roave/SecurityAdvisories entries carry no advisory text: the finding says so and links the sources.',
    // The severity is the advisory's, lowered for dev-only, Windows-only and Composer-library cases (see the notes).
    // Each but allFixedByUpgrade ends with the advisory's link and, for Roave's list, where to read more.
    recommendations: {
      fixedByUpgrade:
        'The upgrade to {{target}} moves {{name}} to {{targetVersion}}{{fixedFrom}}; until then apply the vendor ' +
        'patch.{{details}}{{readMore}}',
      mitigateRequired:
        'No fixed version is known, and {{name}} cannot be removed: {{by}} requires it. Mitigate as the advisory ' +
        'says (restrict the affected feature or input).{{details}}{{readMore}}',
      replaceOrMitigate:
        'No fixed version is known: replace or remove {{name}}, or mitigate as the advisory says.{{details}}{{readMore}}',
      update: 'Update {{name}} to {{fixedIn}} or later (composer update {{name}}).{{details}}{{readMore}}',
      upgradeMagento:
        "{{fixedIn}} is blocked by {{by}}'s {{constraint}} — fixed by upgrading Magento to {{release}}.{{details}}{{readMore}}",
      noFixInMagento:
        "No fix within Magento's constraints: {{fixedIn}} is blocked by {{by}}'s {{constraint}}, and no known " +
        'release allows it. Mitigate as the advisory says (restrict the affected feature or input) until Magento ' +
        'raises the constraint.{{details}}{{readMore}}',
      blockerMovesUnverified:
        "{{fixedIn}} is blocked by {{by}}'s {{constraint}}, and the upgrade to {{target}} moves or removes {{by}}: " +
        'which {{name}} it then installs is not in MageUp’s data, so whether the upgrade fixes this could not be ' +
        'verified. Check composer.lock after the upgrade.{{details}}{{readMore}}',
      upgradeBlocker:
        "{{fixedIn}} is blocked by {{by}}'s {{constraint}}: upgrade {{by}} to a release that allows {{name}} " +
        '{{fixedIn}}, then update {{name}}.{{details}}{{readMore}}',
      allFixedByUpgrade:
        'The upgrade to {{target}} moves {{name}} to {{targetVersion}}, which none of these advisories affect; until ' +
        'then apply the vendor patches for the ones that are exploited.',
    },
    messages: {
      affectedFixed: '{{dev}}{{name}} {{version}} is affected by {{what}}{{uncertain}}. Fixed in {{fixedIn}}.',
      affected: '{{dev}}{{name}} {{version}} is affected by {{what}}{{uncertain}}. No fixed version is known.',
      affectedFixedNoted:
        '{{dev}}{{name}} {{version}} is affected by {{what}}{{uncertain}}. Fixed in {{fixedIn}}. Note: {{notes}}.',
      affectedNoted:
        '{{dev}}{{name}} {{version}} is affected by {{what}}{{uncertain}}. No fixed version is known. Note: {{notes}}.',
      // The parts of the messages above: the dev label, the advisory, the uncertainty and the notes (joined by `; `).
      dev: '[dev] ',
      advisory: '{{id}}: {{title}}',
      advisoryCve: '{{id}} ({{cve}}): {{title}}',
      roave:
        'Roave/SecurityAdvisories lists {{name}} {{affected}} as having known vulnerabilities (that list gives no ' +
        'advisory text or CVE)',
      uncertain: ' (uncertain: the affected range is derived)',
      devOnly: 'dev-only package (require-dev): not deployed by composer install --no-dev',
      windowsOnly: 'affects Windows hosts only; Magento runs on Linux',
      composerLibrary:
        "not run by the store: Composer's library copy in vendor/ is loaded only by Magento's setup tooling; the " +
        'advisory concerns the composer command you run, which is a separate install',
      // Magento's own package, several advisories the upgrade's version no longer has: one finding, not one each.
      coreFixedByUpgrade:
        '{{name}} {{version}} is affected by {{count}} known advisories ({{ids}}), none of which affects the {{targetVersion}} the upgrade installs.',
      advisoryId: '{{id}}',
      andMore: 'and {{count}} more',
      // The parts of the recommendations: the fixed version, the advisory's link, Roave's pointers.
      fixedFrom: ' (fixed from {{fixedIn}})',
      details: ' Details: {{link}}',
      readMore:
        ' Read more: https://packagist.org/packages/{{name}}/advisories and the GitHub advisory database ' +
        '(https://github.com/advisories?query={{query}}).',
    },
    listSeparators: { ids: ', ' },
  },
  check(ctx) {
    const seen = new Set<string>();
    let bulletins: Set<string> | undefined;
    const packages = [...ctx.project.packages].sort((a, b) => a.name.localeCompare(b.name));
    for (const pkg of packages) {
      // Magento's own: an open-source package, or one the Commerce metapackage brings (in a Commerce install even
      // magento/product-community-edition is `adobe`, required by magento/product-enterprise-edition).
      const core = pkg.source === 'core' || pkg.source === 'adobe';
      // A bundled library the target's range moves (guzzle 6 → ^7.5): the advisories outside that range go with it.
      const moved = core ? undefined : movedByTarget(ctx, pkg);
      const targetVersion = core ? ctx.target.release.packages[pkg.name] : moved;
      const fixedByUpgrade = core && targetVersion !== undefined;
      const clearedByMove = (a: Advisory): boolean =>
        moved !== undefined && safeIntersects(a.affected, moved) === false;
      const open = ctx.advisoriesFor(pkg.name, pkg.version).filter((advisory) => {
        if (advisory.source === 'apsb') return false;
        // The same vulnerability as an Adobe bulletin on the core (CosmicSting, …): security/core-bulletin owns it.
        const apsb = /apsb\d{2}-\d+/i.exec(`${advisory.link ?? ''} ${advisory.title}`)?.[0]?.toUpperCase();
        if (core && apsb && ctx.project.kind === 'project' && (bulletins ??= bulletinIds(ctx.catalog)).has(apsb))
          return false;
        const key = `${pkg.name}\0${advisory.id}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      // A release older than the bulletin era (2.2.x: no APSB in the catalog) carries dozens of advisories on
      // Magento's own metapackage, all gone at the target: one finding says so instead of one error each.
      const stillAtTarget = fixedByUpgrade
        ? new Set(ctx.advisoriesFor(pkg.name, targetVersion).map((a) => a.id))
        : undefined;
      const gone = stillAtTarget
        ? open.filter((a) => !stillAtTarget.has(a.id))
        : moved
          ? open.filter(clearedByMove)
          : [];
      if (gone.length > 1) {
        reportFixedByUpgrade(ctx, pkg, targetVersion!, gone);
        open.splice(0, open.length, ...open.filter((a) => !gone.includes(a)));
      }
      for (const advisory of open) {
        const windowsOnly = /\bwindows\b/i.test(advisory.title);
        const composerLibrary = NOT_RUN_BY_STORE.has(pkg.name);
        const roave = advisory.source === 'roave';
        let severity: Severity = advisory.severity ? SEVERITY[advisory.severity] : 'error';
        const notes: MessagePart[] = [];
        if (isDev(pkg)) {
          severity = DEV_CAP[severity];
          notes.push({ messageId: 'devOnly' });
        }
        if (windowsOnly) {
          severity = 'info';
          notes.push({ messageId: 'windowsOnly' });
        }
        if (composerLibrary) {
          severity = 'info';
          notes.push({ messageId: 'composerLibrary' });
        }
        const what: MessagePart = roave
          ? { messageId: 'roave', data: { name: pkg.name, affected: advisory.affected } }
          : advisory.cve && advisory.cve !== advisory.id
            ? { messageId: 'advisoryCve', data: { id: advisory.id, cve: advisory.cve, title: advisory.title } }
            : { messageId: 'advisory', data: { id: advisory.id, title: advisory.title } };
        const upgraded = fixedByUpgrade || clearedByMove(advisory);
        const recommended = upgraded
          ? {
              recommendationId: 'fixedByUpgrade',
              data: {
                target: ctx.target.release.version,
                targetVersion: targetVersion ?? '',
                fixedFrom: advisory.fixedIn
                  ? [{ messageId: 'fixedFrom', data: { fixedIn: advisory.fixedIn } }]
                  : ([] as MessagePart[]),
              },
            }
          : advice(ctx, pkg, advisory);
        ctx.report({
          severity,
          package: pkg.name,
          file: pkg.path ? `${pkg.path}/composer.json` : 'composer.lock',
          subject: `${pkg.name} ${advisory.id}`,
          ...(notes.length > 0
            ? { messageId: advisory.fixedIn ? 'affectedFixedNoted' : 'affectedNoted' }
            : { messageId: advisory.fixedIn ? 'affectedFixed' : 'affected' }),
          data: {
            dev: isDev(pkg) ? [{ messageId: 'dev' }] : [],
            name: pkg.name,
            version: pkg.version,
            what: [what],
            uncertain: advisory.confidence === 'low' ? [{ messageId: 'uncertain' }] : [],
            ...(advisory.fixedIn ? { fixedIn: advisory.fixedIn } : {}),
            ...(notes.length > 0 ? { notes } : {}),
            ...recommended.data,
            details: advisory.link ? [{ messageId: 'details', data: { link: advisory.link } }] : [],
            readMore: roave
              ? [{ messageId: 'readMore', data: { name: pkg.name, query: encodeURIComponent(pkg.name) } }]
              : [],
          },
          recommendationId: recommended.recommendationId,
          effort: { hours: upgraded || severity === 'info' ? 0 : 1, confidence: 'medium' },
        });
      }
    }
  },
};
