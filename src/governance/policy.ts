import type { Finding, Severity } from '../core/finding.js';
import type { Baseline } from './baseline.js';
import type { MageupConfig, Waiver } from './config.js';
import { globToRegExp } from './glob.js';

/** What governs a run: the config's rules plus an optional baseline, evaluated on one day. */
export interface Policy {
  config: MageupConfig;
  baseline?: { file: string; baseline: Baseline };
  /** `YYYY-MM-DD`: waivers expiring before this day no longer hold. */
  today: string;
}

export type WaiverRef = Pick<Waiver, 'rule' | 'reason' | 'owner' | 'expires' | 'index'> &
  Partial<Pick<Waiver, 'path' | 'fingerprint' | 'message'>>;

/** A finding governance took out of the count, and why. */
export interface SuppressedFinding {
  finding: Finding;
  by: 'waiver' | 'baseline';
  waiver?: WaiverRef;
}

/** What governance did to one list of findings. */
export interface PolicyOutcome {
  /** Findings that still count (severity overrides applied; expired-waiver findings included). */
  kept: Finding[];
  suppressed: SuppressedFinding[];
  /** Findings whose only matching waiver has expired: they count again. */
  resurfaced: { finding: Finding; waiver: WaiverRef }[];
  /** Findings dropped by `exclude` globs or a severity override of `off`. */
  excluded: number;
  overridden: { ruleId: string; from: Severity; to: Severity }[];
  /** Indexes of waivers that matched at least one finding (live or expired). */
  usedWaivers: Set<number>;
  /** Baseline fingerprints seen. */
  usedBaseline: Set<string>;
}

/** One finding a waiver covered (waived) or no longer covers because it expired (resurfaced), as reports show it. */
export interface WaiverDecision {
  fingerprint: string;
  ruleId: string;
  where?: string;
  message: string;
  waiver: WaiverRef;
  target?: string;
}

/** The governance section of a report: what was decided, by whom, and what no longer applies. */
export interface GovernanceReport {
  configFile: string | null;
  baselineFile: string | null;
  waived: WaiverDecision[];
  baselined: number;
  resurfaced: WaiverDecision[];
  /** Waivers that matched no finding: probably fixed, or a wrong pattern. */
  staleWaivers: WaiverRef[];
  /** Baseline entries whose finding is gone (fixed): the baseline can be regenerated. */
  staleBaselineEntries: number;
  excluded: number;
  severityOverrides: { ruleId: string; from: Severity; to: Severity; count: number }[];
}

interface CompiledWaiver {
  waiver: Waiver;
  path?: RegExp;
}

/** Applies exclusions, severity overrides, waivers and the baseline, in that order. Pure: the input is not changed. */
export function applyPolicy(findings: Finding[], policy: Policy): PolicyOutcome {
  const { config } = policy;
  const excludes = config.exclude.map(globToRegExp);
  const waivers: CompiledWaiver[] = config.waivers.map((w) => ({
    waiver: w,
    ...(w.path ? { path: globToRegExp(w.path) } : {}),
  }));
  const baselined = new Set(policy.baseline?.baseline.entries.map((e) => e.fingerprint) ?? []);
  const outcome: PolicyOutcome = {
    kept: [],
    suppressed: [],
    resurfaced: [],
    excluded: 0,
    overridden: [],
    usedWaivers: new Set(),
    usedBaseline: new Set(),
  };
  for (const original of findings) {
    if (original.file && excludes.some((re) => re.test(original.file!))) {
      outcome.excluded++;
      continue;
    }
    const override = overrideFor(original.ruleId, config.severity);
    if (override === 'off') {
      outcome.excluded++;
      continue;
    }
    let finding = original;
    if (override && override !== original.severity) {
      finding = { ...original, severity: override };
      outcome.overridden.push({ ruleId: original.ruleId, from: original.severity, to: override });
    }
    const matching = waivers.filter((w) => waiverMatches(w, finding));
    for (const w of matching) outcome.usedWaivers.add(w.waiver.index);
    const live = matching.find((w) => w.waiver.expires >= policy.today);
    if (live) {
      outcome.suppressed.push({ finding, by: 'waiver', waiver: ref(live.waiver) });
      continue;
    }
    if (baselined.has(finding.fingerprint)) {
      outcome.usedBaseline.add(finding.fingerprint);
      outcome.suppressed.push({ finding, by: 'baseline' });
      continue;
    }
    const expired = matching[0];
    if (expired) outcome.resurfaced.push({ finding, waiver: ref(expired.waiver) });
    outcome.kept.push(finding);
  }
  return outcome;
}

/** The report section across one or more outcomes (one per target): a waiver is stale when no target used it. */
export function governanceReport(
  policy: Policy,
  outcomes: { target?: string; outcome: PolicyOutcome }[],
): GovernanceReport {
  const used = new Set<number>();
  const usedBaseline = new Set<string>();
  const overrides = new Map<string, { ruleId: string; from: Severity; to: Severity; count: number }>();
  const waived: GovernanceReport['waived'] = [];
  const resurfaced: GovernanceReport['resurfaced'] = [];
  const seenWaived = new Set<string>();
  const seenResurfaced = new Set<string>();
  const seenBaselined = new Set<string>();
  let excluded = 0;
  for (const { target, outcome } of outcomes) {
    for (const i of outcome.usedWaivers) used.add(i);
    for (const f of outcome.usedBaseline) usedBaseline.add(f);
    excluded = Math.max(excluded, outcome.excluded);
    for (const o of outcome.overridden) {
      const key = `${o.ruleId}\0${o.from}\0${o.to}`;
      const entry = overrides.get(key) ?? { ...o, count: 0 };
      entry.count++;
      overrides.set(key, entry);
    }
    for (const s of outcome.suppressed) {
      if (s.by === 'baseline') seenBaselined.add(s.finding.fingerprint);
      else if (s.waiver && !seenWaived.has(s.finding.fingerprint)) {
        seenWaived.add(s.finding.fingerprint);
        waived.push({ ...describe(s.finding), waiver: s.waiver, ...(target ? { target } : {}) });
      }
    }
    for (const r of outcome.resurfaced) {
      if (seenResurfaced.has(r.finding.fingerprint)) continue;
      seenResurfaced.add(r.finding.fingerprint);
      resurfaced.push({ ...describe(r.finding), waiver: r.waiver, ...(target ? { target } : {}) });
    }
  }
  const entries = policy.baseline?.baseline.entries ?? [];
  return {
    configFile: policy.config.file,
    baselineFile: policy.baseline?.file ?? null,
    waived,
    baselined: seenBaselined.size,
    resurfaced,
    staleWaivers: policy.config.waivers.filter((w) => !used.has(w.index)).map(ref),
    staleBaselineEntries: entries.filter((e) => !usedBaseline.has(e.fingerprint)).length,
    excluded,
    severityOverrides: [...overrides.values()].sort((a, b) => (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)),
  };
}

/** Most specific override: the rule id, else its category. */
function overrideFor(ruleId: string, severity: MageupConfig['severity']): Severity | 'off' | undefined {
  return severity[ruleId] ?? severity[ruleId.split('/')[0]!] ?? severity['*'];
}

function waiverMatches(w: CompiledWaiver, f: Finding): boolean {
  const { waiver } = w;
  if (waiver.rule !== '*' && waiver.rule !== f.ruleId && waiver.rule !== f.ruleId.split('/')[0]) return false;
  if (waiver.fingerprint && waiver.fingerprint !== f.fingerprint) return false;
  if (waiver.message && !f.message.includes(waiver.message)) return false;
  if (w.path) {
    const where = f.file ?? f.package;
    if (!where || !w.path.test(where)) return false;
  }
  return true;
}

function ref(w: Waiver): WaiverRef {
  return { ...w };
}

function describe(f: Finding): { fingerprint: string; ruleId: string; where?: string; message: string } {
  const where = f.file ?? f.package;
  return { fingerprint: f.fingerprint, ruleId: f.ruleId, ...(where ? { where } : {}), message: f.message };
}
