// The Composer facts of a check, built once: the current and target releases' Composer records (shipped data) and
// the release lists of third-party packages (metadata cache, refreshed first with --online, then the snapshot).
import type { Problem } from '../core/problem.js';
import { userCacheDir } from '../knowledge/cache-dir.js';
import { releaseLookup } from '../knowledge/extension-releases.js';
import { projectRepositories, refreshPackageMetadata } from '../knowledge/package-metadata.js';
import {
  closureRequirements,
  nearestReleaseComposer,
  nearestTemplateRecord,
  releaseComposer,
  type ReleaseComposerRecord,
} from '../knowledge/release-composer.js';
import { targetInstalls } from '../knowledge/target-installs.js';
import type { Release } from '../knowledge/types.js';
import type { ProjectModel } from '../project/model.js';
import { isMagentoExtension, isUsersPackage } from '../rules/composer/conflicts.js';
import type { ComposerFacts } from '../rules/rule.js';
import type { CheckOptions, TargetComposer } from './types.js';
import { extensionTable } from '../rules/composer/extension-fit.js';
import { formatComposerJson, proposeComposerJson, unresolvedReason } from '../rules/composer/proposal.js';
import type { PackageContext } from '../rules/rule.js';
import { runComposerSolver } from './composer-solver.js';
import { join } from 'node:path';

export interface CheckComposerFacts {
  /** `sink`: where a note on the target's data goes (a stop's own problems; the run's by default). */
  forTarget(current: Release | null, target: Release, php: string, sink?: Problem[]): ComposerFacts;
}

/**
 * The facts derived from a target's records, once per target and PHP: what it installs of each library its own
 * metapackage constrains (read from the shipped data on first ask), its closure on libraries, and the memo of
 * extension fits every rule's context shares.
 */
export function targetDerivedFacts(
  facts: Pick<ComposerFacts, 'target'>,
  target: Release,
  php: string,
): Required<Pick<ComposerFacts, 'targetInstalls' | 'targetClosure' | 'fits'>> {
  let own: ReleaseComposerRecord | undefined | null = null;
  const ownRecord = (): ReleaseComposerRecord | undefined => {
    if (own === null) {
      try {
        own = releaseComposer(target.version);
      } catch {
        own = undefined; // unreadable data is reported by composerFacts: the constraint is all that is said
      }
    }
    return own;
  };
  return {
    targetInstalls: (name) => {
      const record = ownRecord();
      return record ? targetInstalls(record, php, name) : undefined;
    },
    targetClosure: facts.target ? closureRequirements(facts.target) : new Map(),
    fits: new Map(),
  };
}

export async function composerFacts(
  model: ProjectModel,
  options: Pick<CheckOptions, 'online' | 'metadataCacheDir'>,
  now: Date,
  problems: Problem[],
): Promise<CheckComposerFacts> {
  const cacheDir = options.metadataCacheDir ?? userCacheDir();
  if (options.online) {
    const names = packagesToLookUp(model);
    const result = await refreshPackageMetadata({
      names,
      repositories: projectRepositories(model.rootComposer?.repositories),
      cacheDir,
      root: model.root,
      now,
    });
    for (const error of result.errors) {
      problems.push({ code: 'composer-metadata-unavailable', level: 'warning', message: error });
    }
    if (result.missing.length > 0) {
      problems.push({
        code: 'composer-metadata-missing',
        level: 'warning',
        message: `No repository of the project (nor Packagist) has ${result.missing.join(', ')}: their release lists come from MageUp's snapshot when it has them.`,
      });
    }
  }
  const releases = releaseLookup({ cacheDir });
  const record = (version: string): ReleaseComposerRecord | null => {
    try {
      return releaseComposer(version) ?? null;
    } catch (error) {
      problems.push({
        code: 'composer-data-unavailable',
        level: 'warning',
        message: `The shipped Composer data could not be read (${(error as Error).message}): project-template checks are skipped.`,
      });
      return null;
    }
  };
  const told = new Set<string>();
  const tellOnce = (version: string, message: string, sink: Problem[]): void => {
    if (told.has(version)) return;
    told.add(version);
    sink.push({ code: 'composer-data-missing', level: 'warning', message });
  };
  // The nearest release of the line, or none when the shipped data cannot say (unreadable data is reported above).
  const nearestOf = (find: (version: string) => ReleaseComposerRecord | undefined, version: string) => {
    try {
      return find(version);
    } catch {
      return undefined;
    }
  };
  // A target without its metapackage in the data: the nearest release of its line stands in (the rule of every
  // other family, src/knowledge/coverage.ts), and the check says so; a line without any record is not compared.
  const targetRecord = (
    version: string,
    sink: Problem[],
  ): { record: ReleaseComposerRecord | null; derivedFrom?: string; templateOnly?: boolean } => {
    const found = record(version);
    if (found?.template === null) {
      // A metapackage read from a real composer.lock: its own library constraints, the project template of the
      // nearest release of its line that has one (said so).
      const nearest = nearestOf(nearestTemplateRecord, version);
      tellOnce(
        version,
        nearest
          ? `MageUp's data has no project template of ${version} (its metapackage is known): the root ` +
              `composer.json is compared with the ${nearest.version} project template, ` +
              `the nearest release of its line (derived from ${nearest.version}: a change ${version} made to the ` +
              `template is not known; compare with magento/project-community-edition ${version} before following ` +
              `the template moves).`
          : `MageUp's data has no project template of ${version} nor of another release of its line: the root ` +
              `composer.json (require-dev tooling) was not compared with it (could not verify).`,
        sink,
      );
      return nearest
        ? { record: { ...found, template: nearest.template }, derivedFrom: nearest.version, templateOnly: true }
        : { record: found };
    }
    if (found) return { record: found };
    const nearest = nearestOf(nearestReleaseComposer, version);
    tellOnce(
      version,
      nearest
        ? `MageUp's data has no Composer metapackage or project template of ${version}: the root composer.json ` +
            `and the library constraints are compared with those of ${nearest.version}, the nearest release of its ` +
            `line (derived from ${nearest.version}: a change ${version} made is not known; compare with ` +
            `magento/project-community-edition ${version} before following the template moves).`
        : `MageUp's data has no Composer metapackage or project template of ${version} nor of another release of ` +
            `its line: the root composer.json (require-dev tooling) and the library constraints were not compared ` +
            `with it (could not verify).`,
      sink,
    );
    return nearest ? { record: nearest, derivedFrom: nearest.version } : { record: null };
  };
  return {
    forTarget: (current, target, php, sink = problems) => {
      const { record: targetComposer, derivedFrom, templateOnly } = targetRecord(target.version, sink);
      return {
        target: targetComposer,
        ...targetDerivedFacts({ target: targetComposer }, target, php),
        ...(derivedFrom ? { targetDerivedFrom: derivedFrom } : {}),
        ...(templateOnly ? { targetTemplateOnly: true } : {}),
        current: current ? record(current.version) : null,
        releases,
      };
    },
  };
}

/** Third-party Magento extensions and the libraries the root pins: the packages whose release lists matter. */
export function packagesToLookUp(model: ProjectModel): string[] {
  const pinned = new Set(
    [...Object.keys(model.rootRequire), ...Object.keys(model.rootRequireDev)].map((n) => n.toLowerCase()),
  );
  return model.packages
    .filter((p) => isUsersPackage(p) && p.source !== 'path' && (isMagentoExtension(p) || pinned.has(p.name)))
    .map((p) => p.name)
    .sort();
}

/**
 * The target's Composer answer for the result: the extension table, the proposal, and (with --solve) Composer's own
 * verdict on it, which is also put into the context for composer/solver-problem.
 */
export async function composerForTarget(
  ctx: PackageContext,
  options: Pick<CheckOptions, 'solve' | 'solveTimeoutMs' | 'metadataCacheDir'>,
  problems: Problem[],
): Promise<TargetComposer> {
  const proposal = proposeComposerJson(ctx);
  const out: TargetComposer = { extensions: extensionTable(ctx) };
  // The result says each unresolved package's reason as text (check.schema.json); the rule keeps it as data.
  if (proposal && proposal.changes.length > 0)
    out.proposal = {
      ...proposal,
      unresolved: proposal.unresolved.map((u) => ({ name: u.name, reason: unresolvedReason(u.reason) })),
    };
  const rootJson = ctx.project.rootComposer?.json;
  if (options.solve && ctx.composer) {
    if (ctx.project.kind !== 'project' || !rootJson) {
      problems.push({
        code: 'composer-solver',
        level: 'warning',
        message: "--solve needs a project with a root composer.json: Composer's solver was not run.",
      });
      return out;
    }
    const solver = await runComposerSolver({
      root: ctx.project.root,
      composerJson: proposal?.text ?? formatComposerJson(rootJson),
      php: ctx.target.php,
      ...(options.solveTimeoutMs ? { timeoutMs: options.solveTimeoutMs } : {}),
      cacheDir: join(options.metadataCacheDir ?? userCacheDir(), 'composer-downloads'),
    });
    ctx.composer.solver = solver;
    out.solver = {
      status: solver.status,
      message: solver.message,
      problems: solver.problems.length,
      ...(solver.command ? { command: solver.command } : {}),
      ...(solver.seconds !== undefined ? { seconds: solver.seconds } : {}),
    };
    if (solver.status !== 'problems' && solver.status !== 'resolved') {
      problems.push({ code: 'composer-solver', level: 'warning', message: solver.message });
    }
  }
  return out;
}
