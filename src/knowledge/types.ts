import type { ClassDecl, FunctionDecl } from '../php/types.js';

/** A fact we are not sure of carries its confidence; the product says so when it uses one that is low. */
export type Confidence = 'high' | 'medium' | 'low';

export type ServiceName =
  | 'php'
  | 'composer'
  | 'mysql'
  | 'mariadb'
  | 'elasticsearch'
  | 'opensearch'
  | 'redis'
  | 'valkey'
  | 'varnish'
  | 'rabbitmq'
  | 'nginx'
  | 'apache';

export interface Release {
  /** `2.4.6-p3` */
  version: string;
  /** Release line, `2.4` (2.3 and 2.4 lines) */
  line: string;
  /** The minor line a patch belongs to, `2.4.6`. */
  minor: string;
  date: string | null;
  type: 'feature' | 'patch' | 'security' | 'beta' | string;
  editions: string[];
  /** Supported versions per service, as published (`['8.1', '8.2']`, `['2.x']`). */
  requirements: Partial<Record<ServiceName, string[]>>;
  requirementsConfidence: Confidence;
  /** Composer constraint on PHP from the metapackage (exact), when known. */
  phpConstraint: string | null;
  /** End of support (regular) of the minor line, ISO date, when known. */
  endOfSupport: string | null;
  endOfSupportConfidence: Confidence;
  /** Security bulletins this release fixes. */
  apsb: string[];
  /** `magento/*` package versions installed by this release (from its metapackage). Empty when unknown. */
  packages: Record<string, string>;
  /** Third-party requirements of the metapackage (name → constraint). */
  thirdParty: Record<string, string>;
  /** True when the package set comes from the real metapackage; false when derived. */
  packagesKnown: boolean;
  /** Support line this release belongs to (`2.3` for every 2.3.x, the minor `2.4.6` for 2.4.x). */
  supportLine?: string;
  /** GA date of the support line. */
  lineGa?: string | null;
  /** End of extended support (Adobe Commerce only), when published. */
  endOfExtendedSupport?: string | null;
  /** Composer constraint on composer/composer from the metapackage, when known. */
  composerConstraint?: string | null;
  /** How sure the APSB list is. */
  apsbConfidence?: Confidence;
  /** Key package versions known without the metapackage (derived or from docs) when `packagesKnown` is false. */
  keyPackages?: { versions: Record<string, string>; confidence: Confidence; source: string };
  /** Published requirements for services outside ServiceName (e.g. `activemq_artemis`). */
  extraRequirements?: Record<string, string[]>;
  /** False when the requirements were inherited from the base release (Adobe lists no column for this one). */
  requirementsExact?: boolean;
  notes?: string[];
}

export interface ReleaseCatalog {
  /** Every release, oldest first. */
  all(): Release[];
  get(version: string): Release | undefined;
  /**
   * Resolve a user's spec (`2.4.8`, `2.4.8-p3`, `latest`, `latest-patch` of a given line) to a release, or throw an
   * `UnknownVersionError` whose message names the nearest known versions.
   */
  resolve(spec: string, opts?: { current?: string; now?: Date; edition?: string }): Release;
  /** Nearest known versions to an unknown one, best first. */
  nearest(version: string, count?: number): string[];
}

/** A known vulnerability affecting some versions of a Composer package. */
export interface Advisory {
  id: string;
  package: string;
  title: string;
  cve?: string;
  link?: string;
  /** Composer constraint of affected versions. */
  affected: string;
  source: 'friendsofphp' | 'roave' | 'apsb' | 'packagist';
  severity?: 'critical' | 'high' | 'medium' | 'low';
  /** Lowest version that is not affected, when it can be computed. */
  fixedIn?: string;
  /** How sure the affected range is (APSB ranges derived from bulletin fix lists are often `low`). */
  confidence?: Confidence;
  /** Publication date, ISO, when known. */
  date?: string;
}

/** Declarations of one Composer package at one version, as indexed. */
export interface PackageApi {
  package: string;
  version: string;
  classes: ClassDecl[];
  functions: FunctionDecl[];
}

/**
 * Symbol lookups over a set of package versions (a release's package set, or a project's lock).
 * Names are case-insensitive like PHP's; answers carry the package that declares the symbol.
 */
export interface SymbolIndex {
  /** Class, interface, trait or enum by FQCN (no leading backslash). */
  getClass(fqcn: string): (ClassDecl & { package: string; file?: string }) | undefined;
  getFunction(name: string): (FunctionDecl & { package: string }) | undefined;
  /** Packages (and their versions) this index covers. */
  packages(): Record<string, string>;
  /** How the index for this release was obtained. */
  coverage: 'indexed' | 'derived' | 'none';
  /** For a derived index: the indexed release whose API stands in. */
  base?: string;
  /**
   * Packages the release installs through a requirement no indexed tree shows at that version (package → the
   * requirement, `adobe-commerce/os-extensions-metapackage 1.0.1`): their symbols are not covered, never removed.
   */
  notCovered?: Record<string, string>;
  /**
   * Requested package versions no stored index holds (package → version): their symbols are unknown, not absent.
   * Absent on indexes built in memory, which hold all they were given.
   */
  unindexed?(): Record<string, string>;
}
