import { satisfies } from '../../composer/index.js';
import type { Rule, RuleContext } from '../rule.js';
import { requirementConflicts } from './conflicts.js';
import { safeIntersects, safeSatisfies, targetClosure } from './extension-fit.js';
import { RELEASE_METAPACKAGES, targetAnswer } from './target-versions.js';

/**
 * The root composer.json against the target's project template (magento/project-community-edition): the tooling a
 * release's root requires (MFTF, PHPUnit, php-cs-fixer, the root-update plugin) moves with the release, and an old pin
 * stops `composer update`.
 */
export const rootTemplateRule: Rule = {
  meta: {
    id: 'composer/root-template',
    severity: 'error',
    category: 'composer',
    description:
      "The root composer.json pins what the target's project template moved (require, require-dev, conflict).",
    docs:
      'Every release ships a project template: the root composer.json of a fresh install. Its `require-dev` moves ' +
      'with the libraries the release installs (2.4.8 needs MFTF ^5.0, PHPUnit ^10.5 and symfony/finder ^6.4 because ' +
      'it installs Symfony 6.4). An upgraded project keeps the root of its first release, so an old pin (MFTF ^3.7, ' +
      'whose releases need symfony/console ^4.4) makes `composer update` fail. Composer resolves require-dev on every ' +
      'update, so dev-only entries block the upgrade too (they are labelled dev-only: they never reach production). ' +
      "Each finding quotes the root's constraint, the template's, and what the installed version requires that the " +
      'target excludes. Root `conflict` entries that exclude a version the target installs are reported as well. ' +
      "Fix: take the template's constraint (the proposed composer.json of `mageup check --composer-json-out` does).",
  },
  check(ctx) {
    if (ctx.project.kind !== 'project') return;
    const record = ctx.composer?.target;
    const template = record?.template;
    if (!record || !template) return;
    const target = ctx.target.release.version;
    const templateName = `magento/project-community-edition ${target}`;
    const reportedElsewhere = new Set(
      requirementConflicts(ctx)
        .filter((c) => c.requirerKind === 'root' || c.requirerKind === 'root-dev')
        .map((c) => c.dependency.toLowerCase()),
    );
    const oldTemplate = ctx.composer?.current?.template;
    const sections = [
      ['require', ctx.project.rootRequire, template.require, template.requireDev],
      ['require-dev', ctx.project.rootRequireDev, template.requireDev, template.require],
    ] as const;
    for (const [section, root, same, other] of sections) {
      const dev = section === 'require-dev';
      for (const [dep, constraint] of Object.entries(root)) {
        const name = dep.toLowerCase();
        if (RELEASE_METAPACKAGES.has(name) || reportedElsewhere.has(name)) continue;
        const wanted = same[name] ?? other[name];
        const installed = ctx.project.packages.find((p) => p.name === name);
        const blockers = installed ? installedBlockers(ctx, installed.require) : [];
        const because =
          installed && blockers.length > 0
            ? `; the installed ${installed.version} requires ${blockers.join(', ')}`
            : '';
        const devNote = dev
          ? ' (dev-only: never installed in production, but Composer resolves require-dev on every update)'
          : '';
        if (wanted !== undefined) {
          if (safeIntersects(constraint, wanted)) continue;
          ctx.report({
            severity: dev ? 'error' : 'critical',
            file: 'composer.json',
            subject: `root-template ${section} ${name}`,
            message: `${section} ${name} ${constraint} -> ${templateName} requires ${name} ${wanted}${because}${devNote}.`,
            recommendation:
              `Set "${name}": "${wanted}" in ${section}, as the ${target} project template does ` +
              `(composer require${dev ? ' --dev' : ''} ${name}:"${wanted}" --no-update).`,
            effort: { hours: dev ? 1 : 0.5, confidence: 'medium' },
          });
        } else if (blockers.length > 0 && cameWithTemplate(oldTemplate, name)) {
          // Only what the current template brought: a client's own extension is composer/constraint-conflict's.
          ctx.report({
            severity: dev ? 'error' : 'critical',
            file: 'composer.json',
            subject: `root-template ${section} ${name}`,
            message:
              `${section} ${name} ${constraint}: the installed ${installed!.version} requires ${blockers.join(', ')}, ` +
              `and the ${target} project template no longer requires ${name}${devNote}.`,
            recommendation: `Remove it (composer remove${dev ? ' --dev' : ''} ${name} --no-update) or require a release that allows ${target}.`,
            effort: { hours: 1, confidence: 'low' },
          });
        } else if (dev && oldTemplate && oldTemplate.requireDev[name] !== undefined) {
          ctx.report({
            severity: 'info',
            file: 'composer.json',
            subject: `root-template ${section} ${name}`,
            message: `require-dev ${name} ${constraint} came with the project template of ${ctx.current.release?.version}; the ${target} template no longer requires it (dev-only).`,
            recommendation: `Remove it unless your own tooling uses it (composer remove --dev ${name} --no-update).`,
            effort: { hours: 0.1, confidence: 'medium' },
          });
        }
      }
    }
    reportConflicts(ctx);
    const stability = ctx.project.rootComposer?.minimumStability ?? 'stable';
    if (template.minimumStability && stability !== template.minimumStability) {
      ctx.report({
        severity: 'info',
        file: 'composer.json',
        subject: 'root-template minimum-stability',
        message: `minimum-stability is "${stability}"; the ${target} project template uses "${template.minimumStability}".`,
        recommendation: `Keep "${stability}" only if a package needs it; stability flags (x/y:@dev) are narrower.`,
        effort: { hours: 0.1, confidence: 'medium' },
      });
    }
  },
};

/** Root `conflict` entries that exclude a version the target installs. */
function reportConflicts(ctx: RuleContext): void {
  for (const [dep, constraint] of Object.entries(ctx.project.rootComposer?.conflict ?? {})) {
    const answer = targetAnswer(ctx.target, dep.toLowerCase());
    if (answer?.kind !== 'exact') continue;
    let hit = false;
    try {
      hit = satisfies(answer.version, constraint);
    } catch {
      continue;
    }
    if (!hit) continue;
    ctx.report({
      severity: 'critical',
      file: 'composer.json',
      subject: `root-template conflict ${dep}`,
      message: `conflict ${dep} ${constraint} -> ${ctx.target.release.version} installs ${dep} ${answer.version}.`,
      recommendation: `Remove or narrow the conflict entry on ${dep} once what it guarded against is solved.`,
      effort: { hours: 0.5, confidence: 'medium' },
    });
  }
}

/** Requirements of an installed root package that the target's closure (dev tooling included) excludes. */
function installedBlockers(ctx: RuleContext, require: Record<string, string>): string[] {
  const out: string[] = [];
  const closure = targetClosure(ctx);
  for (const [dep, constraint] of Object.entries(require)) {
    const name = dep.toLowerCase();
    const answer = targetAnswer(ctx.target, name);
    if (answer?.kind === 'constraint') {
      if (!safeIntersects(constraint, answer.constraint))
        out.push(
          `${name} ${constraint} (${ctx.target.release.version}: ${answer.constraint}` +
            `${answer.installs ? `, installs ${answer.installs.major}.x` : ''})`,
        );
      continue;
    }
    if (answer?.kind === 'exact') {
      if (!safeSatisfies(answer.version, constraint))
        out.push(`${name} ${constraint} (${ctx.target.release.version}: ${answer.version})`);
      continue;
    }
    if (answer) continue; // PHP and the plugin API are the platform rules' business.
    const req = (closure.get(name) ?? []).find((r) => !safeIntersects(constraint, r.constraint));
    if (req) out.push(`${name} ${constraint} (${req.by}: ${req.constraint})`);
  }
  return out;
}

/**
 * The project template's constraint on a package the root requires, when the root's own constraint excludes it
 * (composer/root-template reports it; other rules leave it alone).
 */
export function templateReplacement(ctx: RuleContext, name: string): string | undefined {
  const template = ctx.project.kind === 'project' ? ctx.composer?.target?.template : undefined;
  if (!template) return undefined;
  const key = name.toLowerCase();
  const root = ctx.project.rootRequire[key] ?? ctx.project.rootRequireDev[key];
  const wanted = template.require[key] ?? template.requireDev[key];
  return root !== undefined && wanted !== undefined && !safeIntersects(root, wanted) ? wanted : undefined;
}

/** Whether the current release's project template required the package (in either section). */
function cameWithTemplate(
  template: { require: Record<string, string>; requireDev: Record<string, string> } | null | undefined,
  name: string,
): boolean {
  return (
    template !== null && template !== undefined && (template.require[name] ?? template.requireDev[name]) !== undefined
  );
}
