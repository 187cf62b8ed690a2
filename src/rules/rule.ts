import type { Tree } from 'web-tree-sitter';
import { makeFinding } from '../core/finding.js';
import type { Finding, FindingCategory, FindingInput, MessageData, MessagePart, Severity } from '../core/finding.js';
import type { ProjectModel } from '../project/model.js';
import type { Advisory, Release, ReleaseCatalog, SymbolIndex } from '../knowledge/types.js';
import type { PhpFileAnalysis } from '../php/types.js';
import type { ProjectPlatform } from '../check/project-platform.js';
import type { ReleaseFiles } from '../check/files/release-files.js';
import type { VendorSchemaFile } from '../check/files/vendor-schemas.js';
import type { DbSchemaIndex } from '../knowledge/db-schema/index.js';
import type { DeclarationRulesIndex } from '../knowledge/db-schema/declaration.js';
import type { ClosureRequirement, ReleaseComposerRecord } from '../knowledge/release-composer.js';
import type { InstalledLibrary } from '../knowledge/target-installs.js';
import type { ExtensionFit } from './composer/extension-fit.js';
import type { ReleaseLookup } from '../knowledge/extension-releases.js';
import type { PatchLevelsFile } from '../knowledge/patch-levels.js';
import type { SolverResult } from '../check/composer-solver.js';
import type { GraphqlFacts } from '../check/graphql/project-schemas.js';
import type { ClassWorld } from '../check/class-world.js';
import type { EvaluatedOverride } from '../check/files/theme-overrides.js';

export interface RuleMeta {
  /** Stable id, `category/kebab-name`, e.g. `php-api/removed-class`. Never reused for another meaning. */
  id: string;
  /** Default severity; a finding may be lower or higher when the rule knows better. */
  severity: Severity;
  category: FindingCategory;
  /** One line: what the rule finds. */
  description: string;
  /** Longer explanation for docs and SARIF help: why it matters and how to fix. Markdown. */
  docs: string;
  /** Upgrade Compatibility Tool issue code this rule matches, when one does. */
  uctCode?: number;
  /**
   * The rule's messages keyed by id (ESLint's shape): `{{name}}` placeholders are filled from the report's `data` by
   * `ruleFinding()`, the one place message text is made. A rule reports `messageId` + `data`, never English.
   * Required of check rules (`CheckRuleMeta`); the metas of monitor and verify findings, made elsewhere, have none.
   */
  messages?: Record<string, string>;
  /**
   * What to do about a finding, keyed by id like `messages`: a report names one by `recommendationId`, and its
   * `{{name}}` placeholders are filled from the same `data` as the message (a list value is rendered from `messages`,
   * the rule's phrases). Declared by the check rules that report by recommendation id.
   */
  recommendations?: Record<string, string>;
  /**
   * Severity of a message when it is not `severity` (a rule whose findings differ in weight by kind). A report may
   * still pass its own severity when the weight is computed from the facts (say, from the PHP version).
   */
  messageSeverity?: Record<string, Severity>;
  /**
   * How the parts of a list placeholder are joined, by placeholder name, when not with `; ` (platform/database's
   * `{{changes}}` is one sentence per service: `. `). A name means the same at any depth: it also joins a list that
   * is a value of a part of another list (composer/root-template's `{{blockers}}` inside its `{{evidence}}`).
   */
  listSeparators?: Record<string, string>;
}

/** A check rule's meta: every check rule reports by message id, so it declares its messages. */
export type CheckRuleMeta = RuleMeta & { messages: Record<string, string> };

export type { MessageData, MessagePart };

/**
 * What a rule hands to `report()`: the finding's facts, its message and recommendation by id with the placeholders'
 * values (one `data` fills both templates).
 */
export type ReportInput = Omit<
  FindingInput,
  'ruleId' | 'category' | 'message' | 'severity' | 'recommendation' | 'recommendationId'
> & {
  category?: FindingCategory;
  severity?: Severity;
  messageId: string;
  data?: MessageData;
} & ({ recommendationId: string; recommendation?: never } | { recommendation: string; recommendationId?: never });

/** Code under check: PHP files with their analysis, keyed by path relative to root. */
export interface CodeUnit {
  analysis: PhpFileAnalysis;
  /** Composer package holding the file (null for app/code without composer.json). */
  package: string | null;
  module: string | null;
  /** `custom` (app/code, app/design, path repositories) or `vendor` (third-party). Core code is never checked. */
  origin: 'custom' | 'vendor';
}

export interface CheckTarget {
  release: Release;
  /** PHP minor the target runs on, `8.3`. */
  php: string;
  /** Symbols of the target release (magento/* and third-party libraries). */
  symbols: SymbolIndex;
}

export interface RuleContext {
  project: ProjectModel;
  catalog: ReleaseCatalog;
  /** The project's current release, when known. */
  current: { release: Release | null; symbols: SymbolIndex | null };
  target: CheckTarget;
  /** Every code unit analysed (config and ownership questions look at all of them). */
  code: CodeUnit[];
  /**
   * The code units code rules report on for this target: `code` but those of packages that move with the target
   * (check/code-under-check.ts).
   */
  underCheck: CodeUnit[];
  /**
   * The class model of the code under check: the code's classes over the target release's symbol index and, when the
   * current release's index is known (coverage not `none`), over the current one's; each index completed with the
   * packages its metapackage requires but the index lacks (check/class-facts.ts).
   */
  classes: { target: ClassWorld; current: ClassWorld | null };
  advisoriesFor(pkg: string, version: string): Advisory[];
  now: Date;
  /**
   * Platform declarations read beside the model (composer.json config.platform.php, composer.lock platform and
   * plugin-api-version, lines of service settings in env.php/config.php). Absent in tests that do not give one.
   */
  platform?: ProjectPlatform;
  /**
   * Magento's overridable files (templates, layouts, web assets…) as the project has them now and at the target: from
   * `--baseline-vendor`/`--target-vendor` trees when given (content, so diffs), else the shipped file-hash index.
   * Absent or null when unknown: override rules then stay silent.
   */
  files?: {
    current: ReleaseFiles | null;
    target: ReleaseFiles | null;
    /** Content hash of a project file (same hash as ReleaseFiles), for "override identical to the original". */
    projectHash?: (file: string) => string | undefined;
    /** Text of a project file (root-relative), for comparisons that ignore comments and whitespace. */
    projectText?: (file: string) => string | undefined;
    /** Each theme override with its original now and at the target (check/files/theme-overrides.ts), once. */
    themeOverrides?: EvaluatedOverride[];
  };
  /**
   * What the current and the target release ask of Composer (product and base requirements, project template) and
   * the release lists of third-party packages (cache, then the shipped snapshot). Absent in tests that give none:
   * composer rules then judge only what the Release record says.
   */
  composer?: ComposerFacts;
  /**
   * From `--baseline-vendor`/`--target-vendor` trees: the core schema their magento/* db_schema.xml files declare
   * (current and target release), and every third-party db_schema.xml of either tree, paired by path. Absent without
   * both trees: db-schema rules then use the shipped core schema, and third-party schemas are not compared.
   */
  dbSchema?: { core: DbSchemaIndex; vendorFiles: VendorSchemaFile[] };
  /**
   * The shipped db-schema knowledge (check/db-schema-knowledge.ts): the core schema of each indexed release and the
   * declaration rules (XSD, schema builder), or the error that kept each from being read. Absent when no module under
   * check declares tables.
   */
  shippedDbSchema?: ShippedDbSchema;
  /** Adobe's isolated patch files and hotfixes per line (shipped data); absent in tests that do not give it. */
  patchLevels?: PatchLevelsFile;
  /**
   * The project's own etc/schema.graphqls files (custom and third-party modules), parsed, and the core GraphQL schema
   * of the current and target releases from the shipped index (null when it does not cover a release). Absent when
   * no graphql rule runs: graphql rules then stay silent.
   */
  graphql?: GraphqlFacts;
  report(finding: ReportInput): void;
}

export interface ShippedDbSchema {
  core: { data: DbSchemaIndex } | { error: string };
  declaration: { data: DeclarationRulesIndex } | { error: string };
}

/** The context without its code facts: what package-level questions (Composer's) are answered from. */
export type PackageContext = Omit<RuleContext, 'report' | 'underCheck' | 'classes'>;

/** A finding with the message id and data it was made from (the finding keeps them too). */
export interface RuleFinding {
  finding: Finding;
  messageId: string;
  data: MessageData;
}

/**
 * The finding a rule's report makes: message text from the template `meta.messages[messageId]` (`formatMessage`),
 * severity from the report, else `meta.messageSeverity`, else `meta.severity`; the finding keeps the message id and
 * data. Throws on a message id the meta does not declare or a placeholder the data does not fill, so messages stay
 * data.
 */
export function ruleFinding(meta: CheckRuleMeta, input: ReportInput): RuleFinding {
  const { messageId, data = {}, severity, category, recommendationId, recommendation, ...rest } = input;
  const finding = makeFinding({
    ...(meta.uctCode !== undefined ? { uctCode: meta.uctCode } : {}),
    ...rest,
    severity: severity ?? meta.messageSeverity?.[messageId] ?? meta.severity,
    message: formatMessage(meta, messageId, data),
    messageId,
    data,
    recommendation:
      recommendationId !== undefined ? formatRecommendation(meta, recommendationId, data) : recommendation!,
    ...(recommendationId !== undefined ? { recommendationId } : {}),
    ruleId: meta.id,
    category: category ?? meta.category,
  });
  return { finding, messageId, data };
}

/**
 * The text of message `messageId` of a rule's messages, its `{{name}}` placeholders filled from `data`; a list value
 * (message parts) is rendered part by part from the same messages and joined with `; ` (or the meta's
 * `listSeparators` of that placeholder), a part's own list values likewise. The one place message text is made:
 * `ruleFinding()` for findings, fixers for the reasons they decline.
 */
export function formatMessage(
  meta: Pick<CheckRuleMeta, 'id' | 'messages' | 'listSeparators'>,
  messageId: string,
  data: MessageData = {},
): string {
  const template = meta.messages[messageId];
  if (template === undefined)
    throw new Error(`Rule ${meta.id} reported message "${messageId}" its meta does not declare.`);
  return fillTemplate(meta, template, `message "${messageId}"`, data);
}

/**
 * The text of recommendation `recommendationId` of a rule's recommendations, filled like a message: placeholders from
 * `data`, a list value rendered part by part from the rule's messages.
 */
export function formatRecommendation(
  meta: Pick<CheckRuleMeta, 'id' | 'messages' | 'recommendations' | 'listSeparators'>,
  recommendationId: string,
  data: MessageData = {},
): string {
  const template = meta.recommendations?.[recommendationId];
  if (template === undefined)
    throw new Error(`Rule ${meta.id} reported recommendation "${recommendationId}" its meta does not declare.`);
  return fillTemplate(meta, template, `recommendation "${recommendationId}"`, data);
}

function fillTemplate(
  meta: Pick<CheckRuleMeta, 'id' | 'messages' | 'listSeparators'>,
  template: string,
  what: string,
  data: MessageData,
): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    const value = data[name];
    if (value === undefined) throw new Error(`Rule ${meta.id}, ${what}: no value for {{${name}}}.`);
    if (!Array.isArray(value)) return String(value);
    return value
      .map((part) => formatMessage(meta, part.messageId, part.data))
      .join(meta.listSeparators?.[name] ?? '; ');
  });
}

export interface Rule {
  meta: CheckRuleMeta;
  check(context: RuleContext): void | Promise<void>;
  /**
   * The mechanical fix of one of this rule's findings (`mageup fix`), ESLint-style: text edits at exact offsets of the
   * file's text, or a decline saying why the fixer is not sure. Like `check`, it never reads the disk: `mageup fix`
   * hands it the file's text and parse tree. Absent when the rule's findings have no mechanical fix.
   */
  fix?(finding: Finding, source: FixSource): FixOutcome;
  /**
   * Which of the rule's findings `fix` is for, when only some are (`php-api/missing-method` fixes Monolog 1's
   * `addDebug()`…, not every removed method): the others are not counted as fixable nor listed as declined.
   */
  fixable?(finding: Finding): boolean;
}

/** A file of the code under check, as `mageup fix` hands it to a fixer. */
export interface FixSource {
  /** Path relative to the project root. */
  file: string;
  /** The file's text (UTF-8, byte-exact: `mageup fix` declines files that do not round-trip). */
  text: string;
  /** Tree-sitter PHP parse tree of `text`; node offsets index `text`. */
  tree: Tree;
  /** The releases the check compared: the project's current one (when known) and the target. */
  releases: { current: string | null; target: string };
}

/** Replace `text.slice(start, end)` with `text` (an insertion when start === end). */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** What a fixer gives back: edits with one line saying what they do, or the reason it will not fix. */
export type FixOutcome = { edits: TextEdit[]; description: string } | { decline: string };

export interface ComposerFacts {
  target: ReleaseComposerRecord | null;
  /**
   * Set when the data has no metapackage of the target: `target` is then the record of this release, the nearest of
   * its line (the rule of src/knowledge/coverage.ts), and every message built on it says so.
   */
  targetDerivedFrom?: string;
  /**
   * Set with targetDerivedFrom when only the project template is derived: the target's own metapackage is known (read
   * from a real composer.lock), its project template is not.
   */
  targetTemplateOnly?: boolean;
  current: ReleaseComposerRecord | null;
  releases: ReleaseLookup;
  /**
   * What the target installs of a library its metapackage constrains, on the target PHP (src/knowledge/target-installs.ts
   * over the target's own record, never a derived one), or undefined: "constraint only". Built by check/ (runRule in
   * tests); absent, the target's constraint is all that is said.
   */
  targetInstalls?: (name: string) => InstalledLibrary | undefined;
  /** The target's closure on libraries (product, base, template require), once per target; absent → from `target`. */
  targetClosure?: Map<string, ClosureRequirement[]>;
  /** The extension fits asked so far (by lower-case name), kept once per target; absent → computed on each ask. */
  fits?: Map<string, ExtensionFit>;
  /** Composer's own verdict on the proposed composer.json (`check --solve`), when it ran. */
  solver?: SolverResult;
}
