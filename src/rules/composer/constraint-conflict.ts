import type { MessagePart, ReportInput, Rule } from '../rule.js';
import { requirementConflicts, type RequirementConflict } from './conflicts.js';
import { fitAdvice } from './extension-fit.js';
import { templateReplacement } from './root-template.js';

/** Installed packages whose requirements the target's package set, PHP or libraries cannot satisfy. */
export const constraintConflict: Rule = {
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
      'requirement the way Composer does. Magento extensions are critical (their vendor must ship a release for the ' +
      'target); generic libraries are checked only when the root composer.json pins them (a warning: a newer ' +
      'release usually fits), since Composer moves transitive libraries along with the upgrade. Fix: update the ' +
      'package to a release made for the target, or replace it.',
    // Composer's own wording (`<requirer> requires <dependency> <constraint> -> <why not>`), one message per answer
    // of the target; `mageup plan` lists these findings' messages as they are.
    messages: {
      targetInstalls: '{{requirer}} requires {{dependency}} {{constraint}} -> the target installs {{installs}}',
      targetRequires:
        '{{requirer}} requires {{dependency}} {{constraint}} -> {{requiredBy}} requires {{dependency}} {{required}} ' +
        '(installs {{major}}.x)',
      // The data does not say which major the target installs of the library: only its constraint is known.
      targetRequiresConstraintOnly:
        '{{requirer}} requires {{dependency}} {{constraint}} -> {{requiredBy}} requires {{dependency}} {{required}} ' +
        '(constraint only)',
      targetPhp: '{{requirer}} requires {{dependency}} {{constraint}} -> the target runs PHP {{php}}',
      targetComposer: '{{requirer}} requires {{dependency}} {{constraint}} -> {{target}} needs Composer {{composer}}',
      // The requirer, as Composer names it.
      packageVersion: '{{package}} {{version}}',
      package: '{{package}}',
      rootComposerJson: 'Root composer.json',
    },
  },
  check(ctx) {
    const target = ctx.target.release.version;
    for (const c of requirementConflicts(ctx)) {
      // A root-pinned tool the project template moves is reported once, by composer/root-template.
      if (c.requirerKind === 'library' && templateReplacement(ctx, c.requirer)) continue;
      const root = c.requirerKind === 'root' || c.requirerKind === 'root-dev';
      const otherPhp = c.phpAlternatives && c.phpAlternatives.length > 0 ? c.phpAlternatives.join(', ') : undefined;
      const phpNote = otherPhp
        ? ` Or run ${target} on PHP ${otherPhp}, which it allows and ${target} supports (mageup check --php ${c.phpAlternatives![c.phpAlternatives!.length - 1]}).`
        : '';
      const recommendation = c.fittingVersion
        ? `${target} itself installs ${c.requirer} ${c.fittingVersion}, which fits: let the upgrade move it.`
        : root
          ? `Change the ${c.requirerKind === 'root-dev' ? 'require-dev' : 'require'} entry in composer.json to a constraint that allows what ${target} installs.`
          : c.requirerKind === 'library'
            ? `Widen the root composer.json constraint on ${c.requirer} so Composer can pick a release that allows it. ` +
              fitAdvice(ctx, c.requirer)
            : `Update ${c.requirer} to a release made for ${target}. ${fitAdvice(ctx, c.requirer)}`;
      ctx.report({
        // A library pinned by the root usually has a newer release that fits; dev tooling blocks only dev installs.
        // Excluding only the newest PHP of the target is an error (another supported PHP works), not a blocker.
        severity:
          c.requirerKind === 'library' ? 'warning' : c.requirerKind === 'root-dev' || otherPhp ? 'error' : 'critical',
        package: root ? undefined : c.requirer,
        file: c.file,
        subject: `${c.requirer} requires ${c.dependency} ${c.constraint}`,
        ...conflictMessage(c, target),
        recommendation: recommendation + phpNote,
        effort:
          c.fittingVersion || root || c.requirerKind === 'library'
            ? { hours: 0.5, confidence: 'medium' }
            : { hours: 3, confidence: 'low' },
      });
    }
  },
};

/** The message of a conflict: which answer of the target the requirement excludes, and the facts it names. */
function conflictMessage(c: RequirementConflict, target: string): Pick<ReportInput, 'messageId' | 'data'> {
  const requirer: MessagePart =
    c.requirerPackage === null
      ? { messageId: 'rootComposerJson' }
      : c.requirerVersion
        ? { messageId: 'packageVersion', data: { package: c.requirerPackage, version: c.requirerVersion } }
        : { messageId: 'package', data: { package: c.requirerPackage } };
  const asked = { requirer: [requirer], dependency: c.dependency, constraint: c.constraint };
  const answer = c.answer;
  switch (answer.kind) {
    case 'exact':
      return { messageId: 'targetInstalls', data: { ...asked, installs: answer.version } };
    case 'constraint': {
      const required = { ...asked, requiredBy: answer.by, required: answer.constraint };
      return answer.installs
        ? { messageId: 'targetRequires', data: { ...required, major: answer.installs.major } }
        : { messageId: 'targetRequiresConstraintOnly', data: required };
    }
    case 'php':
      return { messageId: 'targetPhp', data: { ...asked, php: answer.version } };
    case 'plugin-api':
      // `^2.0 || ^3.0` is said as Composer majors: `2 || 3`.
      return {
        messageId: 'targetComposer',
        data: { ...asked, target, composer: answer.constraint.replace(/\^(\d+)\.0/g, '$1') },
      };
  }
}
