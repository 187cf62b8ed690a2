// Helpers for rule tests: build a RuleContext from a few hand-written facts and collect what a rule reports.
import { sortFindings } from '../core/finding.js';
import type { Finding } from '../core/finding.js';
import type { Customizations, Module, ProjectModel } from '../project/model.js';
import { emptyCustomizations } from '../project/customizations/index.js';
import type { Release, ReleaseCatalog } from '../knowledge/types.js';
import { createSymbolIndex } from '../knowledge/memory-symbol-index.js';
import { CodeFactsBuilder } from '../check/class-facts.js';
import { shippedDbSchema } from '../check/db-schema-knowledge.js';
import { withThemeOverrides } from '../check/files/theme-overrides.js';
import { targetDerivedFacts } from '../check/composer-facts.js';
import { ruleFinding, type ComposerFacts, type Rule, type RuleContext } from './rule.js';

export function projectFixture(overrides: Partial<ProjectModel> = {}): ProjectModel {
  return {
    root: '/fixture',
    kind: 'project',
    magento: {
      version: '2.4.6-p3',
      edition: 'open-source',
      b2b: false,
      versionSource: 'composer.lock',
      productPackage: null,
    },
    packages: [],
    rootRequire: {},
    rootRequireDev: {},
    modules: [],
    themes: [],
    languagePacks: [],
    services: { present: false },
    stores: { websites: [], groups: [], stores: [] },
    patches: [],
    problems: [],
    ...overrides,
  };
}

/** A module of app/code (`Vendor_Name` → `app/code/Vendor/Name`), enabled, with the given customizations. */
export function moduleFixture(name: string, parts: Partial<Customizations> = {}, extra: Partial<Module> = {}): Module {
  const [vendor, short] = name.split('_');
  return {
    name,
    enabled: true,
    package: null,
    path: `app/code/${vendor}/${short}`,
    location: 'app-code',
    core: false,
    sequence: [],
    customizations: { ...emptyCustomizations(), ...parts },
    ...extra,
  };
}

export function releaseFixture(version: string, overrides: Partial<Release> = {}): Release {
  const [major = '2', minor = '4', patch = '0'] = version.split('-')[0]!.split('.');
  return {
    version,
    line: `${major}.${minor}`,
    minor: `${major}.${minor}.${patch}`,
    date: null,
    type: version.includes('-p') ? 'security' : 'feature',
    editions: ['magento-open-source', 'adobe-commerce'],
    requirements: {},
    requirementsConfidence: 'high',
    phpConstraint: null,
    endOfSupport: null,
    endOfSupportConfidence: 'high',
    apsb: [],
    packages: {},
    thirdParty: {},
    packagesKnown: true,
    ...overrides,
  };
}

/** A catalog that fails loudly when a test did not give one but the rule under test asks for it. */
const missingCatalog = new Proxy({} as ReleaseCatalog, {
  get(_target, property) {
    throw new Error(`this rule test gave no release catalog, but the rule called catalog.${String(property)}`);
  },
});

export type ContextOverrides = Partial<Omit<RuleContext, 'report' | 'target' | 'underCheck' | 'classes'>> & {
  target?: Partial<RuleContext['target']>;
};

/** Runs one rule over a context built from the overrides and returns its findings (with message id and data), sorted. */
export async function runRule(rule: Rule, overrides: ContextOverrides = {}): Promise<Finding[]> {
  const findings: Finding[] = [];
  const base = {
    project: projectFixture(),
    catalog: missingCatalog,
    current: { release: null, symbols: null },
    code: [],
    advisoriesFor: () => [],
    now: new Date('2026-11-23T00:00:00Z'),
    ...overrides,
    target: {
      release: releaseFixture('2.4.8'),
      php: '8.3',
      symbols: createSymbolIndex([]),
      ...overrides.target,
    },
  };
  // The facts as check/ builds them for a run.
  const facts = await new CodeFactsBuilder(base.code, base.current).factsFor(base.target.release, base.target.symbols);
  const shipped =
    rule.meta.category === 'db-schema' && !base.shippedDbSchema ? shippedDbSchema(base.project) : undefined;
  // Composer facts as check/ completes them for the target; a test that gives none gets those of a target the data
  // has no records nor release lists of, and what the target installs still comes from the shipped data.
  const given: ComposerFacts = base.composer ?? {
    target: null,
    current: null,
    releases: { releasesOf: () => undefined },
  };
  const composer = { ...targetDerivedFacts(given, base.target.release, base.target.php), ...given };
  const context: RuleContext = {
    ...base,
    ...facts,
    composer,
    ...(shipped ? { shippedDbSchema: shipped } : {}),
    ...(base.files && !base.files.themeOverrides ? { files: withThemeOverrides(base.project, base.files) } : {}),
    report(input) {
      findings.push(ruleFinding(rule.meta, input).finding);
    },
  };
  await rule.check(context);
  return sortFindings(findings);
}

/**
 * The named values of a finding's data, for asserting what a message says by its facts rather than its English: a
 * value the finding lacks comes out `undefined`, so `deepEqual` names it.
 */
export function dataOf(finding: Finding | undefined, ...names: string[]): Record<string, unknown> {
  return Object.fromEntries(names.map((name) => [name, finding?.data?.[name]]));
}
