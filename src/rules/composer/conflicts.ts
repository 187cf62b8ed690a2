// The requirements of installed packages that the target release cannot satisfy, computed once per context and
// shared by composer/constraint-conflict and lifecycle/no-target-release.
import { intersects, satisfies } from '../../composer/index.js';
import type { ComposerPackage } from '../../project/model.js';
import type { RuleContext } from '../rule.js';
import { RELEASE_METAPACKAGES, targetAnswer, type TargetAnswer } from './target-versions.js';

/**
 * Who wrote the requirement: a Magento extension (its vendor must ship a release for the target), a generic library
 * the root composer.json pins, or the root composer.json itself (`require` or `require-dev`). Libraries that only
 * come in transitively are not listed: Composer moves them along with the upgrade.
 */
export type RequirerKind = 'extension' | 'library' | 'root' | 'root-dev';

export interface RequirementConflict {
  /** Requiring package (`acme/module-foo`), or `Root composer.json` / the extension's name for the root. */
  requirer: string;
  /** The requiring package's name; null for a project's root composer.json (Composer calls it `Root composer.json`). */
  requirerPackage: string | null;
  requirerVersion?: string;
  requirerKind: RequirerKind;
  /** Where the requirement is written, relative to the root. */
  file: string;
  dependency: string;
  constraint: string;
  /** What the target installs or requires of `dependency`, which `constraint` excludes. */
  answer: TargetAnswer;
  /** A version of the requirer the target installs itself (it is part of the release), when there is one. */
  fittingVersion?: string;
  /** For a PHP conflict: other PHP minors the target supports that the requirement allows (`--php` could pick one). */
  phpAlternatives?: string[];
}

/** Every requirement of the user's packages (and of the root) that the target cannot satisfy. Deterministic. */
export function requirementConflicts(ctx: RuleContext): RequirementConflict[] {
  const out: RequirementConflict[] = [];
  const pinnedByRoot = new Set(
    [...Object.keys(ctx.project.rootRequire), ...Object.keys(ctx.project.rootRequireDev)].map((n) => n.toLowerCase()),
  );
  const withRelease = movesWithRelease(ctx.project.packages);
  for (const pkg of ctx.project.packages) {
    if (!isUsersPackage(pkg)) continue;
    if (withRelease.has(pkg.name) && !pinnedByRoot.has(pkg.name.toLowerCase())) continue;
    const kind: RequirerKind | undefined = isMagentoExtension(pkg)
      ? 'extension'
      : pinnedByRoot.has(pkg.name.toLowerCase())
        ? 'library'
        : undefined;
    if (!kind) continue;
    const file = pkg.path ? `${pkg.path}/composer.json` : 'composer.lock';
    for (const [dep, constraint] of Object.entries(pkg.require)) {
      const requirer = { name: pkg.name, package: pkg.name, version: pkg.version, kind };
      const conflict = conflictOf(ctx, requirer, file, dep, constraint);
      if (conflict) out.push(conflict);
    }
  }
  const rootPackage = ctx.project.kind === 'extension' ? rootName(ctx) : null;
  const roots: [Record<string, string>, RequirerKind][] = [
    [ctx.project.rootRequire, 'root'],
    [ctx.project.kind === 'project' ? ctx.project.rootRequireDev : {}, 'root-dev'],
  ];
  for (const [requires, kind] of roots) {
    for (const [dep, constraint] of Object.entries(requires)) {
      // The project's own metapackage requirement is the upgrade itself, not a conflict.
      if (ctx.project.kind === 'project' && RELEASE_METAPACKAGES.has(dep)) continue;
      const requirer = { name: rootPackage ?? 'Root composer.json', package: rootPackage, kind };
      const conflict = conflictOf(ctx, requirer, 'composer.json', dep, constraint);
      if (conflict) out.push(conflict);
    }
  }
  return out;
}

/** Third-party and path packages: core Magento (and what the metapackage bundles) moves with the release. */
export function isUsersPackage(pkg: ComposerPackage): boolean {
  return (pkg.source === 'third-party' || pkg.source === 'path') && !pkg.bundled && pkg.type !== 'metapackage';
}

/**
 * Packages installed only because the release's metapackage bundles them (PayPal Braintree in 2.4.4–2.4.7): the
 * bundled packages and everything they require. Composer moves or drops them with the release.
 */
export function movesWithRelease(packages: ComposerPackage[]): Set<string> {
  const byName = new Map(packages.map((p) => [p.name, p]));
  const out = new Set<string>();
  const queue = packages.filter((p) => p.bundled).map((p) => p.name);
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (out.has(name)) continue;
    out.add(name);
    for (const dep of Object.keys(byName.get(name)?.require ?? {})) {
      const next = byName.get(dep);
      if (next && next.source !== 'core' && !out.has(dep)) queue.push(dep);
    }
  }
  return out;
}

/** Magento modules, themes, language packs and libraries (`magento2-module`, …): what extension vendors ship. */
export function isMagentoExtension(pkg: ComposerPackage): boolean {
  return /^magento2?-(module|theme|language|library|component)$/.test(pkg.type);
}

function rootName(ctx: RuleContext): string {
  return ctx.project.packages.find((p) => p.source === 'root')?.name ?? 'composer.json';
}

function conflictOf(
  ctx: RuleContext,
  requirer: { name: string; package: string | null; version?: string; kind: RequirerKind },
  file: string,
  dep: string,
  constraint: string,
): RequirementConflict | undefined {
  const answer = targetAnswer(ctx, dep.toLowerCase());
  if (!answer) return undefined;
  let ok: boolean;
  try {
    switch (answer.kind) {
      case 'exact':
        ok = satisfies(answer.version, constraint);
        break;
      case 'php':
        ok = intersects(constraint, `~${answer.version}.0`);
        break;
      case 'constraint':
      case 'plugin-api':
        ok = intersects(constraint, answer.constraint);
        break;
    }
  } catch {
    return undefined; // An unparsable constraint: Composer itself rejects it, and the audit lists it.
  }
  if (ok) return undefined;
  const fitting = requirer.version ? ctx.target.release.packages[requirer.name] : undefined;
  return {
    requirer: requirer.name,
    requirerPackage: requirer.package,
    requirerVersion: requirer.version,
    requirerKind: requirer.kind,
    file,
    dependency: dep,
    constraint,
    answer,
    fittingVersion: fitting,
    ...(answer.kind === 'php' ? { phpAlternatives: otherPhp(ctx, constraint, answer.version) } : {}),
  };
}

function otherPhp(ctx: RuleContext, constraint: string, chosen: string): string[] {
  return (ctx.target.release.requirements.php ?? [])
    .filter((v) => v !== chosen && /^\d+\.\d+$/.test(v))
    .filter((v) => {
      try {
        return intersects(constraint, `~${v}.0`);
      } catch {
        return false;
      }
    })
    .sort();
}
