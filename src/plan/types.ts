import type { Confidence, ServiceName } from '../knowledge/types.js';

/** A service family the plan tracks across hops: one runtime the store runs (PHP, the database, the search engine…). */
export type TrackId = 'php' | 'composer' | 'database' | 'search' | 'cache' | 'queue' | 'varnish' | 'webserver';

/** What runs for one track: a flavour (`mariadb`, `opensearch`) and a version as published (`10.6`, `2.9.3+`). */
export interface ServiceValue {
  flavour: ServiceName;
  version: string;
}

/** When a platform change happens relative to the hop's code deployment. */
export type ChangeTiming =
  /** On the source release, before the hop: both releases support the new version. */
  | 'before'
  /** On the target release, after the hop: the target still runs the old version during the upgrade. */
  | 'after'
  /** In the same window as the code: no release supports both sides (riskiest: cannot be verified apart). */
  | 'in-window';

export interface PlatformStep {
  track: TrackId;
  from: ServiceValue | null;
  to: ServiceValue;
  timing: ChangeTiming;
  /** True when the change is supported by the published requirements on both sides of where it happens. */
  supported: boolean;
  /** Why this step exists, in words. */
  reason: string;
  /** Shell/`bin/magento` commands of the switch (placeholders in angle brackets). */
  commands: string[];
  hours: number;
  /** Only applies when the store runs this service (`if you run MariaDB`). */
  condition?: string;
  lowConfidence?: string;
}

export interface ExtensionStep {
  package: string;
  version: string;
  modules: string[];
  /**
   * `must-upgrade`: a finding says it breaks on this hop's target; `replace`: the target ships its feature natively
   * (move to the native module, remove the package); `verify`: read its changelog and test.
   */
  action: 'must-upgrade' | 'replace' | 'verify';
  critical: boolean;
  /** How the extension was recognised as payment/shipping/tax/checkout, when critical. */
  criticalBecause: string[];
  /** Findings in its code or about its package on this hop, info included (what keeping this version costs). */
  findings: number;
  reasons: string[];
  /** One action per package, not per finding. */
  hours: number;
}

export interface CodeChangeGroup {
  /** Module (`Vendor_Module`), package, or `project` for findings without either. */
  module: string;
  findings: {
    ruleId: string;
    severity: string;
    file?: string;
    line?: number;
    message: string;
    hours: number;
    /** An info finding: a note, not required by the upgrade; its hours are optional clean-up, not in the total. */
    optional?: true;
  }[];
  /** Hours of the required findings (warning or worse): what the upgrade needs. */
  hours: number;
  /** Hours of the optional findings (info), not in `hours` nor in any total. */
  optionalHours: number;
  confidence: Confidence;
}

export interface TestStep {
  name: string;
  why: string;
  hours: number;
}

export interface HopEffort {
  platformHours: number;
  extensionHours: number;
  codeHours: number;
  testHours: number;
  deployHours: number;
  /** Sum of the above. */
  baseHours: number;
  /** Risk buffer in percent of baseHours, with its reasons. */
  bufferPercent: number;
  bufferReasons: string[];
  totalHours: number;
  /** Optional clean-up: the estimates of info findings in custom code, not in baseHours nor totalHours. */
  optionalHours: number;
}

export interface Hop {
  index: number;
  from: string;
  to: string;
  /** Why this hop exists (the constraint that forces the stop, or that it is the target). */
  why: string[];
  /** PHP the store runs during the code upgrade of this hop, and after it. */
  phpDuring: string | null;
  phpAfter: string | null;
  /** Catalog values of low confidence this hop relies on. */
  lowConfidence: string[];
  minorsCrossed: number;
  platform: PlatformStep[];
  extensions: ExtensionStep[];
  code: CodeChangeGroup[];
  tests: TestStep[];
  effort: HopEffort;
  deployment: DeploymentChoice;
  runbook: RunbookSection[];
}

export interface DeploymentChoice {
  strategy: 'maintenance' | 'blue-green';
  reason: string;
  /** Expected downtime of a maintenance-mode deployment, minutes. */
  estimatedDowntimeMinutes: number;
}

export interface RunbookSection {
  title: string;
  steps: { text: string; commands?: string[] }[];
}

export interface FreezeWindow {
  from: string;
  to: string;
  label: string;
  /** `deploy`: no production changes (work continues); `no-work`: nobody works (holidays). */
  kind: 'deploy' | 'no-work';
}

export interface Milestone {
  kind: 'work-start' | 'ready' | 'go-live' | 'done' | 'end-of-support';
  date: string;
  hop?: number;
  title: string;
}

export interface Schedule {
  start: string;
  capacityHoursPerWeek: number;
  hypercareDays: number;
  freezes: FreezeWindow[];
  hops: { hop: number; workStart: string; ready: string; goLive: string; hours: number }[];
  milestones: Milestone[];
  finish: string;
  endOfSupport: string | null;
  meetsEndOfSupport: boolean | null;
  warnings: string[];
}

export interface PathCost {
  /** In-window PHP switches (no PHP the old code and the new Composer constraint both accept). */
  phpInWindow: number;
  /** Hops without a PHP version both releases list as supported. */
  phpUnsupportedBridges: number;
  /** Weighted cost in hour-equivalents (see COST_MODEL). */
  weighted: number;
}

export interface Plan {
  schemaVersion: '1.0.0';
  tool: { name: 'mageup'; version: string };
  date: string;
  project: { root: string; edition: string };
  current: { version: string; endOfSupport: string | null; endOfSupportConfidence: Confidence };
  /** The target as check resolves it; advice names a newer security patch of its line. */
  target: { version: string; requested: string; advice?: string };
  direct: boolean;
  costModel: string;
  effortModel: string;
  pathCost: PathCost;
  /** The cost of the other choice (the direct jump when a path is planned, the path when --direct). */
  alternative?: { hops: string[]; cost: PathCost; addedRisk: string[] };
  platformAssumptions: string[];
  hops: Hop[];
  totalHours: number;
  /** The hops' optional clean-up (info findings' estimates), not in totalHours. */
  optionalHours: number;
  schedule: Schedule;
  warnings: string[];
  notes: string[];
}
