import type { Rule } from '../rule.js';
import { requirementConflicts } from './conflicts.js';

/** Installed packages whose requirements the target's package set, PHP or libraries cannot satisfy. */
export const constraintConflictRule: Rule = {
  meta: {
    id: 'composer/constraint-conflict',
    severity: 'critical',
    category: 'composer',
    description: "An installed package's requirement excludes what the target installs (magento/*, PHP, libraries).",
    docs:
      'For every installed third-party or path package, and the root composer.json, each requirement is checked ' +
      "against the target: exact `magento/*` versions of the target's metapackage, the third-party constraints " +
      'that metapackage imposes (e.g. monolog/monolog ^3.6 from 2.4.8), the PHP the target runs on and the ' +
      'Composer plugin API. A requirement that excludes them makes `composer update` fail. The message quotes the ' +
      'requirement the way Composer does. Fix: update the package to a release made for the target, or replace it.',
  },
  check(ctx) {
    for (const c of requirementConflicts(ctx)) {
      const root = c.requirerVersion === undefined;
      const fit = c.fittingVersion
        ? `${ctx.target.release.version} itself installs ${c.requirer} ${c.fittingVersion}, which fits: let the upgrade move it.`
        : root
          ? `Change the requirement in composer.json to one that allows what ${ctx.target.release.version} installs.`
          : `Update ${c.requirer} to a release that allows it (MageUp knows no version list for ${c.requirer} ` +
            `offline: ask its vendor or run composer why-not ${c.dependency} ${targetValue(c)}).`;
      ctx.report({
        severity: 'critical',
        package: root ? undefined : c.requirer,
        file: c.file,
        subject: `${c.requirer} requires ${c.dependency} ${c.constraint}`,
        message: c.sentence,
        recommendation: fit,
        effort: c.fittingVersion
          ? { hours: 0.5, confidence: 'medium' }
          : root
            ? { hours: 0.5, confidence: 'medium' }
            : { hours: 3, confidence: 'low' },
      });
    }
  },
};

function targetValue(c: { answer: { kind: string; version?: string; constraint?: string } }): string {
  return c.answer.version ?? `"${c.answer.constraint ?? ''}"`;
}
