import type { Severity } from '../../core/finding.js';
import type { Advisory } from '../../knowledge/types.js';
import type { Rule } from '../rule.js';

const SEVERITY: Record<NonNullable<Advisory['severity']>, Severity> = {
  critical: 'critical',
  high: 'error',
  medium: 'error',
  low: 'warning',
};

/** Known advisories affecting the installed version of every package (the core metapackage included). */
export const packageAdvisoryRule: Rule = {
  meta: {
    id: 'security/package-advisory',
    severity: 'error',
    category: 'security',
    description: 'A known security advisory affects an installed package version.',
    docs:
      'Every installed package version is matched against the advisory snapshot shipped with MageUp (FriendsOfPHP ' +
      'security-advisories, Roave/SecurityAdvisories and Adobe security bulletins). Adobe bulletins on the core ' +
      'are reported by security/core-bulletin, per bulletin, and not repeated here. Fix: update to the fixed version.',
  },
  check(ctx) {
    const seen = new Set<string>();
    const packages = [...ctx.project.packages].sort((a, b) => a.name.localeCompare(b.name));
    for (const pkg of packages) {
      for (const advisory of ctx.advisoriesFor(pkg.name, pkg.version)) {
        if (advisory.source === 'apsb') continue;
        const key = `${pkg.name}\0${advisory.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const core = pkg.source === 'core';
        const targetVersion = ctx.target.release.packages[pkg.name];
        const fixedByUpgrade = core && targetVersion !== undefined;
        const uncertain = advisory.confidence === 'low' ? ' (uncertain: the affected range is derived)' : '';
        ctx.report({
          severity: advisory.severity ? SEVERITY[advisory.severity] : 'error',
          package: pkg.name,
          file: pkg.path ? `${pkg.path}/composer.json` : 'composer.lock',
          subject: `${pkg.name} ${advisory.id}`,
          message:
            `${pkg.name} ${pkg.version} is affected by ${advisory.id}${advisory.cve && advisory.cve !== advisory.id ? ` (${advisory.cve})` : ''}: ` +
            `${advisory.title}${uncertain}.` +
            (advisory.fixedIn ? ` Fixed in ${advisory.fixedIn}.` : ' No fixed version is known.'),
          recommendation: fixedByUpgrade
            ? `The upgrade to ${ctx.target.release.version} moves ${pkg.name} to ${targetVersion}` +
              (advisory.fixedIn ? ` (fixed from ${advisory.fixedIn})` : '') +
              '; until then apply the vendor patch.' +
              (advisory.link ? ` Details: ${advisory.link}` : '')
            : advisory.fixedIn
              ? `Update ${pkg.name} to ${advisory.fixedIn} or later (composer update ${pkg.name}).` +
                (advisory.link ? ` Details: ${advisory.link}` : '')
              : `No fixed version is known: replace or remove ${pkg.name}, or mitigate as the advisory says.` +
                (advisory.link ? ` Details: ${advisory.link}` : ''),
          effort: { hours: fixedByUpgrade ? 0 : 1, confidence: 'medium' },
        });
      }
    }
  },
};
