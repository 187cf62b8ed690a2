// The one summary of a check: counts, effort and risk computed here and nowhere else. Every format (text, JSON,
// Markdown, HTML, SARIF) prints these numbers; the effort is pathWork's, the function `plan` prices its hops with.
import { SEVERITIES, severityRank, type Finding, type Severity } from '../core/finding.js';
import type { ReleaseCoverage } from '../knowledge/coverage.js';
import type { ExtensionStep } from '../plan/types.js';
import {
  DEFAULT_HOURS,
  EFFORT_MODEL as HOP_EFFORT_MODEL,
  findingHours,
  isExtensionFinding,
  isMagentosCode,
  mustAct,
  type PathWork,
} from '../plan/work.js';
import type { BundledPackage, CheckSummary, PackageAction, PricedPath, Ratio, Risk } from './types.js';

/** Hours for a finding whose rule gave no estimate (the effort engine's table, kept under its public name). */
export const DEFAULT_EFFORT = DEFAULT_HOURS;

/** Effort of a check on one extension (no store, so no platform, tests or deployment). */
export const EXTENSION_EFFORT_MODEL =
  'Sum of per-finding estimates in developer hours: each rule states the hours one finding takes (e.g. a removed ' +
  'class 2 h, a Composer constraint 3 h); findings without an estimate count critical 2 h, error 1 h, warning ' +
  "0.5 h. Magento's own packages cost nothing; info findings are notes, their estimates optional clean-up not in the " +
  'total. A finding present in several targets counts once. Excludes testing and deployment.';

/**
 * The findings that price an extension checked on its own, as the path's effort prices code: the client's (not
 * Magento's bundled code) and required by the upgrade (warning or worse). The HTML's hours by category sum the same.
 */
export function pricedFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => !isMagentosCode(f) && mustAct(f));
}

export const EFFORT_MODEL = HOP_EFFORT_MODEL;

export interface UnderCheck {
  /** Non-core modules under check: name and directory. */
  modules: { name: string; path: string }[];
  /** Code files under check (relative paths). */
  files: Set<string>;
  lowConfidence: string[];
  /** Coverage of the target(s) by the knowledge, per family. */
  coverage: ReleaseCoverage[];
}

/**
 * Risk of the upgrade from the findings that are the client's (Magento's bundled code and dev-only packages never
 * count): high when something breaks the store (critical) or a security issue at error or worse is open; medium
 * with errors or more than 20 warnings.
 */
export function assessRisk(findings: Finding[]): Risk {
  const counted = findings.filter((f) => f.owner !== 'bundled' && f.owner !== 'dev-only');
  const critical = counted.filter((f) => f.severity === 'critical' && f.category !== 'security').length;
  const security = counted.filter((f) => f.category === 'security' && severityRank(f.severity) <= 1).length;
  const warnings = counted.filter((f) => f.severity === 'warning').length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const reasons: string[] = [];
  if (critical) reasons.push(`${plural(critical, 'critical finding')}: the store breaks (fatal error, failed compile)`);
  if (security) reasons.push(`${plural(security, 'open security issue')} at error or worse (bulletins, advisories)`);
  if (reasons.length) return { level: 'high', reasons };
  const errorsOutsideSecurity = counted.filter((f) => f.severity === 'error' && f.category !== 'security').length;
  if (errorsOutsideSecurity) reasons.push(`${plural(errorsOutsideSecurity, 'error')} to fix before go-live`);
  if (warnings > 20) reasons.push(`${warnings} warnings`);
  if (reasons.length) return { level: 'medium', reasons };
  return { level: 'low', reasons: ['nothing critical, no error, no open security issue'] };
}

/** What a project's summary prices: the path's work (plan's), and the target's package actions. */
export interface SummaryWork {
  path: PathWork;
  /** The PHP each hop target is checked on, by release version. */
  phpByTarget: Record<string, string>;
  direct: boolean;
  /** The path `plan` recommends (release versions). */
  recommended: string[];
  /** The plan's extension step of each package for the target's own findings: the actions the listings show. */
  extensions: ExtensionStep[];
}

/**
 * Summary of a set of findings (already deduplicated by the caller when they span targets). `work` is the priced
 * path from the shared plan model (absent for an extension checked on its own); the counts and the risk are the
 * findings'.
 */
export function summarize(
  findings: Finding[],
  scope: UnderCheck,
  bundled: BundledPackage[] = [],
  work?: SummaryWork,
): CheckSummary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const moduleHits = new Set<string>();
  const fileHits = new Set<string>();
  const modulePaths = [...scope.modules].sort((a, b) => b.path.length - a.path.length);
  for (const f of findings) {
    bySeverity[f.severity]++;
    if (severityRank(f.severity) > severityRank('warning')) continue;
    if (f.file && scope.files.has(f.file)) fileHits.add(f.file);
    const module =
      (f.module && scope.modules.find((m) => m.name === f.module)?.name) ??
      (f.file ? modulePaths.find((m) => contains(m.path, f.file!))?.name : undefined);
    if (module) moduleHits.add(module);
  }
  const actions = packageActions(findings, work);
  return {
    findings: findings.length,
    bySeverity,
    complexityScore: 3 * bySeverity.critical + 2 * bySeverity.error + bySeverity.warning,
    effortHours: work
      ? work.path.effort.totalHours
      : Math.round(pricedFindings(findings).reduce((sum, f) => sum + findingHours(f), 0) * 10) / 10,
    effortModel: work ? EFFORT_MODEL : EXTENSION_EFFORT_MODEL,
    ...(work ? { effort: work.path.effort, path: pricedPath(work) } : {}),
    actions,
    risk: assessRisk(findings),
    modules: ratio(moduleHits.size, scope.modules.length),
    files: ratio(fileHits.size, scope.files.size),
    lowConfidence: [...scope.lowConfidence],
    bundled,
    coverage: scope.coverage.map((c) => ({ ...c })),
  };
}

function pricedPath(work: SummaryWork): PricedPath {
  return {
    direct: work.direct,
    hops: work.path.hops.map((h) => ({
      from: h.from.version,
      to: h.to.version,
      php: work.phpByTarget[h.to.version] ?? null,
      hours: h.effort.totalHours,
    })),
    recommended: [...work.recommended],
  };
}

/**
 * One action per third-party extension with findings: every finding in its code or about its package rolls up into
 * it (the same findings, hours and sentence as the plan's extension step), and every findings listing shows the
 * action instead of them. Custom code is never rolled up.
 */
function packageActions(findings: Finding[], work: SummaryWork | undefined): PackageAction[] {
  const names = new Set((work?.extensions ?? []).map((e) => e.package));
  const byPackage = new Map<string, Finding[]>();
  for (const f of findings) {
    if (!isExtensionFinding(f, names)) continue;
    byPackage.set(f.package!, [...(byPackage.get(f.package!) ?? []), f]);
  }
  return (work?.extensions ?? [])
    .filter((e) => byPackage.has(e.package))
    .sort((a, b) => (a.package < b.package ? -1 : a.package > b.package ? 1 : 0))
    .map((e) => {
      const own = byPackage.get(e.package)!;
      return {
        package: e.package,
        version: e.version,
        action: e.action === 'must-upgrade' ? 'upgrade' : e.action,
        severity: own.reduce<Severity>(
          (worst, f) => (severityRank(f.severity) < severityRank(worst) ? f.severity : worst),
          'info',
        ),
        findings: own.length,
        fingerprints: [...new Set(own.map((f) => f.fingerprint))],
        hours: e.hours,
        message: e.reasons[0] ?? `upgrade ${e.package}`,
      };
    });
}

/** The fingerprints rolled up into a package action, with the action each belongs to. */
export function rolledUp(actions: readonly PackageAction[]): Map<string, PackageAction> {
  const out = new Map<string, PackageAction>();
  for (const a of actions) for (const fp of a.fingerprints) out.set(`${a.package}\0${fp}`, a);
  return out;
}

/** The package action a finding is listed under, if any (keyed by package and fingerprint). */
export function actionOf(
  f: Pick<Finding, 'package' | 'fingerprint'>,
  index: Map<string, PackageAction>,
): PackageAction | undefined {
  return f.package ? index.get(`${f.package}\0${f.fingerprint}`) : undefined;
}

/** Is `file` inside the module directory `dir` (`''` or `.` is the analysed root: an extension on its own)? */
function contains(dir: string, file: string): boolean {
  return dir === '' || dir === '.' || file === dir || file.startsWith(`${dir}/`);
}

function ratio(needingUpdate: number, total: number): Ratio {
  return { total, needingUpdate, percent: total === 0 ? 0 : Math.round((needingUpdate / total) * 1000) / 10 };
}

/**
 * The sentence every format prints under a project's effort: which upgrade it prices (each hop with its hours), and
 * the other choice (`--direct`, or the path `mageup plan` recommends), so check and plan are read the same way.
 */
export function pathNote(summary: CheckSummary): string | undefined {
  const path = summary.path;
  if (!path || path.hops.length === 0) return undefined;
  const first = path.hops[0]!.from;
  const hops = `${first} → ${path.hops.map((h) => `${h.to} (${h.hours} h)`).join(' → ')}`;
  const recommended = path.recommended.join(' → ');
  if (path.direct) {
    return path.recommended.length > 2
      ? `The effort prices the direct jump ${hops}, as mageup plan --direct does; mageup plan recommends ${recommended} (check without --direct prices it).`
      : `The effort prices the direct jump ${hops}, as mageup plan --direct does; it is also the path mageup plan recommends.`;
  }
  return path.hops.length > 1
    ? `The effort prices the path mageup plan recommends, ${hops}: ${path.hops.length} hops, each with its own platform steps, tests and deployment (--direct prices the direct jump, as mageup plan --direct).`
    : `The effort prices ${hops}, the path mageup plan recommends (one hop, as mageup plan prints).`;
}

/**
 * The phrase every check and plan format prints beside an effort whose info findings carry estimates: optional
 * clean-up, apart from the total (none when there is nothing optional).
 */
export function optionalNote(effort: { optionalHours: number } | undefined): string | undefined {
  return effort && effort.optionalHours > 0
    ? `optional clean-up: ${effort.optionalHours} h, not in the total`
    : undefined;
}
