import { compareMagentoVersions } from '../../knowledge/magento-version.js';
import { OwnershipIndex } from '../../project/ownership.js';
import type { Rule } from '../rule.js';
import { NATIVE_FEATURES } from './native-features.js';

/** Extensions duplicating a feature the target ships natively (see native-features.ts for the sourced list). */
export const nativeDuplicate: Rule = {
  meta: {
    id: 'lifecycle/native-duplicate',
    severity: 'warning',
    category: 'lifecycle',
    description: 'An installed extension duplicates a feature the target release ships natively.',
    docs:
      'Some well-known extensions were contributed to the core or superseded by a native module (MSP two-factor ' +
      'authentication and reCAPTCHA, Gene BlueFoot, Magefan Login as Customer). Running both means two ' +
      'implementations of one feature, clashing configuration and an extension that is no longer maintained. Fix: ' +
      'migrate the configuration to the native module and remove the extension.',
    recommendations: {
      moveModule: 'Move its configuration to {{native}}, disable and remove {{what}}. Source: {{source}}',
      moveModulePackage:
        'Move its configuration to {{native}}, disable and remove {{what}} (composer remove {{package}}). Source: {{source}}',
      movePackage: 'Move its configuration to {{native}} and remove it (composer remove {{what}}). Source: {{source}}',
    },
    messages: {
      native: '{{what}} provides {{feature}}, which {{target}} ships natively ({{natives}}, since {{since}}).',
    },
  },
  check(ctx) {
    const target = ctx.target.release;
    // Magento's own and bundled code is never the client's duplicate: the upgrade's Composer update replaces it.
    const owners = new OwnershipIndex(ctx.project);
    const magentos = (o: string | undefined): boolean => o === 'core' || o === 'bundled';
    const modules = new Map(
      ctx.project.modules
        .filter((m) => !m.core && !magentos(owners.ownerOf({ module: m.name, file: m.path })))
        .map((m) => [m.name.toLowerCase(), m]),
    );
    const packages = new Map(
      ctx.project.packages.filter((p) => !magentos(p.ownership)).map((p) => [p.name.toLowerCase(), p]),
    );
    for (const feature of NATIVE_FEATURES) {
      const native = target.packagesKnown
        ? feature.nativePackage in target.packages
        : compareMagentoVersions(target.version, feature.since) >= 0;
      if (!native) continue;
      // What the message says of a module or package duplicating this feature.
      const nativeData = (what: string) => ({
        what,
        feature: feature.feature,
        target: target.version,
        natives: feature.nativeModules.join(', '),
        since: feature.since,
        native: String(feature.nativeModules[0]),
        source: feature.source,
      });
      const found = new Set<string>();
      for (const name of feature.modules) {
        const module = modules.get(name.toLowerCase());
        if (!module) continue;
        // Only in config.php, no code here: a module Magento's own metapackage brought (2.3's MSP) is Magento's.
        if (module.location === 'unknown' && feature.bundledBefore) continue;
        found.add(module.package ?? module.name);
        ctx.report({
          module: module.name,
          package: module.package ?? undefined,
          file: module.registrationFile ?? module.path,
          subject: `${module.name} duplicates ${feature.nativeModules[0]}`,
          messageId: 'native',
          data: { ...nativeData(module.name), ...(module.package ? { package: module.package } : {}) },
          recommendationId: module.package ? 'moveModulePackage' : 'moveModule',
          effort: { hours: 4, confidence: 'low' },
          resolution: 'replace',
        });
      }
      for (const name of feature.packages) {
        const pkg = packages.get(name);
        if (!pkg || found.has(pkg.name)) continue;
        ctx.report({
          package: pkg.name,
          file: pkg.path ? `${pkg.path}/composer.json` : 'composer.lock',
          subject: `${pkg.name} duplicates ${feature.nativeModules[0]}`,
          messageId: 'native',
          data: nativeData(pkg.name),
          recommendationId: 'movePackage',
          effort: { hours: 4, confidence: 'low' },
          resolution: 'replace',
        });
      }
    }
  },
};
