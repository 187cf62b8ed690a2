import type { MessagePart, ReportInput, Rule } from '../rule.js';
import { requirementConflicts, type RequirementConflict } from './conflicts.js';
import { FIT_MESSAGES, fitAdvicePart } from './extension-fit.js';
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
    recommendations: {
      letMove: '{{release}} itself installs {{name}} {{fitting}}, which fits: let the upgrade move it.{{phpNote}}',
      changeRequire:
        'Change the require entry in composer.json to a constraint that allows what {{release}} installs.{{phpNote}}',
      changeRequireDev:
        'Change the require-dev entry in composer.json to a constraint that allows what {{release}} installs.{{phpNote}}',
      widenLibrary:
        'Widen the root composer.json constraint on {{name}} so Composer can pick a release that allows it. {{fit}}{{phpNote}}',
      update: 'Update {{name}} to a release made for {{release}}. {{fit}}{{phpNote}}',
    },
    messages: {
      ...FIT_MESSAGES,
      orOtherPhp:
        ' Or run {{release}} on PHP {{php}}, which it allows and {{release}} supports (mageup check --php {{last}}).',
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
      const phpNote: MessagePart[] = otherPhp
        ? [{ messageId: 'orOtherPhp', data: { release: target, php: otherPhp, last: c.phpAlternatives!.at(-1)! } }]
        : [];
      const recommendationId = c.fittingVersion
        ? 'letMove'
        : root
          ? c.requirerKind === 'root-dev'
            ? 'changeRequireDev'
            : 'changeRequire'
          : c.requirerKind === 'library'
            ? 'widenLibrary'
            : 'update';
      const { messageId, data } = conflictMessage(c, target);
      ctx.report({
        // A library pinned by the root usually has a newer release that fits; dev tooling blocks only dev installs.
        // Excluding only the newest PHP of the target is an error (another supported PHP works), not a blocker.
        severity:
          c.requirerKind === 'library' ? 'warning' : c.requirerKind === 'root-dev' || otherPhp ? 'error' : 'critical',
        package: root ? undefined : c.requirer,
        file: c.file,
        subject: `${c.requirer} requires ${c.dependency} ${c.constraint}`,
        messageId,
        data: {
          ...data,
          release: target,
          name: c.requirer,
          phpNote,
          ...(c.fittingVersion ? { fitting: c.fittingVersion } : {}),
          ...(recommendationId === 'widenLibrary' || recommendationId === 'update'
            ? { fit: [fitAdvicePart(ctx, c.requirer)] }
            : {}),
        },
        recommendationId,
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
