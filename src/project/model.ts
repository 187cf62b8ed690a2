import type { Ownership } from '../core/finding.js';
import type { Problem } from '../core/problem.js';
import type { PatchEvidence } from '../knowledge/patch-levels.js';

/**
 * Everything MageUp knows about one Magento project (or one extension), read from files only.
 * Built once by `loadProject()`; rules and reports read this model and never the disk.
 * All paths are relative to `root`, with forward slashes.
 */
export interface ProjectModel {
  /** Absolute path of the analysed directory. */
  root: string;
  /** `project`: a Magento installation; `extension`: one module/theme/package analysed on its own. */
  kind: 'project' | 'extension';
  magento: MagentoInfo;
  packages: ComposerPackage[];
  /** Root composer.json requirements (name → constraint), including require-dev under `requireDev`. */
  rootRequire: Record<string, string>;
  rootRequireDev: Record<string, string>;
  /** The rest of the root composer.json an upgrade changes (absent when there is none or it is invalid). */
  rootComposer?: RootComposer;
  modules: Module[];
  themes: Theme[];
  languagePacks: LanguagePack[];
  services: Services;
  stores: StoreScopes;
  /** Storefront base URLs from config.php / env.php (absent for extensions). */
  baseUrls?: BaseUrlSetting[];
  patches: Patch[];
  /** What the files show about Adobe's isolated patches and hotfixes (projects only); judged by assessPatchLevel(). */
  patchEvidence?: PatchEvidence;
  problems: Problem[];
  /**
   * PHP and .phtml files of the code under check (custom code and third-party Magento extensions), listed while
   * loading without being read. Use `codeFiles(model)` from `project/code-files.ts`.
   */
  codeFiles?: CodeFile[];
  /** False when app/etc/config.php is absent (a never-installed tree): module states are then unknown. */
  configPhpPresent?: boolean;
  /** False when vendor/ is absent (`composer install` not run): modules config.php lists cannot be matched to code. */
  vendorInstalled?: boolean;
}

/** Root composer.json sections besides require/require-dev, as written. */
export interface RootComposer {
  replace: Record<string, string>;
  conflict: Record<string, string>;
  minimumStability: string | null;
  /** `config.platform` (`php` → `8.1`, `ext-…`). */
  platform: Record<string, string>;
  /** `repositories` as written (a list or an object keyed by name). */
  repositories: unknown;
  /** The whole document, for writing a proposed composer.json that keeps everything it does not change. */
  json: Record<string, unknown>;
}

/** One PHP or .phtml file of the code under check. */
export interface CodeFile {
  /** Relative to root, forward slashes. */
  file: string;
  package: string | null;
  module: string | null;
  /** `custom`: app/code, app/design, path repositories, the extension itself; `vendor`: third-party extensions. */
  origin: 'custom' | 'vendor';
}

export type Edition = 'open-source' | 'commerce' | 'mage-os' | 'b2b' | 'unknown';

export interface MagentoInfo {
  /** e.g. `2.4.6-p3`; null when it cannot be told. */
  version: string | null;
  edition: Edition;
  /** True when the project also installs magento/extension-b2b. */
  b2b: boolean;
  /** Where the version came from: `composer.lock`, `installed.json`, `composer.json`, `magento2-base`, … */
  versionSource: string | null;
  /**
   * The file (relative to the root) and line the version was read from, for findings about the version itself
   * (`composer.lock` at the metapackage's entry, `composer.json` at its exact constraint, …).
   */
  versionFile?: string;
  versionLine?: number;
  /** The metapackage that carries the version, e.g. `magento/product-community-edition`. */
  productPackage: string | null;
  /** Mage-OS: the Magento Open Source release it is based on, when the metapackage says so. */
  upstreamVersion?: string;
}

export type PackageSource = 'core' | 'adobe' | 'third-party' | 'path' | 'root';

export type { Ownership } from '../core/finding.js';

export interface ComposerPackage {
  name: string;
  /** Pretty version as in the lock, e.g. `103.0.6-p3`, `v6.4.3`, `dev-main`. */
  version: string;
  type: string;
  source: PackageSource;
  license: string[];
  /** `true`, or the suggested replacement package name, when the package is marked abandoned. */
  abandoned?: boolean | string;
  require: Record<string, string>;
  requireDev?: Record<string, string>;
  replace?: Record<string, string>;
  conflict?: Record<string, string>;
  provide?: Record<string, string>;
  /** Install path relative to root (vendor/x/y, app/code/…), when known. */
  path?: string;
  description?: string;
  dev?: boolean;
  /** A non-core package Magento itself brings (ownership `bundled`: paypal/module-braintree-core, laminas/*…). */
  bundled?: boolean;
  /** Set by `assignOwnership` (always, after `loadProject`). */
  ownership?: Ownership;
  /** Required by the root composer.json (require or require-dev). */
  direct?: boolean;
  /** Autoloaded files (`autoload.files`), where Magento packages declare their registration.php. */
  autoloadFiles?: string[];
  /** `extra` of metapackages (Mage-OS states the Magento release it is built from in `extra.magento_version`). */
  extra?: Record<string, unknown>;
}

export interface Module {
  /** `Vendor_Module` */
  name: string;
  /** From app/etc/config.php; `null` when config.php does not list it (or is absent: never-installed tree). */
  enabled: boolean | null;
  /** Composer package holding the module, or null for app/code modules without composer.json. */
  package: string | null;
  /** Module directory relative to root. */
  path: string;
  location: 'app-code' | 'vendor' | 'unknown';
  /** True for Magento core (magento/* packages of Adobe). */
  core: boolean;
  setupVersion?: string;
  sequence: string[];
  customizations: Customizations;
  /** False when the customization inventory was not collected (core modules, unless asked for). */
  customizationsScanned?: boolean;
  /** registration.php declaring the module, relative to root. */
  registrationFile?: string;
}

export interface Customizations {
  preferences: Preference[];
  plugins: Plugin[];
  virtualTypes: VirtualType[];
  /** Constructor/argument injection from di.xml `<type name><arguments>` (class names mentioned). */
  typeArguments: DiTypeArguments[];
  observers: Observer[];
  cronJobs: CronJob[];
  dbSchema: DbTable[];
  /** etc/db_schema_whitelist.json, when the module has one. */
  dbSchemaWhitelist?: DbSchemaWhitelist;
  webapiRoutes: WebapiRoute[];
  graphqlSchemas: string[];
  routes: Route[];
  layouts: LayoutFile[];
  templates: string[];
  requirejs: RequireJsConfig[];
  /** The module's own JS (view/<area>/web/**.js, minified files aside), read statically. */
  js?: JsSource[];
  /** Data/schema patches (Setup/Patch) and legacy Install/Upgrade scripts. */
  setupScripts: SetupScript[];
}

export interface SourceRef {
  /** File relative to root. */
  file: string;
  line: number;
}

export interface Preference extends SourceRef {
  for: string;
  type: string;
  /** di.xml area: global, frontend, adminhtml, webapi_rest, graphql, … */
  area: string;
}

export interface Plugin extends SourceRef {
  /** Intercepted class or interface. */
  target: string;
  name: string;
  /** Plugin class or virtualType; undefined when the declaration only disables or reorders. */
  type?: string;
  /** The class behind `type` when `type` names a virtualType of the project (resolved through its chain). */
  class?: string;
  sortOrder?: number;
  disabled: boolean;
  area: string;
  /** before/around/after methods found on the plugin class, filled when its PHP is parsed: `aroundSave` … */
  methods: string[];
}

export interface VirtualType extends SourceRef {
  name: string;
  type: string;
  area: string;
}

export interface DiTypeArguments extends SourceRef {
  type: string;
  /** Class names referenced as argument values (xsi:type="object"). */
  classes: { name: string; line: number }[];
  area: string;
}

export interface Observer extends SourceRef {
  event: string;
  name: string;
  instance: string;
  disabled: boolean;
  area: string;
}

export interface CronJob extends SourceRef {
  group: string;
  name: string;
  instance: string;
  method: string;
  schedule?: string;
}

export interface DbTable extends SourceRef {
  name: string;
  resource?: string;
  engine?: string;
  /** A `disabled="true"` table removes a core table. */
  disabled: boolean;
  columns: DbColumn[];
  constraints: DbConstraint[];
  indexes: DbIndex[];
  /** Every attribute as written (for validation against the target's XSD). */
  attributes?: Record<string, string>;
  /** Child elements other than column, constraint and index. */
  otherChildren?: DbChildElement[];
}

/** A child element of a db_schema.xml table, index or constraint, as written. */
export interface DbChildElement {
  name: string;
  line: number;
  attributes: Record<string, string>;
}

/**
 * A module's db_schema_whitelist.json: per table, per element type (`column`, `index`, `constraint`), the names
 * Magento's declarative installer may drop or change (Diff::canBeRegistered).
 */
export interface DbSchemaWhitelist {
  file: string;
  tables: Record<string, Record<string, Record<string, boolean>>>;
}

export interface DbColumn {
  name: string;
  type: string;
  line: number;
  nullable?: boolean;
  length?: string;
  disabled: boolean;
  /** Every attribute as written (for validation against the target's XSD). */
  attributes?: Record<string, string>;
}

export interface DbConstraint {
  referenceId: string;
  type: string;
  line: number;
  columns: string[];
  referenceTable?: string;
  /** Foreign keys: the column of referenceTable they point at. */
  referenceColumn?: string;
  disabled: boolean;
  /** Every attribute as written (for validation against the target's XSD). */
  attributes?: Record<string, string>;
  /** Every child element as written. */
  children?: DbChildElement[];
}

export interface DbIndex {
  referenceId: string;
  indexType?: string;
  line: number;
  columns: string[];
  disabled: boolean;
  /** Every attribute as written (for validation against the target's XSD). */
  attributes?: Record<string, string>;
  /** Every child element as written. */
  children?: DbChildElement[];
}

export interface WebapiRoute extends SourceRef {
  method: string;
  url: string;
  serviceClass: string;
  serviceMethod: string;
}

export interface Route extends SourceRef {
  area: string;
  id: string;
  frontName: string;
}

export interface LayoutFile {
  file: string;
  area: string;
  handle: string;
  /** Block classes declared in the layout with their lines. */
  blocks: { class: string; name?: string; template?: string; line: number; arguments?: LayoutArgument[] }[];
  references: { kind: 'block' | 'container'; name: string; line: number; arguments?: LayoutArgument[] }[];
  /** `<update handle="…"/>`: other layout handles this file pulls in. */
  updates?: { handle: string; line: number }[];
  /** `<move element="…" destination="…"/>`: blocks or containers moved (either may disappear in a release). */
  moves?: { element: string; destination: string; line: number }[];
  /** Classes named by `<argument xsi:type="object">` and `<item xsi:type="object">` (view models, data providers). */
  objects?: { class: string; argument?: string; line: number }[];
}

/** One `<arguments><argument name xsi:type>` of a block or referenceBlock: the data the block's template reads. */
export interface LayoutArgument {
  name: string;
  /** `xsi:type` as written (`string`, `object`, `array`…). */
  type: string;
  /** The class of an `object` argument (a view model). */
  class?: string;
  line: number;
}

export interface RequireJsConfig {
  file: string;
  /** `line` is the mixin's own entry; `targetLine` the key of the module it wraps (findings about the target). */
  mixins: { target: string; mixin: string; line: number; targetLine?: number }[];
  map: { from: string; to: string; line: number }[];
  /**
   * `to` is the (first) path; `fallbacks` the paths after it when the value is an array: RequireJS tries them in
   * order when the one before fails to load (null: an element that is not a string literal, so not known).
   */
  paths: { from: string; to: string; line: number; fallbacks?: (string | null)[] }[];
}

/** One JS file of a module or theme: what it loads through RequireJS and which removed jQuery APIs it calls. */
export interface JsSource {
  file: string;
  /** `frontend`, `adminhtml` or `base`: where its ids are resolved. */
  area: string;
  /** `define([...])`, `require([...])` and `require('id')` dependency ids (string literals only). */
  dependencies: { id: string; line: number }[];
  /** `.size()`, `.andSelf()`, `.live()`, `.die()`, `$.browser`, `$.sub()` uses (files that use jQuery). */
  jqueryApis: { api: string; line: number }[];
  /**
   * Names of the functions the file defines as properties (`name: function`, `name() {}`, `X.prototype.name = …`):
   * a widget's or component's methods, and a mixin's own.
   */
  methods: string[];
  /** Methods called on `this` (or a variable holding it: `var self = this`), first line of each name. */
  thisCalls: { name: string; line: number }[];
}

export interface SetupScript {
  file: string;
  kind:
    'data-patch' | 'schema-patch' | 'install-schema' | 'upgrade-schema' | 'install-data' | 'upgrade-data' | 'recurring';
  class?: string;
}

export interface Theme {
  /** `frontend/Vendor/name` */
  code: string;
  area: 'frontend' | 'adminhtml';
  title?: string;
  /** Parent code, e.g. `Magento/luma` (as in theme.xml). */
  parent: string | null;
  /** Full chain from this theme's parent up to the root theme. */
  parentChain: string[];
  path: string;
  package: string | null;
  location: 'app-design' | 'vendor';
  /** Hyvä themes and their fallbacks are handled differently from Luma. */
  hyva: boolean;
  /** Files overriding a module's templates/layouts/web assets: `Magento_Catalog/templates/product/view.phtml`. */
  overrides: ThemeOverride[];
  /** Layout files of the theme with their blocks and references (themes not shipped by Magento). */
  layouts?: LayoutFile[];
  /** requirejs-config.js files of the theme (root and `Vendor_Module/`), read statically. */
  requirejs?: RequireJsConfig[];
  /** JS files of the theme (`web/**.js`, `Vendor_Module/web/**.js`), read statically. */
  js?: JsSource[];
}

export interface ThemeOverride {
  /** File relative to root. */
  file: string;
  /** Module whose file is overridden, e.g. `Magento_Catalog`; null for theme-level web files. */
  module: string | null;
  kind: 'template' | 'layout' | 'layout-override' | 'web' | 'email' | 'other';
  /** Path inside the module's view/<area>/ directory, e.g. `templates/product/view.phtml`. */
  modulePath: string;
}

export interface LanguagePack {
  code: string;
  package: string | null;
  path: string;
}

/** Services from app/etc/env.php. Secrets are never stored here: only their presence. */
export interface Services {
  present: boolean;
  mode?: string;
  adminFrontName?: string;
  db?: {
    host?: string;
    dbname?: string;
    username?: string;
    /** Always '***' when a password is set. */
    password?: '***';
    tablePrefix?: string;
    engine?: string;
  };
  cache?: { frontend: Record<string, { backend: string; server?: string }> };
  pageCache?: { backend: string; server?: string };
  session?: { save: string; server?: string };
  queue?: { amqp?: { host?: string; port?: string }; consumersWaitForMessages?: boolean };
  searchEngine?: { engine: string; host?: string; port?: string; source: 'env.php' | 'config.php' };
  lock?: { provider: string };
  /** Dotted env.php paths of secrets that are set (`db.connection.default.password`, `crypt.key`…): never their values. */
  secretsPresent?: string[];
  /** Unevaluated expressions and other issues are in ProjectModel.problems. */
}

export interface StoreScopes {
  websites: { id: number; code: string; name: string; defaultGroupId?: number }[];
  groups: { id: number; websiteId: number; code: string; name: string; rootCategoryId?: number }[];
  stores: { id: number; code: string; websiteId: number; groupId: number; name: string; active: boolean }[];
}

export interface BaseUrlSetting {
  scope: 'default' | 'websites' | 'stores';
  /** Website or store view code; '' for default. */
  code: string;
  unsecure?: string;
  secure?: string;
}

export interface Patch {
  /** Package the patch applies to. */
  target: string;
  description: string;
  /** Patch file or URL (URLs shown without credentials). */
  source: string;
  tool: 'cweagans' | 'vaimo' | 'm2-hotfixes' | 'quality-patches';
  /** Where it is declared. */
  declaredIn: string;
}
