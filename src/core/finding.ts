import { createHash } from 'node:crypto';

/** How bad a finding is. `critical` breaks the store (fatal error, failed compile); `info` is advice. */
export type Severity = 'critical' | 'error' | 'warning' | 'info';

export const SEVERITIES: readonly Severity[] = ['critical', 'error', 'warning', 'info'];

/** Rank for sorting and thresholds: lower is worse. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export type FindingCategory =
  | 'platform'
  | 'composer'
  | 'php-api'
  | 'php-version'
  | 'db-schema'
  | 'security'
  | 'lifecycle'
  | 'overrides'
  | 'conflicts'
  /** The project's GraphQL schemas against the core schema of the target. */
  | 'graphql'
  /** Findings of `mageup db health` about the live database. */
  | 'database'
  /** Findings of `mageup monitor` about the running store after go-live (logs, cron, indexers, queues). */
  | 'monitoring'
  /** Findings of `mageup verify` about the running storefront. */
  | 'storefront';

/**
 * Who owns the code or package a finding is about (`project/ownership.ts`): `core` and `bundled` are Magento's (never
 * the client's work), `third-party` extensions are upgraded as a whole, `custom` code is edited, `library` and
 * `dev-only` packages are pulled in by others.
 */
export type Ownership = 'core' | 'bundled' | 'third-party' | 'library' | 'custom' | 'dev-only';

export interface Effort {
  /** Estimated developer hours to resolve. */
  hours: number;
  confidence: 'low' | 'medium' | 'high';
}

/** One thing that will break or needs work. Plain data: serialisable, comparable, stable. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  category: FindingCategory;
  /** Composer package holding the file, when known. */
  package?: string;
  /** Magento module (Vendor_Module) holding the file, when known. */
  module?: string;
  /** Path relative to the project root, with forward slashes. */
  file?: string;
  line?: number;
  column?: number;
  message: string;
  /**
   * The id of the rule's message (`meta.messages`) that `message` was made from, and the values of its placeholders
   * and the recommendation's (ESLint's shape): what fixers read and tests assert, never the English. Absent on
   * findings no check rule made.
   */
  messageId?: string;
  data?: MessageData;
  recommendation: string;
  /**
   * The id of the rule's recommendation (`meta.recommendations`) that `recommendation` was made from, filled from the
   * same `data`. Absent on findings no check rule made.
   */
  recommendationId?: string;
  effort?: Effort;
  /** Adobe Upgrade Compatibility Tool issue code, where one matches. */
  uctCode?: number;
  /** Extra text shown under the message, e.g. the upstream unified diff of an overridden core file. */
  details?: string;
  /** The thing the finding is about (a class, method, constraint…), normalised: feeds the fingerprint. */
  subject?: string;
  /** Stable across line moves: rule + file + subject. Baselines and waivers key on it. */
  fingerprint: string;
  /** Who owns what the finding is about; set by `check` from the project's ownership model. */
  owner?: Ownership;
  /**
   * The other places of a two-sided fact (the second preference of one type, the other route with one frontName):
   * the conflict is one finding, counted and costed once, shown at `file:line` and at each of these.
   */
  related?: RelatedLocation[];
  /**
   * How the finding is resolved when that is not "upgrade the package" or "edit the code": `replace` — remove the
   * package in favour of what the target ships natively. A third-party package's roll-up action follows it.
   */
  resolution?: 'replace';
  /**
   * `mageup fix` will fix it: set by a rule whose fixer applies only to some of its findings, decided at check time
   * from the same test the fixer makes (php-api/legacy-action-controller). Absent for every other rule's findings:
   * their rule's `fixable` decides from the finding alone.
   */
  fixable?: true;
}

/**
 * Values of the `{{placeholders}}` of a finding's message and recommendation: text, a number, or a list of message parts (each a message id of the same
 * meta with its own values) that is rendered part by part and joined with `; ` — the reasons a signature no longer fits.
 */
export type MessageData = Record<string, string | number | MessagePart[]>;

/**
 * One part of a list placeholder: a message of the rule's meta with the values of its placeholders. A value may be a
 * list of parts itself (a list inside one item: composer/root-template's evidence names the requirements it is made
 * of), rendered the same way, each list joined by the separator of its own placeholder name.
 */
export interface MessagePart {
  messageId: string;
  data?: MessageData;
}

export interface RelatedLocation {
  file: string;
  line?: number;
  module?: string;
}

export type FindingInput = Omit<Finding, 'fingerprint'> & { fingerprint?: string };

/** Fingerprint from rule, file and normalised subject (never the line, so moved code keeps its identity). */
export function fingerprintOf(f: Pick<Finding, 'ruleId' | 'file' | 'package' | 'subject' | 'message'>): string {
  const subject = (f.subject ?? f.message).replace(/\s+/g, ' ').trim();
  const where = f.file ?? f.package ?? '';
  return createHash('sha256').update(`${f.ruleId}\0${where}\0${subject}`).digest('hex').slice(0, 16);
}

/** One finding's identity in counts and tables: its fingerprint at its place (the same use on two lines is two). */
export function findingKey(f: Pick<Finding, 'fingerprint' | 'line' | 'column'>): string {
  return `${f.fingerprint}\0${f.line ?? ''}\0${f.column ?? ''}`;
}

export function makeFinding(input: FindingInput): Finding {
  return { ...input, fingerprint: input.fingerprint ?? fingerprintOf(input) };
}

/** Deterministic order: package, file, line, column, severity, rule, message. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    cmp(a.package ?? '', b.package ?? '') ||
    cmp(a.file ?? '', b.file ?? '') ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    severityRank(a.severity) - severityRank(b.severity) ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.message, b.message)
  );
}

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
