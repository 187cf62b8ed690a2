import { requirementConflicts } from '../composer/conflicts.js';
import type { Rule } from '../rule.js';
import { extensionFit, FIT_MESSAGES, fitAdvicePart } from '../composer/extension-fit.js';

/** Extensions whose requirements exclude the target, with no version known to fit. */
export const noTargetRelease: Rule = {
  meta: {
    id: 'lifecycle/no-target-release',
    severity: 'warning',
    category: 'lifecycle',
    description: 'An extension has no known release for the target: its installed version excludes it.',
    docs:
      'When the installed version of an extension requires magento/* versions or a PHP the target does not have, ' +
      'it needs a new release made for the target. The release lists come from Composer repository metadata ' +
      "(`mageup check --online`, cached) or MageUp's snapshot of public extensions; when a release fits, " +
      'composer/constraint-conflict names it and this rule stays silent. Each conflicting requirement is listed by ' +
      'composer/constraint-conflict.',
    recommendations: {
      releaseAllowing: 'Release a version whose constraints allow {{target}} (and test it there).',
      fit: '{{fit}}',
    },
    messages: {
      ...FIT_MESSAGES,
      rootExcludes: "This extension's composer.json excludes {{target}} ({{deps}}).",
      noRelease: 'No known release of {{requirer}} supports {{target}}: the installed {{installed}} requires {{deps}}.',
      requirement: '{{dependency}} {{constraint}}',
    },
    listSeparators: { deps: ', ' },
  },
  check(ctx) {
    const byRequirer = new Map<string, ReturnType<typeof requirementConflicts>>();
    for (const c of requirementConflicts(ctx)) {
      if (c.answer.kind !== 'php' && !(c.answer.kind === 'exact' && c.dependency.startsWith('magento/'))) continue;
      // A PHP requirement that still allows another PHP the target supports is not a missing release.
      if (c.fittingVersion || (c.phpAlternatives && c.phpAlternatives.length > 0)) continue;
      if (c.requirerKind === 'library' || c.requirerKind === 'root-dev') continue;
      const isRoot = c.requirerKind === 'root';
      if (isRoot && ctx.project.kind !== 'extension') continue;
      const list = byRequirer.get(c.requirer) ?? [];
      list.push(c);
      byRequirer.set(c.requirer, list);
    }
    const target = ctx.target.release.version;
    for (const [requirer, conflicts] of byRequirer) {
      const first = conflicts[0]!;
      const isRoot = first.requirerKind === 'root';
      if (!isRoot && extensionFit(ctx, requirer).first) continue; // A release fits: constraint-conflict names it.
      const deps = conflicts.map((c) => ({
        messageId: 'requirement',
        data: { dependency: c.dependency, constraint: c.constraint },
      }));
      ctx.report({
        package: isRoot ? undefined : requirer,
        file: first.file,
        subject: `${requirer} no release for ${target}`,
        ...(isRoot
          ? { messageId: 'rootExcludes', data: { target, deps }, recommendationId: 'releaseAllowing' }
          : {
              messageId: 'noRelease',
              data: {
                requirer,
                target,
                installed: String(first.requirerVersion),
                deps,
                fit: [fitAdvicePart(ctx, requirer)],
              },
              recommendationId: 'fit',
            }),
        effort: { hours: isRoot ? 2 : 4, confidence: 'low' },
      });
    }
  },
};
