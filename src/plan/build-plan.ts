import { readProjectPlatform } from '../check/project-platform.js';
import { loadPatchLevels } from '../knowledge/patch-levels.js';
import { catalogEdition, runCheck } from '../check/run-check.js';
import { resolveTarget, type ResolvedTarget } from '../check/target.js';
import { releaseOfVersion } from '../check/current-release.js';
import { ownByReleases } from '../check/owners.js';
import type { Finding } from '../core/finding.js';
import type { Problem } from '../core/problem.js';
import { loadReleaseCatalog, type MagentoReleaseCatalog } from '../knowledge/catalog.js';
import { isoDay, systemClock, type Clock } from '../knowledge/clock.js';
import { UnknownVersionError } from '../knowledge/errors.js';
import { compareMagentoVersions } from '../knowledge/magento-version.js';
import type { Release } from '../knowledge/types.js';
import { loadProject } from '../project/load.js';
import type { Edition, ProjectModel } from '../project/model.js';
import { version as toolVersion } from '../version.js';
import { parseDay } from './calendar.js';
import { readPlanConfig } from './config.js';
import { resolvePolicy } from '../governance/resolve-policy.js';
import type { Policy } from '../governance/policy.js';
import { relative } from 'node:path';
import { PlanInputError } from './errors.js';
import { listExtensions } from './extensions.js';
import type { ExtensionRow } from '../rules/composer/extension-fit.js';
import type { HopComposer } from './runbook.js';
import { DEFAULT_PRESETS, parseFreeze, presetWindows } from './freeze.js';
import { COST_MODEL, whyStop } from './path.js';
import { currentPlatform } from './current-platform.js';
import { runbook } from './runbook.js';
import { buildSchedule } from './schedule.js';
import { describeValue, planTrack } from './tracks.js';
import type { FreezeWindow, Hop, Plan } from './types.js';
import { phpMinorError, storeSettings, upgradeRoute } from '../check/work.js';
import { EFFORT_MODEL, pathWork, round } from './work.js';

export interface PlanOptions {
  path: string;
  /** Target: `2.4.8` and `2.4.8-p3` exactly (as check), `2.4.8-latest`, `latest`. Default: the config's, else `latest`. */
  to?: string;
  /** The release the project runs, when its files do not tell. */
  from?: string;
  start?: string;
  /** `FROM..TO` deploy freezes. */
  freeze?: string[];
  /** `FROM..TO` no-work windows (holidays). */
  holiday?: string[];
  /** Built-in presets (`bfcm`, `december`); `[]` or `['none']` for none. Default both. */
  freezePresets?: string[];
  capacity?: number;
  hypercareDays?: number;
  direct?: boolean;
  ordersPerDay?: number;
  catalogSize?: number;
  /** What the store runs: `{ php: '8.2', mariadb: '10.6', opensearch: '2.12' }`. */
  platform?: Record<string, string>;
  /** The PHP `x.y` the store runs after the last hop (default: the cheapest the tracks find), as `check --php`. */
  php?: string;
  clock?: Clock;
  /** Findings per hop target, in path order, each checked on the PHP of its hop. Default: `runCheck` on the project. */
  check?: (
    targets: string[],
    phpByTarget: Record<string, string>,
  ) => Promise<{
    findings: Finding[][];
    problems: Problem[];
    composer?: (HopComposer | undefined)[];
    /** Per hop target, the releases of each third-party extension that allow it (names the release to move to). */
    fits?: ExtensionRow[][];
  }>;
  cacheDir?: string | false;
}

export async function buildPlan(options: PlanOptions): Promise<Plan & { problems: Problem[] }> {
  const clock = options.clock ?? systemClock;
  const now = clock.now();
  const today = isoDay(now);
  const model = await loadProject(options.path);
  if (model.kind !== 'project')
    throw new PlanInputError(`${model.root} is one extension, not a Magento project: plan needs a project.`);
  const config = readPlanConfig(model.root);
  // The governance check applies (exclusions, severity overrides, waivers, baseline): one total for one config.
  const { policy } = resolvePolicy({ path: options.path, useBaseline: true, today });
  const notes: string[] = [];
  if (config.file) notes.push(`Settings read from ${config.file} (plan section); command-line options win.`);
  if (config.file || policy.baseline)
    notes.push(
      `Findings priced after the exclusions, severity overrides and waivers of the config${policy.baseline ? ` and the baseline ${relative(model.root, policy.baseline.file) || policy.baseline.file}` : ''}, as check applies them.`,
    );
  const catalog = loadReleaseCatalog({
    clock,
    ...(options.cacheDir !== undefined ? { cacheDir: options.cacheDir } : {}),
  });
  const all = catalog.all();

  const current = resolveCurrent(
    catalog,
    options.from ?? model.magento.upstreamVersion ?? model.magento.version ?? undefined,
    model.magento.edition,
  );
  const spec = options.to ?? config.to ?? 'latest';
  if (spec.trim() === '')
    throw new PlanInputError('--to needs a release (e.g. 2.4.8, 2.4.8-p3, latest, latest-patch), got "".');
  const { release: target, requested, advice } = planTarget(catalog, spec, now, current.version, model);
  if (compareMagentoVersions(target.version, current.version) < 0) {
    throw new PlanInputError(
      `The target ${target.version} is older than the current release ${current.version}: a plan only goes forward (a downgrade means restoring a backup).`,
    );
  }
  if (target.version === current.version) {
    throw new PlanInputError(
      `The project already runs ${current.version}: nothing to plan. Pick a newer target (e.g. --to ${catalog.latest({ now }).version}).`,
    );
  }

  const capacity = options.capacity ?? config.capacity ?? 40;
  if (!(capacity > 0))
    throw new PlanInputError(`--capacity must be a positive number of hours per week, not ${capacity}.`);
  const start = options.start ?? config.start ?? today;
  if (!parseDay(start)) throw new PlanInputError(`--start "${start}" is not an ISO date (YYYY-MM-DD).`);
  // One store with check: the same options over the same config values, refused with the same messages.
  const { platform: declared, size } = storeSettings(config, options);

  const phpError = phpMinorError(options.php);
  if (phpError) throw new PlanInputError(phpError);

  const problems: Problem[] = [...model.problems];
  const projectPlatform = await readProjectPlatform(model.root);
  const states = currentPlatform(model, projectPlatform, current, all, declared);
  const assumptions = states.map(
    (s) => `${s.def.label}${s.condition ? ` (${s.condition})` : ''}: ${describeValue(s.value)} — ${s.source}`,
  );

  // One route with check: the same path, tracks and PHP per hop target (`check --direct` is `plan --direct`).
  const route = upgradeRoute(catalog, current, target, states, {
    edition: model.magento.edition,
    now,
    ...(options.php ? { php: options.php } : {}),
    direct: options.direct === true,
  });
  const { best, direct, releases, tracks, phpByTarget } = route;
  const chosen = options.direct ? direct : best;
  const other = options.direct ? best : direct;
  // The same ownership as check: what any stop of the path installs is Magento's, not an extension to upgrade.
  ownByReleases(model, releases);
  const phpTrack = tracks.find((t) => t.state.def.id === 'php');

  const targets = releases.slice(1).map((r) => r.version);
  const checked = options.check
    ? await options.check(targets, phpByTarget)
    : await defaultCheck(options.path, targets, phpByTarget, clock, options.from, options.cacheDir, policy);
  problems.push(...checked.problems);
  const product = model.magento.productPackage ?? 'magento/product-community-edition';
  // One effort with check: the work of every hop and the total come from pathWork, which check's summary calls too.
  const work = pathWork({
    releases,
    tracks,
    findings: checked.findings,
    fits: checked.fits ?? [],
    extensions: listExtensions(model),
    size,
    catalog,
  });

  const hops: Hop[] = [];
  for (let k = 1; k < releases.length; k++) {
    const {
      from,
      to,
      platform,
      lowConfidence,
      minorsCrossed,
      extensions: ext,
      code,
      tests,
      deployment,
      effort,
    } = work.hops[k - 1]!;
    const phpDuring = phpTrack?.during[k - 1];
    const phpAfter = phpTrack?.values[k - 1];
    const why =
      k === releases.length - 1
        ? [`The target${advice ? ` (${advice})` : ''}.`]
        : whyStop(from, to, releases[k + 1]!, all, states);
    hops.push({
      index: k,
      from: from.version,
      to: to.version,
      why,
      phpDuring: phpDuring?.version ?? null,
      phpAfter: phpAfter?.version ?? null,
      lowConfidence,
      minorsCrossed,
      platform,
      extensions: ext,
      code,
      tests,
      effort,
      deployment,
      runbook: runbook({
        from: from.version,
        to: to.version,
        productPackage: product,
        composer: checked.composer?.[k - 1],
        platform,
        extensions: ext,
        deployment,
        criticalChecks: ext
          .filter((e) => e.critical)
          .map((e) => `Place a sandbox order through ${e.package} (${e.modules.join(', ') || 'its modules'}).`),
        // Only the last stop: patch files applied on an intermediate release are replaced by the next hop.
        securityPatches: k === releases.length - 1 ? patchFilesOn(to.version) : [],
      }),
    });
  }

  const freezes = collectFreezes(options, config, start);
  const schedule = buildSchedule({
    start,
    capacityHoursPerWeek: capacity,
    hypercareDays: options.hypercareDays ?? config.hypercareDays ?? 2,
    freezes,
    hops: hops.map((h) => ({ hop: h.index, title: `${h.from} → ${h.to}`, hours: h.effort.totalHours })),
    endOfSupport: current.endOfSupport,
    extendedSupportEnd:
      model.magento.edition === 'commerce' || model.magento.edition === 'b2b' ? current.endOfExtendedSupport : null,
    today,
  });
  const lastDay = schedule.finish;
  schedule.freezes = freezes.filter(
    (f) =>
      f.to >= start &&
      f.from <= (current.endOfSupport && current.endOfSupport > lastDay ? current.endOfSupport : lastDay),
  );

  const warnings = [...schedule.warnings];
  if (current.endOfSupportConfidence === 'low')
    warnings.push(`The end-of-support date of ${current.version}'s line is of low confidence.`);
  const lowHops = hops.filter((h) => h.lowConfidence.length > 0);
  if (lowHops.length)
    warnings.push(`Low-confidence catalog values in hop(s) ${lowHops.map((h) => h.index).join(', ')}: see each hop.`);
  const addedRisk = directRisk(
    direct.releases,
    tracks.length ? states : [],
    all,
    best.releases.length - 1,
    direct.cost,
    best.cost,
  );
  if (options.direct) warnings.push(`Direct jump requested: ${addedRisk.join(' ')}`);
  return {
    schemaVersion: '1.0.0',
    tool: { name: 'mageup', version: toolVersion },
    date: today,
    project: { root: model.root, edition: model.magento.edition },
    current: {
      version: current.version,
      endOfSupport: current.endOfSupport,
      endOfSupportConfidence: current.endOfSupportConfidence,
    },
    target: { version: target.version, requested, ...(advice ? { advice } : {}) },
    direct: options.direct === true,
    costModel: COST_MODEL,
    effortModel: EFFORT_MODEL,
    pathCost: chosen.cost,
    alternative: {
      hops: other.releases.map((r) => r.version),
      cost: other.cost,
      addedRisk: options.direct ? [] : addedRisk,
    },
    platformAssumptions: assumptions,
    hops,
    totalHours: work.effort.totalHours,
    optionalHours: work.effort.optionalHours,
    schedule,
    warnings,
    notes,
    problems,
  };
}

function resolveCurrent(catalog: MagentoReleaseCatalog, version: string | undefined, edition: Edition): Release {
  if (!version)
    throw new PlanInputError(
      'The current Magento version cannot be told from the project (no composer.lock?): pass --from <version>.',
    );
  const release = releaseOfVersion(catalog, version, edition);
  if (!release)
    throw new UnknownVersionError(
      version,
      catalog.nearest(version),
      `The current version ${version} is not in the release catalog.`,
    );
  return release;
}

/** The target as check resolves it (one function); plan refuses pre-releases and releases not yet published. */
function planTarget(
  catalog: MagentoReleaseCatalog,
  spec: string,
  now: Date,
  current: string,
  model: ProjectModel,
): ResolvedTarget {
  const today = isoDay(now);
  const resolved = resolveTarget(catalog, spec, { now, current, edition: catalogEdition(model) });
  const { release } = resolved;
  if (release.type === 'beta')
    throw new PlanInputError(
      `${release.version} is a pre-release: plan to a released version (nearest: ${catalog.nearest(release.minor).join(', ')}).`,
    );
  if (!release.date || release.date > today) {
    throw new PlanInputError(
      `${release.version} is not released on ${today}${release.date ? ` (release date ${release.date})` : ''}: plan to a published release.`,
    );
  }
  return resolved;
}

function collectFreezes(
  options: PlanOptions,
  config: ReturnType<typeof readPlanConfig>,
  start: string,
): FreezeWindow[] {
  const windows: FreezeWindow[] = [];
  for (const f of config.freeze ?? []) {
    windows.push(
      typeof f === 'string'
        ? parseFreeze(f, 'deploy', `${config.file}: plan.freeze`)
        : {
            ...parseFreeze(`${f.from}..${f.to}`, f.kind ?? 'deploy', `${config.file}: plan.freeze`),
            ...(f.label ? { label: f.label } : {}),
          },
    );
  }
  for (const f of options.freeze ?? []) windows.push(parseFreeze(f, 'deploy', '--freeze'));
  for (const f of options.holiday ?? []) windows.push(parseFreeze(f, 'no-work', '--holiday'));
  const presets = (options.freezePresets ?? config.freezePresets ?? DEFAULT_PRESETS).filter((p) => p !== 'none');
  const year = Number(start.slice(0, 4));
  windows.push(...presetWindows(presets, year, year + 3));
  return windows.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

function directRisk(
  releases: Release[],
  states: Parameters<typeof planTrack>[0][],
  all: readonly Release[],
  pathHops: number,
  directCost: Plan['pathCost'],
  pathCost: Plan['pathCost'],
): string[] {
  const tracks = states.map((s) => planTrack(s, releases, all));
  const risks: string[] = [];
  for (const t of tracks) {
    for (const step of t.steps[0] ?? []) {
      if (step.timing !== 'in-window' && step.supported) continue;
      risks.push(
        `${t.state.def.label}${t.state.condition ? ` (${t.state.condition})` : ''}: ${describeValue(step.from)} → ${describeValue(step.to)} ${step.timing === 'in-window' ? 'must change in the same window as the code' : 'runs outside published support during the upgrade'}.`,
      );
    }
  }
  risks.push(
    `Jumping ${releases[0]!.version} → ${releases[1]!.version} in one hop instead of ${pathHops}: ${directCost.phpInWindow} in-window PHP switch(es), ${directCost.phpUnsupportedBridges} hop(s) without a commonly supported PHP, weighted cost ${round(directCost.weighted)} h-eq vs ${round(pathCost.weighted)} for the path; every breaking change lands at once, so a failure is harder to locate and to roll back.`,
  );
  return risks;
}

async function defaultCheck(
  path: string,
  targets: string[],
  phpByTarget: Record<string, string>,
  clock: Clock,
  from: string | undefined,
  cacheDir: string | false | undefined,
  policy: Policy,
): Promise<{
  findings: Finding[][];
  problems: Problem[];
  composer: (HopComposer | undefined)[];
  fits: ExtensionRow[][];
}> {
  // Plan prices its own hops with these findings: each target judged alone (direct), no route judged again.
  const result = await runCheck({
    path,
    to: targets,
    phpByTarget,
    direct: true,
    clock,
    policy,
    ...(from ? { from } : {}),
    ...(cacheDir !== undefined ? { cacheDir } : {}),
  });
  return {
    findings: result.targets.map((t) => t.findings),
    problems: result.problems,
    composer: result.targets.map((t) =>
      t.composer?.proposal
        ? { commands: t.composer.proposal.commands, unresolved: t.composer.proposal.unresolved }
        : undefined,
    ),
    fits: result.targets.map((t) => t.composer?.extensions ?? []),
  };
}

/** The isolated patch files and hotfixes that apply on a release (its line's latest -pN), in release order. */
function patchFilesOn(version: string): string[] {
  let data;
  try {
    data = loadPatchLevels();
  } catch {
    return []; // broken shipped data: check reports it; the plan stays usable
  }
  const dates = new Map(data.levels.map((l) => [l.level, l.date]));
  return data.patches
    .filter((p) => p.requires === version)
    .sort((a, b) => (dates.get(a.level) ?? '').localeCompare(dates.get(b.level) ?? ''))
    .map((p) => p.file);
}
