import { existsSync } from 'node:fs';
import { ProblemLog } from '../core/problem.js';
import type { Problem } from '../core/problem.js';
import type { CodeFile, ComposerPackage, Module, ProjectModel } from './model.js';
import { LoadContext, isRecord, str } from './context.js';
import type { LoadProgress } from './context.js';
import { readComposer, toPackage } from './composer.js';
import { assignOwnership } from './ownership.js';
import type { ComposerState } from './composer.js';
import { collectCustomizations } from './customizations/index.js';
import { detectMagento } from './magento-version.js';
import { buildModules } from './modules.js';
import { evaluatePhpArrayFile, isPhpArray, phpGet, phpString } from './php-array.js';
import type { PhpValue } from './php-array.js';
import { readPatches } from './patches.js';
import { readPatchEvidence } from './patch-evidence.js';
import type { PatchLevelsFile } from '../knowledge/patch-levels.js';
import { fillPluginMethods } from './plugin-methods.js';
import { findRegistrations, parseRegistration } from './registration.js';
import type { Registration } from './registration.js';
import { detectRoot } from './root.js';
import { readServices } from './services.js';
import { readStores } from './stores.js';
import { readBaseUrls } from './base-urls.js';
import { buildLanguagePacks, buildThemes } from './themes.js';
import { walkFiles } from './walk.js';
import type { WalkedFile } from './walk.js';

export type { LoadProgress } from './context.js';
export { NotMagentoProjectError } from './root.js';

export interface LoadOptions {
  onProgress?(e: LoadProgress): void;
  /**
   * Also collect the customization inventory of core Magento modules (their di.xml, layouts…). Off by default: the
   * inventory is about the code under check, and core XML is most of the XML of a tree.
   */
  coreCustomizations?: boolean;
  /** The Commerce Version Tool's JSON report (`php vendor/bin/patch-status > FILE`), to read with the patch level. */
  patchStatus?: string;
  /** Patch-level data to probe files with (tests); default: the shipped data. */
  patchLevels?: PatchLevelsFile;
}

/** Package types that are Magento extensions: their code is checked as third-party code. */
const MAGENTO_TYPES = /^magento2?-(module|theme|library|component|language)$/;
// `.mageup` is MageUp's own data (history, index): never part of the project under analysis.
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.svn', '.hg', '.idea', '.mageup']);
/** Root packages of a clone of the Magento source repositories, where core modules live in app/code/Magento. */
const SOURCE_CHECKOUTS = new Set(['magento/magento2ce', 'magento/magento2ee', 'mage-os/mageos-magento2']);

/**
 * Reads a Magento project (or one extension) into a `ProjectModel`, from files only: nothing of the project is
 * executed. Never throws for bad input inside a project — every problem is listed in `model.problems` — and throws
 * `NotMagentoProjectError` when the path is neither a Magento project nor an extension.
 */
export async function loadProject(path: string, opts: LoadOptions = {}): Promise<ProjectModel> {
  const detected = detectRoot(path);
  const ctx = new LoadContext(detected.root, opts.onProgress);
  ctx.progress({ phase: 'root' });
  const extension = detected.kind === 'extension';

  ctx.progress({ phase: 'composer' });
  const composer = readComposer(ctx);
  if (!composer.rootJson && !extension) {
    ctx.problem({
      code: 'composer-json-missing',
      level: 'warning',
      file: 'composer.json',
      message: 'composer.json is missing or unusable: root requirements and patches are unknown',
    });
  }
  if (extension) addRootPackage(composer);
  assignOwnership(composer.packages, composer.rootRequire, composer.rootRequireDev);
  const packagesByName = new Map(composer.packages.map((p) => [p.name, p]));
  const magento = extension
    ? { version: null, edition: 'unknown' as const, b2b: false, versionSource: null, productPackage: null }
    : detectMagento(ctx, composer);

  ctx.progress({ phase: 'config' });
  const config = extension ? undefined : await readPhpConfig(ctx, 'app/etc/config.php');
  const env = extension ? undefined : await readPhpConfig(ctx, 'app/etc/env.php');
  const configPhpPresent = config !== undefined;
  if (!extension && !configPhpPresent && !ctx.exists('app/etc/config.php')) {
    ctx.problem({
      code: 'config-php-missing',
      level: 'warning',
      file: 'app/etc/config.php',
      message:
        'app/etc/config.php is absent (a tree that was never installed): module states are unknown, modules come from their registrations only',
    });
  }

  ctx.progress({ phase: 'modules' });
  const registrations = extension ? extensionRegistrations(ctx, composer) : findRegistrations(ctx, composer.packages);
  const sourceCheckout = SOURCE_CHECKOUTS.has(str(composer.rootJson?.name) ?? '');
  const modules = buildModules(ctx, registrations, packagesByName, moduleStates(ctx, config), {
    sourceCheckout,
    // Without vendor/, modules of packages cannot be registered: that is one problem (vendor-missing), not hundreds.
    reportUnregistered: composer.vendorInstalled,
  });

  ctx.progress({ phase: 'code-files' });
  const { codeFiles, walked } = listCodeFiles(ctx, extension, composer, registrations, modules);

  ctx.progress({ phase: 'customizations' });
  const scanned = modules.filter(
    (m) => m.registrationFile !== undefined && (extension || !m.core || opts.coreCustomizations),
  );
  scanned.forEach((module, i) => {
    const files = filesUnder(walked, module.path) ?? walkModule(ctx, module);
    module.customizations = collectCustomizations(ctx, module.name, module.path, files);
    module.customizationsScanned = true;
    ctx.progress({ phase: 'customizations', done: i + 1, total: scanned.length });
  });
  for (const module of modules) module.customizationsScanned ??= false;
  fillPluginMethods(ctx, modules);

  ctx.progress({ phase: 'themes' });
  const corePackages = new Set(
    composer.packages.filter((p) => p.source === 'core' || p.source === 'adobe').map((p) => p.name),
  );
  const themes = buildThemes(ctx, registrations, new Set(), corePackages);
  const languagePacks = buildLanguagePacks(ctx, registrations);
  const patches = readPatches(ctx, composer.rootJson);
  const patchEvidence = extension
    ? undefined
    : readPatchEvidence(ctx, patches, composer.packages, opts.patchStatus, opts.patchLevels);

  const problems = new ProblemLog();
  for (const p of dedupe(ctx.problems)) problems.add(p);
  ctx.progress({ phase: 'done' });
  return {
    root: detected.root,
    kind: detected.kind,
    magento,
    packages: composer.packages,
    rootRequire: composer.rootRequire,
    rootRequireDev: composer.rootRequireDev,
    ...(composer.rootComposer ? { rootComposer: composer.rootComposer } : {}),
    modules,
    themes,
    languagePacks,
    services: readServices(env, config),
    stores: readStores(config),
    ...(extension ? {} : { baseUrls: readBaseUrls(config, env) }),
    patches,
    ...(patchEvidence ? { patchEvidence } : {}),
    problems: problems.all,
    codeFiles,
    ...(extension ? {} : { configPhpPresent, vendorInstalled: composer.vendorInstalled }),
  };
}

async function readPhpConfig(ctx: LoadContext, file: string): Promise<PhpValue | undefined> {
  const text = ctx.readText(file);
  if (text === undefined) return undefined;
  const result = await evaluatePhpArrayFile(text, file);
  for (const p of result.problems) ctx.problem(p);
  return result.value;
}

/** config.php `modules`: name → enabled. Undefined when config.php is absent or has no modules list. */
function moduleStates(ctx: LoadContext, config: PhpValue | undefined): Map<string, boolean> | undefined {
  if (config === undefined) return undefined;
  const list = phpGet(config, 'modules');
  if (!isPhpArray(list)) {
    ctx.problem({
      code: 'config-php-no-modules',
      level: 'warning',
      file: 'app/etc/config.php',
      message: 'app/etc/config.php has no `modules` list: module states are unknown',
    });
    return undefined;
  }
  const states = new Map<string, boolean>();
  for (const [name, value] of Object.entries(list)) states.set(name, phpString(value) === '1' || value === true);
  return states;
}

/** An extension analysed on its own is its own root package. */
function addRootPackage(composer: ComposerState): void {
  const pkg = composer.rootJson ? toPackage(composer.rootJson, false) : undefined;
  if (!pkg) return;
  pkg.source = 'root';
  pkg.path = '';
  composer.packages = [pkg, ...composer.packages.filter((p) => p.name !== pkg.name)];
}

/** Registrations of an extension: its autoloaded registration.php files, else any registration.php below it. */
function extensionRegistrations(ctx: LoadContext, composer: ComposerState): Registration[] {
  const rootName = str(composer.rootJson?.name)?.toLowerCase() ?? null;
  const autoload = isRecord(composer.rootJson?.autoload) ? composer.rootJson.autoload : {};
  const declared = Array.isArray(autoload.files)
    ? autoload.files.filter((f): f is string => typeof f === 'string' && f.endsWith('registration.php'))
    : [];
  const files = declared.length
    ? declared.map((f) => f.replace(/^\.\//, ''))
    : walkFiles(ctx.root, {
        root: ctx.root,
        problems: [],
        enterDir: (name, rel) => !SKIPPED_DIRS.has(name) && name !== composer.vendorDir && rel.split('/').length <= 4,
        acceptFile: (name) => name === 'registration.php',
      }).map((f) => f.path);
  return files.flatMap((f) => parseRegistration(ctx, f, rootName)).sort((a, b) => (a.dir < b.dir ? -1 : 1));
}

/**
 * Lists the PHP/.phtml files of the code under check, walking each code root once. The complete walk (all files) is
 * returned too so module inventories reuse it instead of listing the same directories again.
 */
function listCodeFiles(
  ctx: LoadContext,
  extension: boolean,
  composer: ComposerState,
  registrations: Registration[],
  modules: Module[],
): { codeFiles: CodeFile[]; walked: WalkedFile[] } {
  const roots: { dir: string; pkg: ComposerPackage | null; origin: CodeFile['origin'] }[] = [];
  if (extension) {
    roots.push({
      dir: '',
      pkg: composer.packages[0]?.source === 'root' ? composer.packages[0] : null,
      origin: 'custom',
    });
  } else {
    roots.push({ dir: 'app/code', pkg: null, origin: 'custom' }, { dir: 'app/design', pkg: null, origin: 'custom' });
    const registering = new Set(registrations.map((r) => r.package).filter((p): p is string => p !== null));
    for (const pkg of composer.packages) {
      if (!pkg.path || pkg.source === 'core' || pkg.source === 'adobe' || pkg.source === 'root') continue;
      if (pkg.source === 'path') roots.push({ dir: pkg.path, pkg, origin: 'custom' });
      else if (MAGENTO_TYPES.test(pkg.type) || registering.has(pkg.name))
        roots.push({ dir: pkg.path, pkg, origin: 'vendor' });
    }
  }
  // Core modules inside app/code (a clone of the Magento repository) are not code under check.
  const coreDirs = new Set(modules.filter((m) => m.core && m.location === 'app-code').map((m) => m.path));
  const visited = new Set<string>();
  const walked: WalkedFile[] = [];
  const codeFiles: CodeFile[] = [];
  const modulesByDepth = modules.filter((m) => m.path).sort((a, b) => b.path.length - a.path.length);
  for (const root of roots) {
    if (!existsSync(ctx.abs(root.dir))) continue; // app/code and app/design are optional
    const files = walkFiles(ctx.abs(root.dir), {
      root: ctx.root,
      problems: ctx.problems,
      visited,
      enterDir: (name, rel) =>
        !SKIPPED_DIRS.has(name) && !(extension && rel === composer.vendorDir) && !coreDirs.has(rel),
    });
    const unregistered = root.dir === 'app/code' ? unregisteredModuleDirs(ctx, files, modules) : new Set<string>();
    for (const f of files) {
      walked.push(f);
      if (!f.path.endsWith('.php') && !f.path.endsWith('.phtml')) continue;
      const module = modulesByDepth.find((m) => f.path.startsWith(`${m.path}/`)) ?? null;
      if (!module && unregistered.has(f.path.split('/').slice(0, 4).join('/'))) continue;
      codeFiles.push({
        file: f.path,
        package: root.pkg?.name ?? module?.package ?? null,
        module: module?.name ?? null,
        origin: root.origin,
      });
    }
  }
  walked.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  codeFiles.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { codeFiles, walked };
}

/**
 * Module directories of app/code (`app/code/Vendor/Name` with etc/module.xml) that have no registration.php, such as a
 * module switched off by renaming it to `registration.php--` or a backup copy (`Vendor/NameBK`): Magento never loads
 * them, so their code is not the store's running code and is left out of the check (said once as a problem).
 */
function unregisteredModuleDirs(ctx: LoadContext, files: WalkedFile[], modules: Module[]): Set<string> {
  const paths = new Set(files.map((f) => f.path));
  const registered = new Set(modules.map((m) => m.path));
  const dirs = new Set<string>();
  for (const f of files) {
    const m = /^(app\/code\/[^/]+\/[^/]+)\/etc\/module\.xml$/.exec(f.path);
    if (!m) continue;
    const dir = m[1]!;
    if (registered.has(dir) || paths.has(`${dir}/registration.php`)) continue;
    dirs.add(dir);
    ctx.problem({
      code: 'module-unregistered',
      level: 'warning',
      file: `${dir}/etc/module.xml`,
      message: `${dir} has etc/module.xml but no registration.php: Magento never loads this module, so its code is not checked`,
    });
  }
  return dirs;
}

/** The already-walked files below `dir`, or undefined when that directory was not walked. */
function filesUnder(walked: WalkedFile[], dir: string): WalkedFile[] | undefined {
  const prefix = dir ? `${dir}/` : '';
  let lo = 0;
  let hi = walked.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((walked[mid]?.path ?? '') < prefix) lo = mid + 1;
    else hi = mid;
  }
  const out: WalkedFile[] = [];
  for (let i = lo; i < walked.length && (walked[i]?.path ?? '').startsWith(prefix); i++)
    out.push(walked[i] as WalkedFile);
  return out.length > 0 ? out : undefined;
}

function walkModule(ctx: LoadContext, module: Module): WalkedFile[] {
  return walkFiles(ctx.abs(module.path), {
    root: ctx.root,
    problems: ctx.problems,
    enterDir: (name) => !SKIPPED_DIRS.has(name),
  });
}

/** The same problem found twice (a file read by two phases) is listed once. */
function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.code}\0${p.file ?? ''}\0${p.line ?? 0}\0${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
