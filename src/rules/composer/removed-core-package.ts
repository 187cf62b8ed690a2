import type { Release } from '../../knowledge/types.js';
import type { Rule } from '../rule.js';
import { isMagentoExtension, isUsersPackage } from './conflicts.js';

/**
 * Why a core package left the release and what replaces it, for the well-known removals: the id of the meta's message
 * that says it.
 */
const REPLACEMENTS: Record<string, string> = {
  'magento/module-elasticsearch-6': 'replacedElasticsearch6',
  'magento/module-elasticsearch-7': 'replacedElasticsearch7',
  'magento/zendframework1': 'replacedZendFramework1',
  'magento/adobe-stock-integration': 'replacedAdobeStock',
  'magento/google-shopping-ads': 'replacedGoogleShoppingAds',
};

/** Names the release installs: its exact magento/* packages and the packages its metapackage requires. */
function packageSet(release: Release): Set<string> {
  return new Set([...Object.keys(release.packages), ...Object.keys(release.thirdParty)]);
}

/** magento/* packages the project (or a package it installs) requires that the target no longer ships. */
export const removedCorePackage: Rule = {
  meta: {
    id: 'composer/removed-core-package',
    severity: 'error',
    category: 'composer',
    description: 'A magento/* package the project requires is no longer part of the target release.',
    docs:
      'Releases drop packages: the Elasticsearch 6/7 adapters, `magento/zendframework1` (2.4.6), Adobe Stock and ' +
      "Google Shopping ads (2.4.8). A package dropped from the release's metapackage disappears on upgrade unless " +
      'something requires it explicitly — the root composer.json or an extension: then `composer update` fails or ' +
      'keeps an unmaintained copy. Fix: drop the requirement and move to the replacement. Third-party extensions the ' +
      'metapackage stops bundling (PayPal Braintree in 2.4.8) are reported as a warning: Composer removes them ' +
      'unless the project requires them itself.',
    recommendations: {
      requireYourself:
        'If the store uses it, require it yourself (composer require {{name}}) at a version made for {{target}}; ' +
        'otherwise disable its modules before upgrading.',
      useReplacement: 'Remove the requirement; use {{replacement}}.',
      removeRequirement:
        'Remove the requirement on {{dep}} and the code that depends on it; {{target}} no longer ships it.',
    },
    messages: {
      // What replaces a well-known removal (REPLACEMENTS), the {{replacement}} of useReplacement.
      replacedElasticsearch6: 'magento/module-open-search (OpenSearch) — the Elasticsearch 6 adapter was removed',
      replacedElasticsearch7:
        'magento/module-open-search (OpenSearch) or magento/module-elasticsearch-8 — the Elasticsearch 7 adapter was ' +
        'removed',
      replacedZendFramework1:
        'laminas/* packages and magento/zend-db, magento/zend-cache, magento/zend-pdf (forks of the Zend_* classes ' +
        'Magento still uses)',
      replacedAdobeStock: 'nothing bundled: the Adobe Stock integration is no longer part of the release',
      replacedGoogleShoppingAds: 'nothing bundled: Google Shopping ads is no longer part of the release',
      noLongerBundled:
        '{{name}} {{version}} comes with {{current}}; {{target}} no longer bundles it, so Composer removes it on upgrade.',
      requiresRemoved: '{{who}} requires {{dep}} {{constraint}}, which {{target}} no longer ships.',
    },
    messageSeverity: { noLongerBundled: 'warning' },
  },
  check(ctx) {
    const target = ctx.target.release;
    if (!target.packagesKnown) return;
    const after = packageSet(target);
    const before = ctx.current.release?.packagesKnown ? packageSet(ctx.current.release) : undefined;
    const installedCore = new Set(ctx.project.packages.filter((p) => p.source === 'core').map((p) => p.name));
    const removed = (name: string) =>
      name.startsWith('magento/') && !after.has(name) && (before ? before.has(name) : installedCore.has(name));

    const requirers: { who: string; file: string; pkg?: string; deps: Record<string, string> }[] = [
      { who: 'composer.json', file: 'composer.json', deps: ctx.project.rootRequire },
      ...ctx.project.packages.filter(isUsersPackage).map((p) => ({
        who: `${p.name} ${p.version}`,
        file: p.path ? `${p.path}/composer.json` : 'composer.lock',
        pkg: p.name,
        deps: p.require,
      })),
    ];
    // Third-party packages the current metapackage bundles and the target's no longer does (Braintree in 2.4.8):
    // Composer drops them on upgrade unless the root composer.json requires them.
    const bundledBefore = ctx.current.release?.thirdParty ?? {};
    for (const pkg of ctx.project.packages) {
      if (!pkg.bundled || !(pkg.name in bundledBefore) || pkg.name in target.thirdParty) continue;
      // Libraries leaving the metapackage matter only where code uses them: php-api/missing-class reports that.
      if (!isMagentoExtension(pkg) && pkg.type !== 'metapackage') continue;
      // `temando/module-shipping` 2.0.0 only pulls a "remover" that uninstalls Temando: nothing to keep.
      if (Object.keys(pkg.require).some((dep) => dep.endsWith('-remover'))) continue;
      if (pkg.name in ctx.project.rootRequire) continue;
      ctx.report({
        package: pkg.name,
        file: 'composer.json',
        subject: `${pkg.name} no longer bundled`,
        messageId: 'noLongerBundled',
        data: { name: pkg.name, version: pkg.version, current: ctx.current.release!.version, target: target.version },
        recommendationId: 'requireYourself',
        effort: { hours: 1, confidence: 'medium' },
      });
    }
    for (const { who, file, pkg, deps } of requirers) {
      for (const [dep, constraint] of Object.entries(deps)) {
        if (!removed(dep)) continue;
        const replacement = REPLACEMENTS[dep];
        ctx.report({
          package: pkg,
          file,
          subject: `${pkg ?? 'root'} requires ${dep}`,
          messageId: 'requiresRemoved',
          data: {
            who,
            dep,
            constraint,
            target: target.version,
            ...(replacement ? { replacement: [{ messageId: replacement }] } : {}),
          },
          recommendationId: replacement ? 'useReplacement' : 'removeRequirement',
          effort: { hours: pkg ? 3 : 1, confidence: 'low' },
        });
      }
    }
  },
};
