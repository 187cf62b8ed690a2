import { satisfies } from '../../composer/index.js';
import type { MessagePart, Rule, RuleContext } from '../rule.js';
import { requirementConflicts } from './conflicts.js';
import { isStable, requirementBlocker, safeIntersects, safeSatisfies, targetClosure } from './extension-fit.js';
import { RELEASE_METAPACKAGES, TEMPLATE_MESSAGES, targetAnswer, templatePart } from './target-versions.js';

/**
 * The root composer.json against the target's project template (magento/project-community-edition): the tooling a
 * release's root requires (MFTF, PHPUnit, php-cs-fixer, the root-update plugin) moves with the release, and an old pin
 * stops `composer update`.
 */
/** Said of a require-dev pin. */
const DEV_NOTE = ' (dev-only: never installed in production, but Composer resolves require-dev on every update)';

export const rootTemplate: Rule = {
  meta: {
    id: 'composer/root-template',
    severity: 'error',
    category: 'composer',
    description:
      "The root composer.json pins what the target's project template moved (require, require-dev, conflict).",
    docs:
      'Every release ships a project template: the root composer.json of a fresh install. Its `require-dev` moves ' +
      'with the libraries the release installs (2.4.8 installs Symfony 6.4, so its template requires MFTF ^5.0). An ' +
      'upgraded project keeps the root of its first release, so an old pin (MFTF ^3.7, whose 3.8.0 needs ' +
      'symfony/console ^4.4) makes `composer update` fail. A pin is an error only when what the target installs ' +
      "excludes it: its metapackages and its template's require (not the template's require-dev, which is the " +
      "template's choice of tooling), the installed version's requirements, or the tooling the root must move to " +
      '(every MFTF ^5.0 release that fits 2.4.8 requires symfony/finder ^6.4, so symfony/finder ^5.2 blocks). A pin ' +
      'only the template moved (pdepend ~2.10.0 -> 3.x-dev) is info. Composer resolves require-dev on every update, ' +
      'so dev-only entries block the upgrade too (they are labelled dev-only: they never reach production). Root ' +
      '`conflict` entries that exclude a version the target installs are reported as well. ' +
      "Fix: take the template's constraint (the proposed composer.json of `mageup check --composer-json-out` does).",
    recommendations: {
      takeTemplate:
        'Set "{{name}}": "{{wanted}}" in {{section}}, as {{theTemplate}} does (composer require {{name}}:"{{wanted}}" ' +
        '--no-update).',
      takeTemplateDev:
        'Set "{{name}}": "{{wanted}}" in {{section}}, as {{theTemplate}} does (composer require --dev ' +
        '{{name}}:"{{wanted}}" --no-update).',
      removeOrAllow: 'Remove it (composer remove {{name}} --no-update) or require a release that allows {{target}}.',
      removeOrAllowDev:
        'Remove it (composer remove --dev {{name}} --no-update) or require a release that allows {{target}}.',
      removeUnlessUsed: 'Remove it unless your own tooling uses it (composer remove --dev {{name}} --no-update).',
      takeTemplateOptional:
        "Optional: take the template's constraint to keep the tooling of a fresh {{target}} install (composer " +
        'require --dev {{name}}:"{{wanted}}" --no-update).',
      keepStability: 'Keep "{{stability}}" only if a package needs it; stability flags (x/y:@dev) are narrower.',
      narrowConflict: 'Remove or narrow the conflict entry on {{dep}} once what it guarded against is solved.',
    },
    messages: {
      move: '{{section}} {{name}} {{constraint}} -> {{template}} requires {{name}} {{wanted}}.',
      moveBecause: '{{section}} {{name}} {{constraint}} -> {{template}} requires {{name}} {{wanted}}; {{evidence}}.',
      // A require-dev pin moves only on evidence that the target excludes it (else devUndecided).
      moveDev:
        '{{section}} {{name}} {{constraint}} -> {{template}} requires {{name}} {{wanted}}; {{evidence}}' +
        DEV_NOTE +
        '.',
      // The evidence of move*, joined by `; `: what the target installs, the installed version's requirements, or the
      // tooling the root must move to excludes the pin.
      targetExcludes: "the target's libraries exclude it: {{blockers}}",
      installedRequires: 'the installed {{installed}} requires {{blockers}}',
      toolingRequires:
        'every {{tool}} {{toolConstraint}} release that fits {{target}} ({{count}}: {{versions}}, {{source}}) requires ' +
        '{{name}} {{wants}}',
      // The parts of the lists above. {{blockers}}: a requirement and what excludes it (the target's constraint or
      // version, or the requirement of the target's closure `by` names), joined by `, `.
      blocker: '{{name}} {{constraint}} ({{by}}: {{required}})',
      blockerInstalls: '{{name}} {{constraint}} ({{by}}: {{required}}, installs {{major}}.x)',
      // {{wants}}: the tooling's distinct constraints on the pin, joined by ` or `; {{versions}}: its fitting releases.
      want: '{{constraint}}',
      version: '{{version}}',
      versionRange: '{{first}} … {{last}}',
      ...TEMPLATE_MESSAGES,
      installedBlocks:
        '{{section}} {{name}} {{constraint}}: the installed {{installed}} requires {{blockers}}, and {{theTemplate}} no ' +
        'longer requires {{name}}.',
      installedBlocksDev:
        '{{section}} {{name}} {{constraint}}: the installed {{installed}} requires {{blockers}}, and {{theTemplate}} no ' +
        'longer requires {{name}}' +
        DEV_NOTE +
        '.',
      devDropped:
        'require-dev {{name}} {{constraint}} came with the project template of {{current}}; {{theTemplate}} no longer ' +
        'requires it (dev-only).',
      devUndecided:
        'require-dev {{name}} {{constraint}}: {{theTemplate}} requires {{name}} {{wanted}}, but nothing MageUp knows ' +
        "{{target}} to install excludes {{constraint}} (its metapackages, its template's require, the tooling the root " +
        "must move to, the installed version's requirements) (dev-only).",
      stability: 'minimum-stability is "{{stability}}"; {{theTemplate}} uses "{{wanted}}".',
      conflict: 'conflict {{dep}} {{constraint}} -> {{target}} installs {{dep}} {{version}}.',
    },
    listSeparators: { blockers: ', ', wants: ' or ' },
    messageSeverity: {
      move: 'critical',
      moveBecause: 'critical',
      installedBlocks: 'critical',
      devDropped: 'info',
      devUndecided: 'info',
      stability: 'info',
      conflict: 'critical',
    },
  },
  check(ctx) {
    if (ctx.project.kind !== 'project') return;
    const record = ctx.composer?.target;
    const template = record?.template;
    if (!record || !template) return;
    const target = ctx.target.release.version;
    const theTemplate = [templatePart(ctx, 'theTemplate')];
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
    // Root pins the template moved but nothing the target installs excludes: judged once the pins that must move are
    // known, since the tooling the root must move to can exclude them (every MFTF ^5.0 requires symfony/finder ^6.4).
    const undecided: { section: string; name: string; constraint: string; wanted: string }[] = [];
    const moved: { name: string; wanted: string }[] = [];
    for (const [section, root, same, other] of sections) {
      const dev = section === 'require-dev';
      for (const [dep, constraint] of Object.entries(root)) {
        const name = dep.toLowerCase();
        if (RELEASE_METAPACKAGES.has(name) || reportedElsewhere.has(name)) continue;
        const wanted = same[name] ?? other[name];
        const installed = ctx.project.packages.find((p) => p.name === name);
        const blockers = installed ? installedBlockers(ctx, installed.require) : [];
        const because: MessagePart[] =
          installed && blockers.length > 0
            ? [
                {
                  messageId: 'installedRequires',
                  data: { installed: installed.version, blockers },
                },
              ]
            : [];
        if (wanted !== undefined) {
          if (safeIntersects(constraint, wanted)) continue;
          const excluded = installedBlockers(ctx, { [name]: constraint });
          if (dev && excluded.length === 0 && blockers.length === 0) {
            undecided.push({ section, name, constraint, wanted });
            continue;
          }
          moved.push({ name, wanted });
          const own: MessagePart[] =
            excluded.length > 0 ? [{ messageId: 'targetExcludes', data: { blockers: excluded } }] : [];
          reportMove(ctx, section, name, constraint, wanted, [...own, ...because]);
        } else if (blockers.length > 0 && cameWithTemplate(oldTemplate, name)) {
          // Only what the current template brought: a client's own extension is composer/constraint-conflict's.
          ctx.report({
            file: 'composer.json',
            subject: `root-template ${section} ${name}`,
            messageId: dev ? 'installedBlocksDev' : 'installedBlocks',
            data: {
              section,
              name,
              constraint,
              installed: installed!.version,
              blockers,
              theTemplate,
              target,
            },
            recommendationId: dev ? 'removeOrAllowDev' : 'removeOrAllow',
            effort: { hours: 1, confidence: 'low' },
          });
        } else if (dev && oldTemplate && oldTemplate.requireDev[name] !== undefined) {
          ctx.report({
            file: 'composer.json',
            subject: `root-template ${section} ${name}`,
            messageId: 'devDropped',
            data: { name, constraint, current: String(ctx.current.release?.version), theTemplate },
            recommendationId: 'removeUnlessUsed',
            effort: { hours: 0.1, confidence: 'medium' },
          });
        }
      }
    }
    for (const pin of undecided) {
      const excludedBy = moved.map((m) => toolingExcludes(ctx, m, pin.name, pin.constraint)).find(Boolean);
      if (excludedBy) {
        reportMove(ctx, pin.section, pin.name, pin.constraint, pin.wanted, [excludedBy]);
        continue;
      }
      ctx.report({
        file: 'composer.json',
        subject: `root-template ${pin.section} ${pin.name}`,
        messageId: 'devUndecided',
        data: { name: pin.name, constraint: pin.constraint, theTemplate, wanted: pin.wanted, target },
        recommendationId: 'takeTemplateOptional',
        effort: { hours: 0.1, confidence: 'medium' },
      });
    }
    reportConflicts(ctx);
    const stability = ctx.project.rootComposer?.minimumStability ?? 'stable';
    if (template.minimumStability && stability !== template.minimumStability) {
      ctx.report({
        file: 'composer.json',
        subject: 'root-template minimum-stability',
        messageId: 'stability',
        data: { stability, theTemplate, wanted: template.minimumStability },
        recommendationId: 'keepStability',
        effort: { hours: 0.1, confidence: 'medium' },
      });
    }
  },
};

/** A root pin the target excludes: take the template's constraint. */
function reportMove(
  ctx: RuleContext,
  section: string,
  name: string,
  constraint: string,
  wanted: string,
  evidence: MessagePart[],
): void {
  const dev = section === 'require-dev';
  const data = {
    section,
    name,
    constraint,
    template: [templatePart(ctx, 'template')],
    wanted,
    theTemplate: [templatePart(ctx, 'theTemplate')],
  };
  ctx.report({
    file: 'composer.json',
    subject: `root-template ${section} ${name}`,
    ...(dev || evidence.length > 0
      ? { messageId: dev ? 'moveDev' : 'moveBecause', data: { ...data, evidence } }
      : { messageId: 'move', data }),
    recommendationId: dev ? 'takeTemplateDev' : 'takeTemplate',
    effort: { hours: dev ? 1 : 0.5, confidence: 'medium' },
  });
}

/**
 * Whether the template's tooling the root must move to (MFTF ^5.0) excludes another pin: every known stable release
 * of it within the template's constraint that fits the target requires `name` outside `constraint`. Undefined when
 * the release list is unknown or one fitting release allows the pin.
 */
function toolingExcludes(
  ctx: RuleContext,
  tool: { name: string; wanted: string },
  name: string,
  constraint: string,
): MessagePart | undefined {
  const list = ctx.composer?.releases.releasesOf(tool.name);
  if (!list) return undefined;
  const fitting = list.releases.filter(
    (r) =>
      isStable(r.version) && safeSatisfies(r.version, tool.wanted) && requirementBlocker(ctx, r.require) === undefined,
  );
  if (fitting.length === 0) return undefined;
  const wants = fitting.map((r) => r.require[name]);
  if (wants.some((w) => w === undefined || safeIntersects(constraint, w))) return undefined;
  const versions: MessagePart =
    fitting.length === 1
      ? { messageId: 'version', data: { version: fitting[0]!.version } }
      : { messageId: 'versionRange', data: { first: fitting[0]!.version, last: fitting.at(-1)!.version } };
  return {
    messageId: 'toolingRequires',
    data: {
      tool: tool.name,
      toolConstraint: tool.wanted,
      target: ctx.target.release.version,
      count: fitting.length,
      versions: [versions],
      source: list.source,
      name,
      wants: [...new Set(wants)].map((constraint) => ({ messageId: 'want', data: { constraint: constraint! } })),
    },
  };
}

/** Root `conflict` entries that exclude a version the target installs. */
function reportConflicts(ctx: RuleContext): void {
  for (const [dep, constraint] of Object.entries(ctx.project.rootComposer?.conflict ?? {})) {
    const answer = targetAnswer(ctx, dep.toLowerCase());
    if (answer?.kind !== 'exact') continue;
    let hit = false;
    try {
      hit = satisfies(answer.version, constraint);
    } catch {
      continue;
    }
    if (!hit) continue;
    ctx.report({
      file: 'composer.json',
      subject: `root-template conflict ${dep}`,
      messageId: 'conflict',
      data: { dep, constraint, target: ctx.target.release.version, version: answer.version },
      recommendationId: 'narrowConflict',
      effort: { hours: 0.5, confidence: 'medium' },
    });
  }
}

/**
 * Requirements that what the target installs excludes: its exact magento/* versions, its metapackages' library
 * constraints and its template's require (not the template's require-dev: that is the template's choice of tooling).
 */
function installedBlockers(ctx: RuleContext, require: Record<string, string>): MessagePart[] {
  const out: MessagePart[] = [];
  const closure = targetClosure(ctx);
  const target = ctx.target.release.version;
  for (const [dep, constraint] of Object.entries(require)) {
    const name = dep.toLowerCase();
    const answer = targetAnswer(ctx, name);
    if (answer?.kind === 'constraint') {
      if (!safeIntersects(constraint, answer.constraint)) {
        const data = { name, constraint, by: target, required: answer.constraint };
        out.push(
          answer.installs
            ? { messageId: 'blockerInstalls', data: { ...data, major: answer.installs.major } }
            : { messageId: 'blocker', data },
        );
      }
      continue;
    }
    if (answer?.kind === 'exact') {
      if (!safeSatisfies(answer.version, constraint))
        out.push({ messageId: 'blocker', data: { name, constraint, by: target, required: answer.version } });
      continue;
    }
    if (answer) continue; // PHP and the plugin API are the platform rules' business.
    const req = (closure.get(name) ?? []).find((r) => !safeIntersects(constraint, r.constraint));
    if (req) out.push({ messageId: 'blocker', data: { name, constraint, by: req.by, required: req.constraint } });
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
