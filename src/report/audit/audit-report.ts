import type { Problem } from '../../core/problem.js';
import type {
  ComposerPackage,
  Customizations,
  LanguagePack,
  MagentoInfo,
  Module,
  Patch,
  ProjectModel,
  Services,
  StoreScopes,
} from '../../project/model.js';
import {
  loadPatchLevels,
  projectPatchLevel,
  type PatchListing,
  type PatchState,
} from '../../knowledge/patch-levels.js';
import { version as toolVersion } from '../../version.js';
import { clientModules } from '../../project/ownership.js';

/** Version of the audit JSON format (schemas/audit.schema.json). Bump the major on any breaking change. */
export const AUDIT_SCHEMA_VERSION = '1.3.0';

export type ModuleState = 'enabled' | 'disabled' | 'unknown' | 'not-registered';

/** The audit as data: what `--format json` prints and what the text and Markdown renderers show. */
export interface AuditReport {
  schemaVersion: string;
  tool: { name: 'mageup'; version: string };
  project: {
    root: string;
    kind: ProjectModel['kind'];
    /** False when app/etc/config.php is absent: module states are `unknown`. */
    configPhpPresent: boolean | null;
    /** False when vendor/ is absent (composer install not run). */
    vendorInstalled: boolean | null;
  };
  magento: MagentoInfo;
  summary: {
    packages: number;
    packagesBySource: Record<string, number>;
    modules: number;
    modulesByState: Record<ModuleState, number>;
    customModules: number;
    themes: number;
    languagePacks: number;
    patches: number;
    /**
     * PHP/phtml files of the code `check` reads: `vendor` counts third-party extensions only; files of packages
     * Magento's metapackages bring (2.3's Klarna, Amazon, Vertex…) are `bundled`, as in packagesBySource.
     */
    codeFiles: { custom: number; vendor: number; bundled?: number };
    problems: { error: number; warning: number };
  };
  packages: AuditPackage[];
  rootRequire: Record<string, string>;
  rootRequireDev: Record<string, string>;
  modules: AuditModule[];
  themes: AuditTheme[];
  languagePacks: LanguagePack[];
  services: Services;
  stores: StoreScopes;
  patches: Patch[];
  /** Adobe's isolated patch files and hotfixes of the project's line: applied, missing, partly applied. */
  patchLevel?: AuditPatchLevel;
  customizations: {
    totals: CustomizationCounts;
    modules: ({ module: string } & CustomizationCounts)[];
  };
  problems: Problem[];
}

export interface AuditPackage {
  name: string;
  version: string;
  type: string;
  source: ComposerPackage['source'];
  license: string[];
  abandoned?: boolean | string;
  dev?: boolean;
  bundled?: boolean;
  path?: string;
}

export interface AuditModule {
  name: string;
  enabled: boolean | null;
  state: ModuleState;
  package: string | null;
  path: string;
  location: Module['location'];
  core: boolean;
  /** One judgement with summary.customModules (clientModules): what the reports list as not from Magento. */
  notFromMagento: boolean;
  setupVersion?: string;
  sequence: string[];
}

export interface AuditTheme {
  code: string;
  area: string;
  title?: string;
  parent: string | null;
  parentChain: string[];
  path: string;
  package: string | null;
  location: string;
  hyva: boolean;
  overrides: number;
}

/** The customizations that are lists counted per module (`js` and the whitelist, a single file, are not). */
type CountedCustomization = Exclude<keyof Customizations, 'js' | 'dbSchemaWhitelist'>;
export type CustomizationCounts = Record<CountedCustomization, number>;

const COUNTED: CountedCustomization[] = [
  'preferences',
  'plugins',
  'virtualTypes',
  'typeArguments',
  'observers',
  'cronJobs',
  'dbSchema',
  'webapiRoutes',
  'graphqlSchemas',
  'routes',
  'layouts',
  'templates',
  'requirejs',
  'setupScripts',
];

/**
 * @param vendorInstalled false when vendor/ is absent: unregistered modules then keep their config.php state, since
 * their code is simply not installed yet.
 */
export function moduleState(module: Module, vendorInstalled = true): ModuleState {
  // An extension analysed on its own registers its module at its root (path ''): registered, not missing.
  if (module.registrationFile === undefined && module.location === 'unknown' && !module.path && vendorInstalled)
    return 'not-registered';
  if (module.enabled === null) return 'unknown';
  return module.enabled ? 'enabled' : 'disabled';
}

export interface AuditPatchLevel {
  /** `2.4.9 + 2026-jul, missing 2026-aug, …`. */
  label: string;
  line: string;
  requires: string | null;
  patches: (PatchListing & { state: PatchState; evidence: string[] })[];
}

function auditPatchLevel(model: ProjectModel): AuditPatchLevel | undefined {
  let status;
  try {
    status = projectPatchLevel(model, loadPatchLevels());
  } catch {
    return undefined; // broken shipped data: check reports it; the inventory goes on without the patch level
  }
  if (!status) return undefined;
  return {
    label: status.label,
    line: status.line,
    requires: status.requires,
    patches: status.patches.map((p) => ({
      id: p.record.id,
      level: p.level.level,
      kind: p.level.kind,
      date: p.level.date,
      bulletin: p.level.bulletin,
      cves: p.level.cves,
      exploited: p.level.exploited,
      state: p.state,
      file: p.record.file,
      evidence: p.evidence,
    })),
  };
}

/**
 * The packages the reports list as extensions not from Magento: neither core nor brought by Magento's metapackages
 * (2.3's Klarna, Amazon Pay, MSP are `bundled`), Magento modules or path repositories.
 */
export function extensionsNotFromMagento(report: Pick<AuditReport, 'packages' | 'modules'>): AuditPackage[] {
  const modulePackages = new Set(report.modules.map((m) => m.package));
  return packagesNotFromMagento(report).filter(
    (p) => /^magento2?-/.test(p.type) || modulePackages.has(p.name) || p.source === 'path',
  );
}

/** Every package neither core nor bundled by Magento (libraries included). */
export function packagesNotFromMagento(report: Pick<AuditReport, 'packages'>): AuditPackage[] {
  return report.packages.filter((p) => p.source !== 'core' && p.source !== 'adobe' && !p.bundled);
}

/** Builds the audit document from a model. Deterministic: every list is sorted, nothing depends on time. */
export function buildAuditReport(model: ProjectModel): AuditReport {
  const patchLevel = auditPatchLevel(model);
  const modulesByState: Record<ModuleState, number> = { enabled: 0, disabled: 0, unknown: 0, 'not-registered': 0 };
  const clients = new Set(clientModules(model));
  const modules = model.modules.map((m): AuditModule => {
    const state = moduleState(m, model.vendorInstalled !== false);
    modulesByState[state]++;
    return {
      name: m.name,
      enabled: m.enabled,
      state,
      package: m.package,
      path: m.path,
      location: m.location,
      core: m.core,
      notFromMagento: clients.has(m),
      ...(m.setupVersion ? { setupVersion: m.setupVersion } : {}),
      sequence: [...m.sequence],
    };
  });
  const packagesBySource: Record<string, number> = {};
  const packages = model.packages.map((p): AuditPackage => {
    // What Magento's metapackages bring (laminas, symfony, 2.3's Klarna…) is Magento's, as for modules
    // (notFromMagento): counted as bundled, never as third-party, whatever repository it came from.
    const key = p.bundled ? 'bundled' : p.source;
    packagesBySource[key] = (packagesBySource[key] ?? 0) + 1;
    return {
      name: p.name,
      version: p.version,
      type: p.type,
      source: p.source,
      license: [...p.license],
      ...(p.abandoned !== undefined ? { abandoned: p.abandoned } : {}),
      ...(p.dev ? { dev: true } : {}),
      ...(p.bundled ? { bundled: true } : {}),
      ...(p.path !== undefined ? { path: p.path } : {}),
    };
  });
  const totals = zeroCounts();
  const perModule: ({ module: string } & CustomizationCounts)[] = [];
  for (const m of model.modules) {
    if (!m.customizationsScanned) continue;
    const counts = countsOf(m.customizations);
    if (Object.values(counts).every((n) => n === 0)) continue;
    for (const key of COUNTED) totals[key] += counts[key];
    perModule.push({ module: m.name, ...counts });
  }
  const codeFiles = model.codeFiles ?? [];
  // The packages judgement above (bundled), applied to their files: Magento's own extensions are not third-party.
  const bundledNames = new Set(model.packages.filter((p) => p.bundled).map((p) => p.name));
  const vendorFiles = codeFiles.filter((f) => f.origin === 'vendor');
  const bundledFiles = vendorFiles.filter((f) => f.package !== null && bundledNames.has(f.package)).length;
  const problems = model.problems;
  return {
    schemaVersion: AUDIT_SCHEMA_VERSION,
    tool: { name: 'mageup', version: toolVersion },
    project: {
      root: model.root,
      kind: model.kind,
      configPhpPresent: model.configPhpPresent ?? null,
      vendorInstalled: model.vendorInstalled ?? null,
    },
    magento: { ...model.magento },
    summary: {
      packages: packages.length,
      packagesBySource: sortKeys(packagesBySource),
      modules: modules.length,
      modulesByState,
      customModules: clients.size,
      themes: model.themes.length,
      languagePacks: model.languagePacks.length,
      patches: model.patches.length,
      codeFiles: {
        custom: codeFiles.filter((f) => f.origin === 'custom').length,
        vendor: vendorFiles.length - bundledFiles,
        ...(bundledFiles > 0 ? { bundled: bundledFiles } : {}),
      },
      problems: {
        error: problems.filter((p) => p.level === 'error').length,
        warning: problems.filter((p) => p.level === 'warning').length,
      },
    },
    packages,
    rootRequire: sortKeys(model.rootRequire),
    rootRequireDev: sortKeys(model.rootRequireDev),
    modules,
    themes: model.themes.map((t) => ({
      code: t.code,
      area: t.area,
      ...(t.title ? { title: t.title } : {}),
      parent: t.parent,
      parentChain: [...t.parentChain],
      path: t.path,
      package: t.package,
      location: t.location,
      hyva: t.hyva,
      overrides: t.overrides.length,
    })),
    languagePacks: model.languagePacks.map((l) => ({ ...l })),
    services: model.services,
    stores: model.stores,
    patches: model.patches,
    ...(patchLevel ? { patchLevel } : {}),
    customizations: { totals, modules: perModule },
    problems,
  };
}

function zeroCounts(): CustomizationCounts {
  return Object.fromEntries(COUNTED.map((k) => [k, 0])) as CustomizationCounts;
}

function countsOf(c: Customizations): CustomizationCounts {
  return Object.fromEntries(COUNTED.map((k) => [k, c[k].length])) as CustomizationCounts;
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** True when the audit has something to say: a version, packages or modules. Else the CLI exits with 2. */
export function isUseful(report: AuditReport): boolean {
  return report.magento.version !== null || report.packages.length > 0 || report.modules.length > 0;
}
