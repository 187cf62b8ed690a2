import type { ReleaseCoverage } from '../knowledge/coverage.js';
import type { HopEffort } from '../plan/types.js';
import type { Finding, Severity } from '../core/finding.js';
import type { Problem } from '../core/problem.js';
import type { Clock } from '../knowledge/clock.js';
import type { GovernanceReport, Policy } from '../governance/policy.js';
import type { ExtensionRow } from '../rules/composer/extension-fit.js';
import type { ComposerChange } from '../rules/composer/proposal.js';
import type { SolverResult } from './composer-solver.js';

export interface CheckOptions {
  /** Project root, a directory inside it, or one extension. */
  path: string;
  /** Target release(s): `2.4.8`, `2.4.8-p3`, `latest`, `latest-patch`, `2.4.7.x`. A list gives a matrix. Default `latest`. */
  to?: string | string[];
  /** Extension mode: the release the extension runs on now (default: the oldest its constraints allow). */
  from?: string;
  /** Target PHP `x.y` (default: the PHP `plan` chooses for the direct hop). */
  php?: string;
  /** What the store runs (`{ mariadb: '10.6' }`), over the config's `plan.platform`: as `plan --platform`. */
  platform?: Record<string, string>;
  /** Store traffic and catalog size, over the config's plan section: as plan's, they choose the deployment priced. */
  ordersPerDay?: number;
  catalogSize?: number;
  /** Target PHP per target release (`{ '2.4.7-p7': '8.3' }`), before `php`: plan passes the PHP of each hop. */
  phpByTarget?: Record<string, string>;
  /**
   * Price the direct jump to each target (as `plan --direct`) instead of the path `plan` recommends, whose stops on the
   * way are then judged too (on the PHP of their hop). The findings listed are the target's either way.
   */
  direct?: boolean;
  /** `custom`: only custom code is checked (not third-party vendor code). Default `all`. */
  only?: 'custom' | 'all';
  /**
   * Also analyse bundled packages (what Magento's metapackages install: PayPal Braintree, laminas…). Their findings
   * are then listed, with zero effort and outside the risk; by default each bundled package is one collapsed line.
   */
  includeBundled?: boolean;
  /** Findings below this severity are left out (and do not count for the exit code). Default `info`. */
  minSeverity?: Severity;
  /** Run only these categories or rule ids (`platform`, `composer/constraint-conflict`). */
  focus?: string[];
  /** A vendor/ tree of the current install: override checks then compare real files and show upstream diffs. */
  baselineVendor?: string;
  /** A vendor/ tree of the target install (e.g. after `composer update` in a branch). */
  targetVendor?: string;
  /** The Commerce Version Tool's JSON report (`php vendor/bin/patch-status`), read with the patch level. */
  patchStatus?: string;
  clock?: Clock;
  /**
   * Read the release lists of the project's third-party packages from its Composer repositories and Packagist
   * (cached in the metadata cache for later offline runs). Default false: the cache and the shipped snapshot only.
   */
  online?: boolean;
  /**
   * Let Composer judge the proposed composer.json (`composer update --dry-run --no-install --no-plugins
   * --no-scripts` in a temporary copy). Needs PHP and Composer; default false.
   */
  solve?: boolean;
  /** Timeout of the solver run (default 300 s). */
  solveTimeoutMs?: number;
  /** User cache directory for Composer metadata (default: MAGEUP_CACHE_DIR, XDG_CACHE_HOME/mageup, ~/.cache/mageup). */
  metadataCacheDir?: string;
  /** Worker threads for PHP analysis (default: what the pool chooses). */
  workers?: number;
  /** Cache directory for PHP analysis results (content-hash keyed); `false` disables the cache. */
  cacheDir?: string | false;
  /**
   * Code files to analyse with this text instead of what is on disk, by path relative to the project root: `mageup
   * fix` re-checks its fixes this way without writing into the project.
   */
  overlay?: ReadonlyMap<string, string>;
  onProgress?(event: CheckProgress): void;
  /**
   * Config rules (exclusions, severity overrides, waivers) and a baseline, applied to each target's findings before
   * --min-severity: suppressed findings leave the findings and the summary and are listed in `governance`.
   */
  policy?: Policy;
}

export type CheckProgress =
  { phase: 'load' | 'knowledge' | 'rules' } | { phase: 'analyze'; done: number; total: number };

export interface Ratio {
  total: number;
  needingUpdate: number;
  /** needingUpdate / total, 0–100, one decimal; 0 when total is 0. */
  percent: number;
}

export interface CheckSummary {
  findings: number;
  bySeverity: Record<Severity, number>;
  /** UCT's complexity score: 3 × critical + 2 × error + warning. */
  complexityScore: number;
  /** Total effort in developer hours (for a project: the priced path's total, risk buffer included, as `plan`'s). */
  effortHours: number;
  effortModel: string;
  /**
   * Where the hours go (platform, extensions, code, tests, deployment, buffer), added up over the hops of `path`: the
   * breakdown of a plan hop, or of several (the buffer is then what the hops' buffers add, in percent of their base).
   */
  effort?: HopEffort;
  /** The upgrade the effort prices (a project): the hops of `mageup plan`'s path, or the direct jump with --direct. */
  path?: PricedPath;
  /**
   * Third-party extensions with findings: one action per package, whatever its number of findings. Every findings
   * listing shows these instead of the findings they hold (`--expand` lists those under their action).
   */
  actions: PackageAction[];
  risk: Risk;
  /** Non-core modules under check, and those with a finding at warning or above. */
  modules: Ratio;
  /** PHP/phtml files under check, and those with a finding at warning or above. */
  files: Ratio;
  /** Facts of low confidence the result relies on: read the findings they touch with care. */
  lowConfidence: string[];
  /** Magento's bundled packages with findings, one collapsed line each (empty with `--include-bundled`). */
  bundled: BundledPackage[];
  /**
   * How the knowledge covers each target, per rule family (PHP API, db schema, file hashes, layout names, GraphQL
   * schema, RequireJS/JS): indexed, derived from another release, or not covered (its rules then say "could not
   * verify", never "removed").
   */
  coverage: ReleaseCoverage[];
}

export interface PricedPath {
  /** `--direct`: the direct jump, whatever `plan` recommends. */
  direct: boolean;
  /** The hops priced, in order, each with its total hours (risk buffer included): they add up to effortHours. */
  hops: { from: string; to: string; php: string | null; hours: number }[];
  /** The path `mageup plan` recommends (current release, stops, target): the hops above unless --direct. */
  recommended: string[];
}

/**
 * One upgrade action for a third-party extension, with what keeping its current version would cost: every finding in
 * its code or about its package is listed under it (by fingerprint) instead of one by one.
 */
export interface PackageAction {
  package: string;
  version: string;
  /**
   * `upgrade`: a warning or worse says the installed version breaks on the target; `replace`: the target ships its
   * feature natively (a finding resolved by replacing the package); `verify`: info findings only.
   */
  action: 'upgrade' | 'replace' | 'verify';
  /** The most severe of its findings. */
  severity: Severity;
  /** Its findings, every severity. */
  findings: number;
  /** Fingerprints of those findings (in the `findings` arrays, each once). */
  fingerprints: string[];
  /** Hours of the action, per package, not per finding (the plan's extension step). */
  hours: number;
  message: string;
}

export interface Risk {
  level: 'high' | 'medium' | 'low';
  reasons: string[];
}

/** A package Magento itself installs that had findings: not the client's work, updated by Composer. */
export interface BundledPackage {
  package: string;
  version: string;
  /** Findings in it that were left out. */
  findings: number;
  message: string;
}

export interface TargetResult {
  /** Resolved release, `2.4.8`. */
  version: string;
  /** As asked, `latest`. */
  requested: string;
  /** A newer security patch of the target's line, as advice (the target stays the release asked for). */
  advice?: string;
  php: string;
  /** How the target's symbols are known: `indexed`, `derived` (from a nearby release) or `none`. */
  symbols: 'indexed' | 'derived' | 'none';
  summary: CheckSummary;
  findings: Finding[];
  /** What Composer needs for this target (projects; extensions get the table only). */
  composer?: TargetComposer;
}

export interface TargetComposer {
  /** Every third-party Magento extension: first and latest release whose requirements allow the target. */
  extensions: ExtensionRow[];
  /** The proposed root composer.json, when the project has one and something must change. */
  proposal?: {
    text: string;
    diff: string;
    changes: ComposerChange[];
    commands: string[];
    unresolved: { name: string; reason: string }[];
    /** The release whose project template stood in for the target's (the data has none of the target). */
    templateDerivedFrom?: string;
  };
  /** Composer's verdict on the proposal (`--solve`). */
  solver?: { status: SolverResult['status']; message: string; command?: string; seconds?: number; problems: number };
}

export interface CheckResult {
  schemaVersion: '1.0.0';
  tool: { name: 'mageup'; version: string };
  /** The day the result was computed for (end-of-support answers depend on it). */
  date: string;
  project: {
    root: string;
    kind: 'project' | 'extension';
    name?: string;
    edition: string;
  };
  current: { version: string | null; source: string };
  /** One per `--to` target, in the order given. */
  targets: TargetResult[];
  /** Every finding of every target, each tagged with its target. */
  findings: (Finding & { target: string })[];
  /** Across targets; a finding present in several targets counts once. */
  summary: CheckSummary;
  problems: Problem[];
  /** The threshold applied. */
  minSeverity: Severity;
  /** What the config and baseline did (present when a policy was applied). */
  governance?: GovernanceReport;
}
