// Work per hop from `check` findings, the one effort model `check` and `plan` share: each finding belongs to the first
// hop whose target shows it (fixed there, it does not come back). Magento's code (core and bundled packages) costs
// nothing; every finding in a third-party extension rolls up into one upgrade action for its package; platform
// findings are settings of the platform steps; the rest are code changes grouped by module. The total prices what the
// upgrade requires: info findings are notes, their estimates added up apart as optional clean-up.
import type { Finding, Severity } from '../core/finding.js';
import type { MagentoReleaseCatalog } from '../knowledge/catalog.js';
import type { Release } from '../knowledge/types.js';
import type { CodeChangeGroup, DeploymentChoice, ExtensionStep, HopEffort, PlatformStep, TestStep } from './types.js';
import type { ExtensionInfo } from './extensions.js';
import { chooseDeployment, type StoreSize } from './runbook.js';
import type { TrackPlan } from './tracks.js';
import type { ExtensionRow } from '../rules/composer/extension-fit.js';
import { minorIndex } from './path.js';

/** Hours of a finding whose rule gave no estimate, by severity: the one table check, plan and every format use. */
export const DEFAULT_HOURS: Readonly<Record<Severity, number>> = { critical: 2, error: 1, warning: 0.5, info: 0 };

export function findingHours(f: Finding): number {
  // A severity outside the table (a finding read back from another version's JSON) costs nothing rather than NaN.
  return f.effort?.hours ?? DEFAULT_HOURS[f.severity] ?? 0;
}

/** Per hop target (in path order), the findings first seen there. */
export function attributeFindings(perTarget: Finding[][]): Finding[][] {
  const seen = new Set<string>();
  return perTarget.map((findings) =>
    findings.filter((f) => {
      if (seen.has(f.fingerprint)) return false;
      seen.add(f.fingerprint);
      return true;
    }),
  );
}

/** Hours to move one third-party extension to a release made for the target: composer require, changelog, smoke. */
export const EXTENSION_UPGRADE_HOURS = 2;

/**
 * A finding in a third-party extension's code or about its package: part of that package's upgrade action (its
 * effort, and the one line every findings listing shows for the package). Custom code is never rolled up.
 */
export function isExtensionFinding(f: Finding, extensions: ReadonlySet<string>): boolean {
  return f.package !== undefined && extensions.has(f.package) && f.owner !== 'custom';
}

/** Magento's own code (bundled packages): Composer replaces it with the upgrade, at no cost to the client. */
export function isMagentosCode(f: Finding): boolean {
  return f.owner === 'bundled';
}

/** Only warning-or-worse findings make an upgrade a must; info findings are notes. */
export function mustAct(f: Finding): boolean {
  return f.severity !== 'info';
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The one sentence of a package action, naming the release to move to when the extension-fit answer has one (the
 * first release whose requirements allow the target when the installed one does not, else the latest that does).
 */
export function upgradeSentence(
  pkg: { name: string; version: string },
  target: string,
  findings: number,
  fit: ExtensionRow | undefined,
): string {
  const keep = `${plural(findings, 'finding')} if you keep ${pkg.version}`;
  if (fit?.known && fit.first && fit.latest) {
    if (!fit.installedFits) {
      const later = fit.latest !== fit.first ? ` or later (latest ${fit.latest})` : '';
      return `upgrade ${pkg.name} to ${fit.first}${later}, the first release whose requirements allow ${target}; ${keep}`;
    }
    if (fit.latest !== pkg.version)
      return `upgrade ${pkg.name} to a release that supports ${target} (the latest whose requirements allow it: ${fit.latest}); ${keep}`;
  }
  if (fit?.known && !fit.first) {
    return (
      `no known release of ${pkg.name} supports ${target} (${plural(fit.checked, 'release')} checked` +
      `${fit.blocker ? `; ${fit.blocker}` : ''}): ask its vendor or replace it; ${keep}`
    );
  }
  return `upgrade ${pkg.name} to a release that supports ${target}; ${keep}`;
}

/**
 * The sentence of a package the target makes redundant (a finding resolved by `replace`: the target ships its feature
 * natively): replacing it is the action, not upgrading it.
 */
export function replaceSentence(
  pkg: { name: string; version: string },
  target: string,
  findings: number,
  replacing: Finding,
): string {
  return (
    `replace ${pkg.name} with what ${target} ships natively: ${replacing.recommendation}` +
    `${/[.!?]$/.test(replacing.recommendation) ? '' : ';'} ${plural(findings, 'finding')} if you keep ${pkg.version}`
  );
}

export function extensionSteps(
  findings: Finding[],
  extensions: ExtensionInfo[],
  target: string,
  fits: readonly ExtensionRow[] = [],
): ExtensionStep[] {
  const names = new Set(extensions.map((e) => e.package.name));
  const fitOf = new Map(fits.map((r) => [r.name, r]));
  return extensions.map((e) => {
    const own = findings.filter((f) => f.package === e.package.name && isExtensionFinding(f, names));
    const must = own.some(mustAct);
    // A finding resolved by replacing the package (the target ships its feature) makes the action a replacement, at
    // that finding's estimate (migrating the configuration), never less than an upgrade.
    const replacing = own.filter((f) => mustAct(f) && f.resolution === 'replace');
    const actionHours = replacing.length
      ? Math.max(EXTENSION_UPGRADE_HOURS, ...replacing.map(findingHours))
      : must
        ? EXTENSION_UPGRADE_HOURS
        : 0.25;
    const hours = actionHours + (e.critical ? 2 : 0);
    const pkg = { name: e.package.name, version: e.package.version };
    return {
      package: e.package.name,
      version: e.package.version,
      modules: e.modules,
      action: replacing.length ? 'replace' : must ? 'must-upgrade' : 'verify',
      critical: e.critical,
      criticalBecause: e.criticalBecause,
      findings: own.length,
      reasons: must
        ? [
            replacing.length
              ? replaceSentence(pkg, target, own.length, replacing[0]!)
              : upgradeSentence(pkg, target, own.length, fitOf.get(e.package.name)),
            ...own.filter(mustAct).map((f) => `${f.ruleId}: ${f.message}`),
          ]
        : [
            own.length > 0
              ? `verify ${e.package.name} on ${target}: ${plural(own.length, 'info finding')}, nothing at warning or above; read its changelog for ${target} support and keep it if it installs`
              : `no finding on ${target}: read its changelog for ${target} support and keep it if it installs`,
          ],
      hours: round(hours),
    };
  });
}

export function codeChanges(findings: Finding[], extensions: ExtensionInfo[]): CodeChangeGroup[] {
  const names = new Set(extensions.map((e) => e.package.name));
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    if (isExtensionFinding(f, names) || isMagentosCode(f) || f.category === 'platform') continue;
    if (f.ruleId === 'security/core-bulletin' || f.ruleId.startsWith('lifecycle/end-of-support')) continue;
    // Library constraints and advisories are settled by `composer update`, not by editing a module.
    const key =
      f.category === 'composer' || f.category === 'security'
        ? 'Composer dependencies'
        : (f.module ?? f.package ?? 'project');
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([module, list]) => {
      // Info findings are notes, as for extensions: listed with their estimate, marked optional, never priced. The
      // group's confidence is its required hours' (its notes' only when it has nothing required).
      const required = list.filter(mustAct);
      const confidences = (required.length ? required : list).map((f) => f.effort?.confidence ?? 'low');
      return {
        module,
        findings: list.map((f) => ({
          ruleId: f.ruleId,
          severity: f.severity,
          ...(f.file ? { file: f.file } : {}),
          ...(f.line ? { line: f.line } : {}),
          message: f.message,
          hours: findingHours(f),
          ...(mustAct(f) ? {} : { optional: true as const }),
        })),
        hours: round(required.reduce((s, f) => s + findingHours(f), 0)),
        optionalHours: round(list.filter((f) => !mustAct(f)).reduce((s, f) => s + findingHours(f), 0)),
        confidence: confidences.includes('low') ? 'low' : confidences.includes('medium') ? 'medium' : 'high',
      };
    });
}

/** Groups with a required change (a warning or worse): a module holding only notes is not changed, nor retested. */
export function changedModules(code: readonly CodeChangeGroup[]): number {
  return code.filter((c) => c.findings.some((f) => !f.optional)).length;
}

export function testSteps(extensions: ExtensionStep[], codeModules: number, platform: PlatformStep[]): TestStep[] {
  const tests: TestStep[] = [
    {
      name: 'Build: setup:di:compile and setup:static-content:deploy succeed',
      why: 'compilation catches signature and DI breaks',
      hours: 1,
    },
    {
      name: 'Automated tests (unit, integration, MFTF/Playwright if the project has them)',
      why: 'regressions in custom code',
      hours: 4,
    },
    {
      name: 'Storefront regression: home, category, product, search, cart, customer account',
      why: 'every release changes templates and JS',
      hours: 3,
    },
    {
      name: 'Admin: login, order view, product save, configuration save, indexer and cron status',
      why: 'admin regressions block operations',
      hours: 2,
    },
  ];
  for (const e of extensions.filter((x) => x.critical)) {
    tests.push({
      name: `Sandbox transaction through ${e.package}`,
      why: `critical: ${e.criticalBecause.join('; ')}`,
      hours: 1,
    });
  }
  if (codeModules > 0)
    tests.push({
      name: `Retest the ${codeModules} changed module(s)`,
      why: 'code changed for this hop',
      hours: 0.5 * codeModules,
    });
  if (platform.some((p) => p.track === 'search'))
    tests.push({
      name: 'Search results and layered navigation against the new engine',
      why: 'search engine changes',
      hours: 1,
    });
  if (platform.some((p) => p.track === 'queue'))
    tests.push({
      name: 'Queue consumers process messages (queue:consumers:list, async operations)',
      why: 'message broker changes',
      hours: 0.5,
    });
  return tests;
}

export const EFFORT_MODEL =
  "Per hop of the upgrade path (check and plan price the same path: the one plan recommends, or the direct jump with --direct), summed over the hops: platform steps (their hours) + third-party extensions, one action per package whatever its number of findings (must-upgrade when a warning or worse names it: 2 h; replace, when the target ships its feature natively: the finding's estimate, at least 2 h; verify-only: 0.25 h; +2 h for payment/shipping/tax/checkout) + code changes in custom code (each warning-or-worse finding's own estimate; without one: critical 2 h, error 1 h, warning 0.5 h; info findings are notes: listed with their estimate, marked optional, and added up apart as optional clean-up, not in the total) + tests (listed with hours; a module is retested when it has a required change) + deployment (4 h maintenance, 8 h blue-green). Magento's own code (core and the packages its metapackages bundle) costs nothing: Composer replaces it. Risk buffer on top: 20% base, +10% per change made in the upgrade window, +10% when the hop relies on low-confidence catalog values, +5% per minor line beyond the first, +10% when most code hours have low-confidence estimates; capped at 100%.";

export function hopEffort(parts: {
  platform: PlatformStep[];
  extensions: ExtensionStep[];
  code: CodeChangeGroup[];
  tests: TestStep[];
  deployHours: number;
  lowConfidence: number;
  minorsCrossed: number;
}): HopEffort {
  const platformHours = round(parts.platform.reduce((s, p) => s + p.hours, 0));
  const extensionHours = round(parts.extensions.reduce((s, e) => s + e.hours, 0));
  const codeHours = round(parts.code.reduce((s, c) => s + c.hours, 0));
  const testHours = round(parts.tests.reduce((s, t) => s + t.hours, 0));
  const optionalHours = round(parts.code.reduce((s, c) => s + c.optionalHours, 0));
  const baseHours = round(platformHours + extensionHours + codeHours + testHours + parts.deployHours);
  const reasons = ['20% base buffer'];
  let buffer = 20;
  const inWindow = parts.platform.filter((p) => p.timing === 'in-window').length;
  if (inWindow) {
    buffer += 10 * inWindow;
    reasons.push(`+${10 * inWindow}% for ${inWindow} change(s) in the upgrade window`);
  }
  if (parts.lowConfidence > 0) {
    buffer += 10;
    reasons.push('+10% for low-confidence catalog values');
  }
  if (parts.minorsCrossed > 1) {
    buffer += 5 * (parts.minorsCrossed - 1);
    reasons.push(`+${5 * (parts.minorsCrossed - 1)}% for ${parts.minorsCrossed} minor lines in one hop`);
  }
  const lowCode = parts.code.filter((c) => c.confidence === 'low').reduce((s, c) => s + c.hours, 0);
  if (codeHours > 0 && lowCode / codeHours > 0.5) {
    buffer += 10;
    reasons.push('+10% as most code estimates are of low confidence');
  }
  buffer = Math.min(100, buffer);
  return {
    platformHours,
    extensionHours,
    codeHours,
    testHours,
    deployHours: parts.deployHours,
    baseHours,
    bufferPercent: buffer,
    bufferReasons: reasons,
    totalHours: round(baseHours * (1 + buffer / 100)),
    optionalHours,
  };
}

export function round(n: number): number {
  return Math.round(n * 10) / 10;
}

export interface HopWorkInput {
  /** The hop's findings, owner-tagged by `check`. */
  findings: Finding[];
  extensions: ExtensionInfo[];
  platform: PlatformStep[];
  target: string;
  size: StoreSize;
  /** Low-confidence facts the hop relies on (catalog values, track gaps). */
  lowConfidence: string[];
  minorsCrossed: number;
  /** Per third-party extension, the releases whose requirements allow the target (check's extension-fit answer). */
  fits?: readonly ExtensionRow[];
}

export interface HopWork {
  extensions: ExtensionStep[];
  code: CodeChangeGroup[];
  tests: TestStep[];
  deployment: DeploymentChoice;
  effort: HopEffort;
}

/** The work of one upgrade hop and its effort: `check` (its summary) and `plan` (each hop) both call this. */
export function hopWork(input: HopWorkInput): HopWork {
  const extensions = extensionSteps(input.findings, input.extensions, input.target, input.fits);
  const code = codeChanges(input.findings, input.extensions);
  const tests = testSteps(extensions, changedModules(code), input.platform);
  const inWindow = input.platform.filter((p) => p.timing === 'in-window').length;
  const deployment = chooseDeployment(input.size, inWindow);
  const effort = hopEffort({
    platform: input.platform,
    extensions,
    code,
    tests,
    deployHours: deployment.strategy === 'blue-green' ? 8 : 4,
    lowConfidence: input.lowConfidence.length,
    minorsCrossed: input.minorsCrossed,
  });
  return { extensions, code, tests, deployment, effort };
}

/** Low-confidence facts one hop relies on: catalog values of both ends, track gaps, uncertain platform steps. */
export function hopLowConfidence(
  from: Release,
  to: Release,
  all: readonly Release[],
  tracks: TrackPlan[],
  hop: number,
): string[] {
  const out = [
    ...(hop === 0 ? lowConfidenceOf(from, all).filter((l) => !/^the Composer PHP/.test(l)) : []),
    ...lowConfidenceOf(to, all),
  ];
  for (const t of tracks) if (t.gaps[hop]) out.push(t.gaps[hop]!);
  for (const t of tracks)
    for (const p of t.steps[hop] ?? [])
      if (p.lowConfidence && !out.includes(p.lowConfidence)) out.push(p.lowConfidence);
  return out;
}

export function lowConfidenceOf(release: Release, all: readonly Release[]): string[] {
  const out: string[] = [];
  if (release.requirementsConfidence === 'low' || release.requirementsExact === false) {
    out.push(
      `requirements of ${release.version} are not published for it exactly (confidence ${release.requirementsConfidence}); inherited from its base release`,
    );
  }
  if (!release.phpConstraint) {
    const stand = all.filter((r) => r.minor === release.minor && r.phpConstraint).at(-1);
    out.push(
      `the Composer PHP constraint of ${release.version} is unknown${stand ? `; ${stand.version}'s (${stand.phpConstraint}) stands in` : ''}`,
    );
  }
  if (release.endOfSupportConfidence === 'low') out.push(`end of support of ${release.minor} is of low confidence`);
  for (const n of release.notes ?? []) if (/php|support/i.test(n)) out.push(`catalog note on ${release.version}: ${n}`);
  return out;
}

export interface PathInput {
  /** The path: the current release, the stops, the target. */
  releases: Release[];
  /** The platform tracks planned over that path. */
  tracks: TrackPlan[];
  /** Per hop target, in path order, the findings `check` reports there (each is counted in the first hop showing it). */
  findings: Finding[][];
  /** Per hop target, the releases of each third-party extension that allow it. */
  fits?: readonly (readonly ExtensionRow[] | undefined)[];
  extensions: ExtensionInfo[];
  size: StoreSize;
  catalog: MagentoReleaseCatalog;
}

export interface PathHopWork extends HopWork {
  from: Release;
  to: Release;
  platform: PlatformStep[];
  lowConfidence: string[];
  minorsCrossed: number;
}

export interface PathWork {
  hops: PathHopWork[];
  /** The hops' efforts added up (one hop: its own); totalHours is the path's total, `check`'s and `plan`'s. */
  effort: HopEffort;
}

/**
 * The work and effort of every hop of an upgrade path, and their total: the one function `check` (its summary) and
 * `plan` (its hops and total) both call, so both print the same hours for the same path.
 */
export function pathWork(input: PathInput): PathWork {
  const all = input.catalog.all();
  const index = minorIndex(input.catalog);
  const perHop = attributeFindings(input.findings);
  const hops: PathHopWork[] = [];
  for (let k = 1; k < input.releases.length; k++) {
    const from = input.releases[k - 1]!;
    const to = input.releases[k]!;
    const platform = input.tracks.flatMap((t) => t.steps[k - 1] ?? []);
    const lowConfidence = hopLowConfidence(from, to, all, input.tracks, k - 1);
    const minorsCrossed = Math.max(0, index(to) - index(from));
    const work = hopWork({
      findings: perHop[k - 1] ?? [],
      extensions: input.extensions,
      platform,
      target: to.version,
      size: input.size,
      lowConfidence,
      minorsCrossed,
      fits: input.fits?.[k - 1] ?? [],
    });
    hops.push({ ...work, from, to, platform, lowConfidence, minorsCrossed });
  }
  return { hops, effort: sumEfforts(hops.map((h) => h.effort)) };
}

/**
 * Efforts of several hops as one: parts and totals added; the buffer is what the hops' buffers add to their base, in
 * percent, and its reasons name each hop's.
 */
function sumEfforts(efforts: HopEffort[]): HopEffort {
  if (efforts.length === 1) return efforts[0]!;
  const sum = (part: (e: HopEffort) => number) => round(efforts.reduce((s, e) => s + part(e), 0));
  const baseHours = sum((e) => e.baseHours);
  const totalHours = sum((e) => e.totalHours);
  return {
    platformHours: sum((e) => e.platformHours),
    extensionHours: sum((e) => e.extensionHours),
    codeHours: sum((e) => e.codeHours),
    testHours: sum((e) => e.testHours),
    deployHours: sum((e) => e.deployHours),
    baseHours,
    bufferPercent: baseHours > 0 ? round(((totalHours - baseHours) / baseHours) * 100) : 0,
    bufferReasons: efforts.map((e, k) => `hop ${k + 1}: ${e.bufferPercent}% (${e.bufferReasons.join(', ')})`),
    totalHours,
    optionalHours: sum((e) => e.optionalHours),
  };
}
