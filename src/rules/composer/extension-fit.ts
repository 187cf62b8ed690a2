// Which released version of a package allows the target: each release's requirements judged against what the target
// installs (magento/* versions, the libraries its metapackages and project template constrain, its PHP). Shared by
// composer/constraint-conflict, lifecycle/no-target-release and the composer.json proposal; computed once per context.
import { intersects, normalizeVersion, parseStability, satisfies } from '../../composer/index.js';
import type { PackageRelease } from '../../knowledge/extension-releases.js';
import { closureRequirements, type ClosureRequirement } from '../../knowledge/release-composer.js';
import { formatMessage, type MessagePart, type PackageContext, type RuleContext } from '../rule.js';
import { targetAnswer } from './target-versions.js';
import { isMagentoExtension, isUsersPackage, movesWithRelease } from './conflicts.js';

export interface ExtensionFit {
  name: string;
  /** False when neither the metadata cache nor the shipped snapshot has a release list for it. */
  known: boolean;
  /** Where the list comes from. */
  source?: string;
  /** Stable releases judged (one that requires nothing never counts as supporting). */
  checked: number;
  /** Oldest and newest stable release whose requirements allow the target. */
  first?: PackageRelease;
  latest?: PackageRelease;
  /** When none fits: the newest release and the first of its requirements that excludes the target. */
  newest?: PackageRelease;
  newestBlocker?: RequirementBlocker;
}

/**
 * A requirement that excludes the target (`php ~8.1.0||~8.2.0`): with the major the target installs when the data says
 * it, or marked unparsable. Said by the `fitBlocker*` messages (`blockerPart()`).
 */
export interface RequirementBlocker {
  name: string;
  constraint: string;
  /** The target release and the major it installs of the library. */
  installs?: { target: string; major: number };
  invalid?: true;
}

/** The fit of one package for the context's target (undefined facts → `known: false`). */
export function extensionFit(ctx: PackageContext, name: string): ExtensionFit {
  // Kept in the target's Composer facts (check/ makes one per target, shared by every rule's context).
  const byName = ctx.composer?.fits;
  const key = name.toLowerCase();
  const cached = byName?.get(key);
  if (cached) return cached;
  const list = ctx.composer?.releases.releasesOf(key);
  let fit: ExtensionFit;
  if (!list) fit = { name: key, known: false, checked: 0 };
  else {
    const stable = list.releases.filter((r) => isStable(r.version));
    // A release that requires nothing (but extensions) is no evidence of support: Composer would accept it anywhere.
    // Only releases that state a requirement, all of which allow the target, count.
    const fitting = stable.filter((r) => statesPlatform(r.require) && requirementBlocker(ctx, r.require) === undefined);
    const newest = stable.at(-1);
    fit = {
      name: key,
      known: true,
      source: list.source,
      checked: stable.length,
      ...(fitting.length > 0 ? { first: fitting[0], latest: fitting.at(-1) } : {}),
      ...(fitting.length === 0 && newest ? { newest, newestBlocker: requirementBlocker(ctx, newest.require) } : {}),
    };
  }
  byName?.set(key, fit);
  return fit;
}

/** The Composer constraint to require a release with: `^` of its version without a leading `v`. */
export function caretOf(release: PackageRelease): string {
  return `^${release.version.replace(/^v(?=\d)/i, '')}`;
}

/**
 * The first requirement (`php ~8.1.0||~8.2.0`) that excludes the target, or undefined when all allow it. Requirements
 * the target says nothing about (ext-*, packages it neither installs nor constrains) are not judged.
 */
export function requirementBlocker(
  ctx: PackageContext,
  require: Record<string, string>,
): RequirementBlocker | undefined {
  for (const [dep, constraint] of Object.entries(require)) {
    const name = dep.toLowerCase();
    if (/^(ext-|lib-)/.test(name)) continue;
    try {
      if (!allows(ctx, name, constraint)) {
        const answer = targetAnswer(ctx, name);
        return answer?.kind === 'constraint' && answer.installs
          ? { name, constraint, installs: { target: ctx.target.release.version, major: answer.installs.major } }
          : { name, constraint };
      }
    } catch {
      return { name, constraint, invalid: true };
    }
  }
  return undefined;
}

/** The message part saying a blocker (one of `BLOCKER_MESSAGES`). */
export function blockerPart(blocker: RequirementBlocker): MessagePart {
  const { name, constraint, installs } = blocker;
  if (blocker.invalid) return { messageId: 'fitBlockerInvalid', data: { name, constraint } };
  return installs
    ? { messageId: 'fitBlockerInstalls', data: { name, constraint, target: installs.target, major: installs.major } }
    : { messageId: 'fitBlocker', data: { name, constraint } };
}

/** A blocker as text, for what is not a finding (the extension table, the composer.json proposal's reasons). */
export function blockerText(blocker: RequirementBlocker): string {
  const part = blockerPart(blocker);
  return formatMessage({ id: 'composer/fit', messages: BLOCKER_MESSAGES }, part.messageId, part.data);
}

function allows(ctx: PackageContext, name: string, constraint: string): boolean {
  const answer = targetAnswer(ctx, name);
  if (answer) {
    switch (answer.kind) {
      case 'exact':
        return satisfies(answer.version, constraint);
      case 'constraint':
        return intersects(constraint, answer.constraint);
      case 'php':
        return intersects(constraint, `~${answer.version}.0`);
      case 'plugin-api':
        return intersects(constraint, answer.constraint);
    }
  }
  // A magento/* package the current release ships and the target no longer does cannot be installed.
  if (name.startsWith('magento/') && ctx.current.release?.packages[name] && ctx.target.release.packagesKnown) {
    return false;
  }
  for (const req of targetClosure(ctx).get(name) ?? []) {
    if (!intersects(constraint, req.constraint)) return false;
  }
  return true;
}

/** The target's closure on libraries (product, base, template require; not the template's require-dev). */
export function targetClosure(ctx: PackageContext): Map<string, ClosureRequirement[]> {
  const composer = ctx.composer;
  if (composer?.targetClosure) return composer.targetClosure;
  return composer?.target ? closureRequirements(composer.target) : new Map();
}

function statesPlatform(require: Record<string, string>): boolean {
  return Object.keys(require).some((n) => !/^(ext|lib)-/.test(n));
}

export function isStable(version: string): boolean {
  try {
    return parseStability(normalizeVersion(version)) === 'stable';
  } catch {
    return false;
  }
}

/** The phrases of `blockerPart()`: the requirement that excludes the target (a `{{blocker}}`). */
export const BLOCKER_MESSAGES = {
  fitBlocker: '{{name}} {{constraint}}',
  fitBlockerInstalls: '{{name}} {{constraint}} ({{target}} installs {{major}}.x)',
  fitBlockerInvalid: '{{name}} {{constraint}} (not a valid constraint)',
};

/**
 * The phrases of `fitAdvicePart()`: declared by every rule whose recommendation names the release to move to
 * (`{{fit}}`).
 */
export const FIT_MESSAGES = {
  fitOwnPackage: "{{name}} is the project's own package ({{path}}): change its composer.json to allow {{target}}.",
  fitOwnPackageNoPath:
    "{{name}} is the project's own package (a path repository): change its composer.json to allow {{target}}.",
  fitUnknown:
    'MageUp has no release list for {{name}} (not in the Composer metadata cache nor in its snapshot of public ' +
    "extensions): run mageup check --online to read it from the project's repositories, or ask its vendor.",
  fitOnly:
    '{{latest}} is the only release whose requirements allow {{target}} on PHP {{php}} ({{checked}} releases ' +
    'checked, from {{source}}): composer require {{name}}:"{{caret}}" --no-update.',
  fitRange:
    '{{first}} is the first release and {{latest}} the latest whose requirements allow {{target}} on PHP {{php}} ' +
    '({{checked}} releases checked, from {{source}}): composer require {{name}}:"{{caret}}" --no-update.',
  fitNone:
    'No public release of {{name}} supports {{target}} on PHP {{php}} ({{checked}} releases checked, from ' +
    '{{source}}): ask its vendor or replace it.',
  fitNoneNewest:
    'No public release of {{name}} supports {{target}} on PHP {{php}} ({{checked}} releases checked, from ' +
    '{{source}}; the newest, {{newest}}, requires {{blocker}}): ask its vendor or replace it.',
  fitNoneNewestUnstated:
    'No public release of {{name}} states requirements that allow {{target}} on PHP {{php}} ({{checked}} releases ' +
    'checked, from {{source}}); the newest, {{newest}}, states no Magento or PHP requirement, so its support could ' +
    'not be verified: ask its vendor.',
  ...BLOCKER_MESSAGES,
};

/**
 * One sentence on which release to move to, for recommendations (a part of `FIT_MESSAGES`): never "no version list"
 * without saying why.
 */
export function fitAdvicePart(ctx: RuleContext, name: string): MessagePart {
  const target = ctx.target.release.version;
  const pkg = ctx.project.packages.find((p) => p.name === name.toLowerCase());
  if (pkg?.source === 'path') {
    return pkg.path
      ? { messageId: 'fitOwnPackage', data: { name, path: pkg.path, target } }
      : { messageId: 'fitOwnPackageNoPath', data: { name, target } };
  }
  const fit = extensionFit(ctx, name);
  if (!fit.known) return { messageId: 'fitUnknown', data: { name } };
  const checked = { name, target, php: ctx.target.php, checked: fit.checked, source: String(fit.source) };
  if (fit.first && fit.latest) {
    const caret = caretOf(fit.latest);
    return fit.first.version === fit.latest.version
      ? { messageId: 'fitOnly', data: { ...checked, latest: fit.latest.version, caret } }
      : { messageId: 'fitRange', data: { ...checked, first: fit.first.version, latest: fit.latest.version, caret } };
  }
  // The newest release excludes nothing when it states no requirement but extensions: no evidence either way.
  if (fit.newest && !fit.newestBlocker)
    return { messageId: 'fitNoneNewestUnstated', data: { ...checked, newest: fit.newest.version } };
  return fit.newest
    ? {
        messageId: 'fitNoneNewest',
        data: {
          ...checked,
          newest: fit.newest.version,
          blocker: [blockerPart(fit.newestBlocker!)],
        },
      }
    : { messageId: 'fitNone', data: checked };
}

/** intersects() that treats an unparsable constraint as "not judged" (Composer itself reports it; never guessed). */
export function safeIntersects(a: string, b: string): boolean {
  try {
    return intersects(a, b);
  } catch {
    return true;
  }
}

/** satisfies() on a pretty version (`v2.1.0`); an unparsable one is "not judged". */
export function safeSatisfies(version: string, constraint: string): boolean {
  try {
    return satisfies(normalizeVersion(version), constraint);
  } catch {
    return true;
  }
}

/** One row of the "first release supporting the target" table: every third-party Magento extension of the project. */
export interface ExtensionRow {
  name: string;
  installed: string;
  /** The installed version's requirements already allow the target. */
  installedFits: boolean;
  known: boolean;
  source?: string;
  checked: number;
  first?: string;
  latest?: string;
  /** Why the newest known release does not fit, when none does. */
  blocker?: string;
}

export function extensionTable(ctx: PackageContext): ExtensionRow[] {
  const withRelease = movesWithRelease(ctx.project.packages);
  return ctx.project.packages
    .filter((p) => isUsersPackage(p) && p.source !== 'path' && isMagentoExtension(p) && !withRelease.has(p.name))
    .map((p) => {
      const fit = extensionFit(ctx, p.name);
      return {
        name: p.name,
        installed: p.version,
        installedFits: requirementBlocker(ctx, p.require) === undefined,
        known: fit.known,
        ...(fit.source ? { source: fit.source } : {}),
        checked: fit.checked,
        ...(fit.first ? { first: fit.first.version } : {}),
        ...(fit.latest ? { latest: fit.latest.version } : {}),
        ...(fit.newestBlocker ? { blocker: `${fit.newest!.version} requires ${blockerText(fit.newestBlocker)}` } : {}),
      };
    });
}
