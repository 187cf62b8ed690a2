import { MageupError } from '../core/errors.js';
import { findingKey, severityRank, sortFindings, type Finding, type Severity } from '../core/finding.js';
import type { Problem } from '../core/problem.js';
import { loadSymbolIndex } from '../knowledge/api/index.js';
import { loadAdvisories } from '../knowledge/advisories.js';
import { isoDay, loadReleaseCatalog, type MagentoReleaseCatalog } from '../knowledge/catalog.js';
import { systemClock } from '../knowledge/clock.js';
import { compareMagentoVersions } from '../knowledge/magento-version.js';
import { createSymbolIndex } from '../knowledge/memory-symbol-index.js';
import { loadReleaseCoverage, type ReleaseCoverage } from '../knowledge/coverage.js';
import type { Advisory, Release, SymbolIndex } from '../knowledge/types.js';
import { loadProject } from '../project/load.js';
import { loadPatchLevels, type PatchLevelsFile } from '../knowledge/patch-levels.js';
import type { ProjectModel } from '../project/model.js';
import { allRules } from '../rules/registry.js';
import { ruleFinding, type CodeUnit, type Rule, type RuleContext } from '../rules/rule.js';
import { version as toolVersion } from '../version.js';
import { buildCodeUnits } from './code-units.js';
import { phpMinorError, planSettings, upgradeRoute, type UpgradeRoute } from './work.js';
import { collapseBundled, isCollapsed, mergeBundled, ownByReleases, tagOwners } from './owners.js';
import { lowerDisabledModules } from './disabled-modules.js';
import { clientModules, OwnershipIndex } from '../project/ownership.js';
import { resolveCurrent } from './current-release.js';
import { resolveTarget } from './target.js';
import { readProjectPlatform, type ProjectPlatform } from './project-platform.js';
import { summarize, type SummaryWork, type UnderCheck } from './summary.js';
import { newest } from '../rules/platform/service-versions.js';
import type { BundledPackage, CheckOptions, CheckResult, TargetComposer, TargetResult } from './types.js';
import { currentPlatform } from '../plan/current-platform.js';
import { listExtensions } from '../plan/extensions.js';
import { attributeFindings, extensionSteps, pathWork, type PathWork } from '../plan/work.js';
import { FileContextBuilder } from './files/file-context.js';
import { withThemeOverrides } from './files/theme-overrides.js';
import { GraphqlFactsBuilder } from './graphql/project-schemas.js';
import { vendorSchemaContext } from './files/db-schema-from-vendor.js';
import { isDirectory } from './files/release-files.js';
import { applyPolicy, governanceReport, type PolicyOutcome } from '../governance/policy.js';
import { composerFacts, composerForTarget } from './composer-facts.js';
import { CodeFactsBuilder } from './class-facts.js';
import { shippedDbSchema } from './db-schema-knowledge.js';

/** Raised for a bad option value (a PHP version that is not `x.y`…): the CLI prints it and exits 2. */
export class CheckOptionError extends MageupError {
  override name = 'CheckOptionError';
}

/**
 * Checks a project (or one extension) against one or more target releases: loads the model once, analyses the code
 * under check once, then runs every rule per target. Throws UnknownVersionError for an unknown target, and
 * NotMagentoProjectError when the path is not a Magento project or extension; everything else that goes wrong
 * (unparsable files, a rule that throws, a release without an API index) becomes a Problem and the run goes on.
 */
export async function runCheck(options: CheckOptions): Promise<CheckResult> {
  const clock = options.clock ?? systemClock;
  const now = clock.now();
  const minSeverity: Severity = options.minSeverity ?? 'info';
  for (const php of [options.php, ...Object.values(options.phpByTarget ?? {})]) {
    const error = phpMinorError(php);
    if (error) throw new CheckOptionError(error);
  }
  for (const [flag, dir] of [
    ['--baseline-vendor', options.baselineVendor],
    ['--target-vendor', options.targetVendor],
  ] as const) {
    if (dir !== undefined && !isDirectory(dir)) {
      throw new CheckOptionError(
        `${flag} ${dir} is not a directory (expected the vendor/ directory of a Magento install).`,
      );
    }
  }
  const specs = (Array.isArray(options.to) ? options.to : [options.to ?? 'latest']).map((s) => s.trim());
  if (specs.length === 0 || specs.some((s) => s === '')) {
    throw new CheckOptionError(
      `--to needs a release for every target (e.g. 2.4.8, 2.4.8-p3, latest, latest-patch), got "${(Array.isArray(options.to) ? options.to : [options.to ?? '']).join(',')}".`,
    );
  }
  const problems: Problem[] = [];

  options.onProgress?.({ phase: 'knowledge' });
  const catalog = loadReleaseCatalog({ clock });

  options.onProgress?.({ phase: 'load' });
  const model = await loadProject(options.path, options.patchStatus ? { patchStatus: options.patchStatus } : {});
  const patchLevels = readPatchLevels(problems);
  problems.push(...model.problems);
  const current = resolveCurrent(model, catalog, options.from, problems);
  // Resolve every target before any work: an unknown one fails fast with the nearest suggestions.
  const targets = specs.map((spec) =>
    resolveTarget(catalog, spec, { now, current: current.release?.version, edition: catalogEdition(model) }),
  );
  // Like plan: an upgrade check only goes forward; what a downgrade breaks is not a question this tool answers.
  for (const { release } of targets) {
    if (current.release && compareMagentoVersions(release.version, current.release.version) < 0) {
      throw new CheckOptionError(
        `The target ${release.version} is older than the current release ${current.release.version}: check only goes forward (a downgrade means restoring a backup).` +
          (model.kind === 'extension' ? ' Pass --from to say which release the extension runs on now.' : ''),
      );
    }
  }

  // One route per target with plan (the path it recommends, or the direct jump with --direct), before ownership:
  // every release of a route is compared, so what any of them installs is Magento's.
  const platform = await readProjectPlatform(model.root);
  const settings = planSettings(model, {
    ...(options.platform ? { platform: options.platform } : {}),
    ordersPerDay: options.ordersPerDay,
    catalogSize: options.catalogSize,
  });
  const routes = new Map<string, UpgradeRoute>();
  if (model.kind === 'project' && current.release) {
    const states = currentPlatform(model, platform, current.release, catalog.all(), settings.platform);
    for (const { release } of targets) {
      const php = options.phpByTarget?.[release.version] ?? options.php;
      routes.set(
        release.version,
        upgradeRoute(catalog, current.release, release, states, {
          edition: model.magento.edition,
          now,
          ...(php ? { php } : {}),
          direct: options.direct === true,
        }),
      );
    }
  }

  // Ownership once, over the lock and every release compared: what any of them installs is Magento's.
  ownByReleases(model, [
    current.release,
    ...targets.map((t) => t.release),
    ...[...routes.values()].flatMap((r) => r.releases),
  ]);
  const owners = new OwnershipIndex(model);
  const includeBundled = options.includeBundled === true;
  const bundledNames = new Set(model.packages.filter((p) => p.ownership === 'bundled').map((p) => p.name));

  const only = options.only ?? 'all';
  const code = await buildCodeUnits(model, {
    only,
    ...(includeBundled ? {} : { skipPackages: bundledNames }),
    workers: options.workers,
    cacheDir: options.cacheDir,
    ...(options.overlay ? { overlay: options.overlay } : {}),
    onProgress: (done, total) => options.onProgress?.({ phase: 'analyze', done, total }),
    problems,
  });

  options.onProgress?.({ phase: 'knowledge' });
  const advisoryLookup = advisoryFunction(problems);
  const currentSymbols = current.release ? await symbolsFor(current.release, problems) : null;
  const rules = selectRules(options.focus);

  const fileContext = new FileContextBuilder(
    model,
    {
      ...(options.baselineVendor ? { baselineVendor: options.baselineVendor } : {}),
      ...(options.targetVendor ? { targetVendor: options.targetVendor } : {}),
    },
    problems,
  );
  const needsFiles = rules.some((r) => r.meta.category === 'overrides');
  const graphql = rules.some((r) => r.meta.category === 'graphql')
    ? new GraphqlFactsBuilder(model, problems, {
        ...(options.baselineVendor ? { baseline: options.baselineVendor } : {}),
        ...(options.targetVendor ? { target: options.targetVendor } : {}),
      })
    : null;
  const composer = await composerFacts(model, options, now, problems);
  const codeFacts = new CodeFactsBuilder(code, { release: current.release, symbols: currentSymbols });
  const shippedSchema = rules.some((r) => r.meta.category === 'db-schema') ? shippedDbSchema(model) : undefined;

  /** The rules on one release and PHP, the project read and analysed once: each target, and each stop of a route. */
  const judged = new Map<string, Promise<Judged>>();
  const judge = (release: Release, php: string, asTarget: boolean): Promise<Judged> => {
    const key = `${release.version}\0${php}`;
    if (!judged.has(key)) judged.set(key, judgeOne(release, php, asTarget));
    return judged.get(key)!;
  };
  const judgeOne = async (release: Release, php: string, asTarget: boolean): Promise<Judged> => {
    options.onProgress?.({ phase: 'rules' });
    // A stop's own problems are kept apart and told as the stop's (priceRoute): the user asked about the target.
    const sink: Problem[] = asTarget ? problems : [];
    const symbols = await symbolsFor(release, sink);
    const composerOfTarget = composer.forTarget(current.release, release, php, sink);
    const context = {
      project: model,
      catalog,
      current: { release: current.release, symbols: currentSymbols },
      target: { release, php, symbols },
      code,
      ...(await codeFacts.factsFor(release, symbols)),
      advisoriesFor: advisoryLookup,
      now,
      platform,
      composer: composerOfTarget,
      ...(patchLevels ? { patchLevels } : {}),
      ...(shippedSchema ? { shippedDbSchema: shippedSchema } : {}),
      ...(needsFiles ? { files: withThemeOverrides(model, fileContext.contextFor(current.release, release)) } : {}),
      ...(graphql ? { graphql: graphql.factsFor(current.release?.version ?? null, release.version) } : {}),
      ...vendorSchemas(options, model, current.release, release, rules, sink),
    };
    // A stop on the way is judged for its findings and extension fits; Composer's solver runs for the targets only.
    const composerResult = await composerForTarget(context, asTarget ? options : { ...options, solve: false }, sink);
    let findings = lowerDisabledModules(tagOwners(await runRules(rules, context, sink), owners), model);
    const collapsed = includeBundled ? [] : collapseBundled(findings, owners);
    if (!includeBundled) findings = findings.filter((f) => !isCollapsed(f));
    let outcome: PolicyOutcome | undefined;
    if (options.policy) {
      outcome = applyPolicy(findings, options.policy);
      findings = outcome.kept;
    }
    const kept = sortFindings(
      unique(findings).filter((f) => severityRank(f.severity) <= severityRank(minSeverity) && inScope(f, model, only)),
    );
    return {
      findings: kept,
      composer: composerResult,
      collapsed,
      symbols,
      ...(outcome ? { outcome } : {}),
      ...(asTarget ? {} : { problems: sink }),
    };
  };

  const results: TargetResult[] = [];
  const coverages: ReleaseCoverage[] = [];
  const outcomes: { target: string; outcome: PolicyOutcome }[] = [];
  const pricings: (TargetPricing | undefined)[] = [];
  for (const { requested, release, advice } of targets) {
    // One platform model with plan: the target PHP is the one the plan ends on (--php overrides both).
    const route = routes.get(release.version);
    const php =
      options.phpByTarget?.[release.version] ??
      options.php ??
      route?.phpByTarget[release.version] ??
      targetPhp(release);
    const { findings: kept, composer: composerResult, collapsed, symbols, outcome } = await judge(release, php, true);
    if (outcome) outcomes.push({ target: release.version, outcome });
    // Each stop of the route judged like the target, on the PHP of its hop: the path's work and effort, as plan's.
    const pricing = route
      ? await priceRoute(route, (stop) => judge(stop, route.phpByTarget[stop.version] ?? targetPhp(stop), false))
      : undefined;
    pricings.push(pricing);
    const coverage = targetCoverage(release.version, symbols);
    coverages.push(coverage);
    const scope = underCheck(
      model,
      code,
      only,
      lowConfidenceFacts(model.kind === 'project' ? current.release : null, release, symbols, platform),
      [coverage],
    );
    results.push({
      version: release.version,
      requested,
      ...(advice ? { advice } : {}),
      php,
      symbols: symbols.coverage,
      summary: summarize(kept, scope, collapsed, pricing && targetWork(pricing, kept, release, composerResult)),
      findings: kept,
      composer: composerResult,
    });
  }

  /** The route's work: each hop target's findings and extension fits (the target's own are the last hop's). */
  async function priceRoute(
    route: UpgradeRoute,
    judgeStop: (stop: Release) => Promise<Judged>,
  ): Promise<TargetPricing> {
    // One after the other: the rules share the run's builders and problems.
    const stops: Judged[] = [];
    for (const stop of route.releases.slice(1)) {
      const judgedStop = await judgeStop(stop);
      stops.push(judgedStop);
      for (const p of judgedStop.problems ?? [])
        problems.push({ ...p, message: `While pricing the path's stop ${stop.version}: ${p.message}` });
    }
    return {
      route,
      path: pathWork({
        releases: route.releases,
        tracks: route.tracks,
        findings: stops.map((j) => j.findings),
        fits: stops.map((j) => j.composer?.extensions ?? []),
        extensions: listExtensions(model),
        size: settings.size,
        catalog,
      }),
    };
  }

  /** The summary's pricing: the route's path, and the target's package actions from these findings. */
  function targetWork(
    pricing: TargetPricing,
    findings: Finding[],
    release: Release,
    composerResult: TargetComposer | undefined,
  ): SummaryWork {
    return {
      path: pricing.path,
      phpByTarget: pricing.route.phpByTarget,
      direct: options.direct === true,
      recommended: pricing.route.best.releases.map((r) => r.version),
      extensions: extensionSteps(
        attributeFindings([findings])[0] ?? [],
        listExtensions(model),
        release.version,
        composerResult?.extensions,
      ),
    };
  }

  const all = results.flatMap((r) => r.findings.map((f) => ({ ...f, target: r.version })));
  // One target: its summary is the run's, so every format shows the same numbers. Several: a finding present in
  // several targets counts once, and the effort is that of the path to the last target.
  let summary = results[0]!.summary;
  if (results.length > 1) {
    const union = sortFindings(unique(results.flatMap((r) => r.findings)));
    const scope = underCheck(
      model,
      code,
      only,
      [...new Set(results.flatMap((r) => r.summary.lowConfidence))],
      coverages,
    );
    const last = pricings.at(-1);
    summary = summarize(
      union,
      scope,
      mergeBundled(results.map((r) => r.summary.bundled)),
      last && targetWork(last, union, targets.at(-1)!.release, results.at(-1)!.composer),
    );
  }
  return {
    schemaVersion: '1.0.0',
    tool: { name: 'mageup', version: toolVersion },
    date: isoDay(now),
    project: {
      root: model.root,
      kind: model.kind,
      ...(model.kind === 'extension' ? { name: model.packages.find((p) => p.source === 'root')?.name } : {}),
      edition: model.magento.edition,
    },
    current: { version: current.release?.version ?? model.magento.version, source: current.source },
    targets: results,
    findings: all,
    summary,
    problems: dedupeProblems(problems),
    minSeverity,
    ...(options.policy ? { governance: governanceReport(options.policy, outcomes) } : {}),
  };
}

/** What the rules found on one release and PHP. */
interface Judged {
  findings: Finding[];
  composer: TargetComposer | undefined;
  collapsed: BundledPackage[];
  symbols: SymbolIndex;
  outcome?: PolicyOutcome;
  /** A stop's own problems (a target's go straight to the run's). */
  problems?: Problem[];
}

/** A target's route and the work along it. */
interface TargetPricing {
  route: UpgradeRoute;
  path: PathWork;
}

/** Newest PHP minor the target supports (published requirements, else its metapackage's php constraint). */
export function targetPhp(release: Release): string {
  const listed = newest(release.requirements.php ?? []);
  if (listed) return listed;
  const fromConstraint = [...(release.phpConstraint ?? '').matchAll(/(\d+)\.(\d+)/g)]
    .map((m) => [Number(m[1]), Number(m[2])] as const)
    .sort((a, b) => b[0] - a[0] || b[1] - a[1])[0];
  return fromConstraint ? `${fromConstraint[0]}.${fromConstraint[1]}` : '8.3';
}

function selectRules(focus: string[] | undefined): Rule[] {
  const rules = allRules();
  if (!focus || focus.length === 0) return rules;
  // `overrides` means everything about what changed under the customizations, extension conflicts included.
  const wanted = focus
    .map((f) => f.trim())
    .filter(Boolean)
    .flatMap((f) => (f === 'overrides' ? [f, 'conflicts'] : [f]));
  const selected = rules.filter((r) =>
    wanted.some((f) => r.meta.category === f || r.meta.id === f || r.meta.id.startsWith(`${f}/`)),
  );
  if (selected.length === 0) {
    throw new CheckOptionError(
      `--focus ${wanted.join(',')} matches no rule (categories: ${[...new Set(rules.map((r) => r.meta.category))].join(', ')}).`,
    );
  }
  return selected;
}

/** Runs each rule; one that throws becomes a Problem naming it and the others still run. */
/** RuleContext.dbSchema from the two vendor trees, when both are given and a db-schema rule runs. */
function vendorSchemas(
  options: CheckOptions,
  model: ProjectModel,
  current: Release | null,
  target: Release,
  rules: Rule[],
  problems: Problem[],
): Pick<RuleContext, 'dbSchema'> {
  if (!options.baselineVendor || !options.targetVendor || !rules.some((r) => r.meta.category === 'db-schema'))
    return {};
  const version = current?.version ?? model.magento.version;
  if (!version) return {};
  const dbSchema = vendorSchemaContext(
    { dir: options.baselineVendor, version },
    { dir: options.targetVendor, version: target.version },
    problems,
  );
  return dbSchema ? { dbSchema } : {};
}

async function runRules(rules: Rule[], base: Omit<RuleContext, 'report'>, problems: Problem[]): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const rule of rules) {
    const context: RuleContext = {
      ...base,
      report(input) {
        findings.push(ruleFinding(rule.meta, input).finding);
      },
    };
    try {
      await rule.check(context);
    } catch (error) {
      problems.push({
        code: 'rule-failed',
        level: 'error',
        message: `Rule ${rule.meta.id} failed on ${base.target.release.version}: ${error instanceof Error ? error.message : String(error)}. Its findings may be missing.`,
      });
    }
  }
  return findings;
}

async function symbolsFor(release: Release, problems: Problem[]): Promise<SymbolIndex> {
  try {
    return await loadSymbolIndex({ release: release.version });
  } catch (error) {
    problems.push({
      code: 'symbols-unavailable',
      level: 'warning',
      message: `No API index for ${release.version} (${error instanceof Error ? error.message : String(error)}): PHP API rules cannot resolve core symbols there.`,
    });
    return createSymbolIndex([], 'none');
  }
}

function advisoryFunction(problems: Problem[]): (pkg: string, version: string) => Advisory[] {
  try {
    const database = loadAdvisories();
    return (pkg, version) => database.advisoriesFor(pkg, version);
  } catch (error) {
    problems.push({
      code: 'advisories-unavailable',
      level: 'warning',
      message: `The advisory snapshot could not be read (${error instanceof Error ? error.message : String(error)}): package advisories are not checked.`,
    });
    return () => [];
  }
}

/** With `--only custom`, code findings in third-party vendor code are left out; package-level findings stay. */
function inScope(f: Finding, model: ProjectModel, only: 'custom' | 'all'): boolean {
  if (only === 'all' || !f.file) return true;
  if (['composer', 'security', 'lifecycle', 'platform'].includes(f.category)) return true;
  const vendorModule = model.modules.some(
    (m) => !m.core && m.location === 'vendor' && (f.file === m.path || f.file!.startsWith(`${m.path}/`)),
  );
  return !vendorModule && !f.file.startsWith('vendor/');
}

function underCheck(
  model: ProjectModel,
  code: CodeUnit[],
  only: 'custom' | 'all',
  lowConfidence: string[],
  coverage: ReleaseCoverage[],
): UnderCheck {
  // Magento's modules (core and bundled packages) and config.php-only entries are never the client's: not counted.
  const modules = clientModules(model)
    .filter((m) => only === 'all' || m.location !== 'vendor')
    .map((m) => ({ name: m.name, path: m.path }));
  return { modules, files: new Set(code.map((c) => c.analysis.file)), lowConfidence, coverage };
}

/** The target's coverage per family; the API's as the loaded index says (a failed load is "not covered"). */
function targetCoverage(version: string, symbols: SymbolIndex): ReleaseCoverage {
  const coverage = loadReleaseCoverage(version);
  return {
    ...coverage,
    api:
      symbols.coverage === 'none'
        ? { state: 'not-covered' }
        : {
            state: symbols.coverage,
            ...(symbols.coverage === 'derived' && symbols.base ? { from: symbols.base } : {}),
            ...(coverage.api.gaps ? { gaps: coverage.api.gaps } : {}),
          },
  };
}

function lowConfidenceFacts(
  current: Release | null,
  target: Release,
  symbols: SymbolIndex,
  platform: ProjectPlatform,
): string[] {
  const facts: string[] = [];
  for (const release of [current, target]) {
    if (!release) continue;
    if (release.requirementsConfidence === 'low' || release.requirementsExact === false) {
      facts.push(`System requirements of ${release.version} are inherited from its base release.`);
    }
    if (release.endOfSupportConfidence === 'low') facts.push(`End-of-support date of ${release.version} is uncertain.`);
    if (release === current && release.apsbConfidence === 'low')
      facts.push(`Security bulletins fixed by ${release.version} are uncertain.`);
    if (!release.packagesKnown)
      facts.push(`Package versions of ${release.version} are derived, not from its metapackage.`);
  }
  if (symbols.coverage === 'derived')
    facts.push(`The API of ${target.version} is derived from a nearby indexed release.`);
  if (symbols.coverage === 'none') facts.push(`No API index for ${target.version}: PHP API rules could not run.`);
  if (platform.composerPluginApi) {
    facts.push('The Composer version is inferred from composer.lock plugin-api-version (a lower bound).');
  }
  return [...new Set(facts)];
}

/** The same finding reported twice (same fingerprint at the same place) counts once, in every format. */
function unique(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = findingKey(f);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function dedupeProblems(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  const out: Problem[] = [];
  for (const p of problems) {
    const key = `${p.code}\0${p.file ?? ''}\0${p.line ?? ''}\0${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out.sort(
    (a, b) =>
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      a.code.localeCompare(b.code) ||
      a.message.localeCompare(b.message),
  );
}

export type { MagentoReleaseCatalog };

/**
 * The catalog edition whose releases `latest`/`latest-patch` may pick: an Open Source store must not be sent to an
 * Adobe Commerce-only patch. Mage-OS follows Open Source; an unknown edition is not narrowed.
 */
export function catalogEdition(model: ProjectModel): string | undefined {
  switch (model.magento.edition) {
    case 'open-source':
    case 'mage-os':
      return 'magento-open-source';
    case 'commerce':
    case 'b2b':
      return 'adobe-commerce';
    default:
      return undefined;
  }
}

/** The shipped patch-level data; a broken file is a problem, not a crash (the rest of the check still runs). */
function readPatchLevels(problems: Problem[]): PatchLevelsFile | undefined {
  try {
    return loadPatchLevels();
  } catch (error) {
    problems.push({
      code: 'knowledge-unavailable',
      level: 'warning',
      message: `patch levels not checked: ${(error as Error).message}`,
    });
    return undefined;
  }
}
