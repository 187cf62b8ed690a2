// The Magento files a project's customizations sit on, at one version: hashes from the shipped file-hash index, or
// hashes and content from a real vendor tree (`--baseline-vendor`/`--target-vendor`). Rules compare two of these.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Problem } from '../../core/problem.js';
import { LoadContext } from '../../project/context.js';
import type { ProjectModel } from '../../project/model.js';
import { JS_SOURCE_MAX_BYTES, readJsSource } from '../../project/customizations/js-source.js';
import { vendorTreeRegistrations } from '../../project/registration.js';
import { declaredLayoutNames, declaredPreferences, diArea, HASH_LENGTH } from '../../knowledge/file-hashes/format.js';
import type { FileHashIndex, PackageFiles } from '../../knowledge/file-hashes/index.js';
import type { JsRelease } from '../../knowledge/js-modules/index.js';
import type { LayoutArgumentRelease } from '../../knowledge/layout-arguments/index.js';
import { meaningfulHash, sameIgnoringComments } from './meaningful.js';

/** `Magento_Catalog` (module), `frontend/Magento/luma` (theme) or `lib` (lib/web of magento2-base). */
export type Component = string;

/** One `<preference>` of a core di.xml. */
export interface CorePreference {
  for: string;
  type: string;
  /** `global` (etc/di.xml, app/etc/di.xml) or the area folder (`frontend`, `adminhtml`, `webapi_rest`…). */
  area: string;
  /** Whose di.xml declares it (`lib` for magento2-base's app/etc/di.xml). */
  component: Component;
}

/** Preferences keyed by the lower-cased `for` type (PHP class names are case-insensitive). */
export type CorePreferences = Map<string, CorePreference[]>;

function addPreference(into: CorePreferences, preference: CorePreference): void {
  const key = preference.for.toLowerCase();
  into.set(key, [...(into.get(key) ?? []), preference]);
}

export interface ReleaseFiles {
  /** What this is, for messages: `2.4.8`, `vendor tree /path`. */
  label: string;
  source: 'knowledge' | 'vendor';
  hasComponent(component: Component): boolean;
  /** Short content hash of a file of a component (path inside it), undefined when absent. */
  hash(component: Component, path: string): string | undefined;
  /** File content: vendor trees only. */
  text?(component: Component, path: string): string | undefined;
  /**
   * Hash of the file's text without comments and whitespace (`meaningfulHash`): computed from the text in vendor
   * trees, shipped by the index for files that change across versions. Undefined when unknown.
   */
  meaningfulHash?(component: Component, path: string): string | undefined;
  /** Layout blocks and containers declared anywhere. */
  layoutNames(): Map<string, 'block' | 'container'>;
  /** Layout handles (layout file names without .xml) anywhere. */
  layoutHandles(): Set<string>;
  /**
   * The component whose layouts declare a block/container name or handle (first one found): "absent from the target"
   * means removed only when the target holds that component at all.
   */
  layoutOwner(nameOrHandle: string, kind: 'name' | 'handle'): Component | undefined;
  /** The `<preference>`s of every core di.xml (modules' etc/ and etc/<area>/, magento2-base's app/etc/di.xml). */
  preferences(): CorePreferences;
  /** Core RequireJS aliases and jQuery of the release (shipped JS index), when it covers the release. */
  js?: JsRelease;
  /** Data keys core templates read and the view models core layouts pass them (shipped index), when it covers the release. */
  layoutArguments?: LayoutArgumentRelease;
}

/**
 * The functions a core JS file defines as properties (a widget's or component's methods; `path` as `hash` takes it):
 * parsed from the tree's text when the release files have text (vendor trees), else the shipped JS index's;
 * undefined when neither holds the file or it does not parse.
 */
export function jsMethods(files: ReleaseFiles, component: Component, path: string): Set<string> | undefined {
  const text = files.text?.(component, path);
  if (text === undefined) return files.js?.methods(component, path);
  // readJsSource leaves bundled libraries unparsed: no methods known, not none.
  if (text.length > JS_SOURCE_MAX_BYTES) return undefined;
  const problems: Problem[] = [];
  const parsed = readJsSource(text, path, 'base', problems);
  return problems.length > 0 ? undefined : new Set(parsed.methods);
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * How a file that differs between two releases is known to differ only in comments, whitespace or blank lines:
 * `texts` when both texts are at hand (vendor trees) and say so, `hashes` when only meaningful hashes are (the shipped
 * index: no text to diff), undefined when the change is not shown to be cosmetic.
 */
export function cosmeticChange(
  current: ReleaseFiles,
  target: ReleaseFiles,
  component: Component,
  path: string,
): 'texts' | 'hashes' | undefined {
  const before = current.text?.(component, path);
  const after = target.text?.(component, path);
  if (before !== undefined && after !== undefined)
    return sameIgnoringComments(before, after, path) ? 'texts' : undefined;
  const a = current.meaningfulHash?.(component, path);
  return a !== undefined && a === target.meaningfulHash?.(component, path) ? 'hashes' : undefined;
}

/** git's blob sha1, the same hash the index stores, so vendor trees and the index compare directly. */
export function gitBlobHash(bytes: Buffer): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex').slice(0, HASH_LENGTH);
}

/** From the index, for a set of package versions (a release's, or the project's lock). */
export function releaseFilesFromIndex(
  index: FileHashIndex,
  packages: Record<string, string>,
  label: string,
  /** Versions to use for a package whose version in `packages` the index does not hold (a stand-in release's). */
  fallback?: Record<string, string>,
): ReleaseFiles {
  const byComponent = new Map<Component, PackageFiles>();
  const all: PackageFiles[] = [];
  for (const [pkg, version] of Object.entries(packages)) {
    if (!pkg.startsWith('magento/')) continue;
    const alternative = fallback?.[pkg];
    const files =
      index.packageFiles(pkg, version) ??
      (alternative !== undefined ? index.packageFiles(pkg, alternative) : undefined);
    if (!files) continue;
    all.push(files);
    if (files.component) byComponent.set(files.component, files);
    if (pkg === 'magento/magento2-base') byComponent.set('lib', files);
  }
  const componentOf = (p: PackageFiles): Component =>
    p.component ?? (p.package === 'magento/magento2-base' ? 'lib' : p.package);
  let names: Map<string, 'block' | 'container'> | undefined;
  let handles: Set<string> | undefined;
  let owners: { name: Map<string, Component>; handle: Map<string, Component> } | undefined;
  let preferences: CorePreferences | undefined;
  return {
    label,
    source: 'knowledge',
    hasComponent: (c) => byComponent.has(c),
    hash: (c, path) => byComponent.get(c)?.hashes.get(c === 'lib' ? `lib/web/${path}` : path),
    meaningfulHash: (c, path) => byComponent.get(c)?.meaningful.get(c === 'lib' ? `lib/web/${path}` : path),
    layoutNames() {
      if (!names) {
        names = new Map();
        for (const p of all) for (const [n, k] of p.layoutNames) names.set(n, k);
      }
      return names;
    },
    layoutHandles() {
      handles ??= collectHandles(all.flatMap((p) => [...p.hashes.keys()]));
      return handles;
    },
    layoutOwner(key, kind) {
      if (!owners) {
        owners = { name: new Map(), handle: new Map() };
        for (const p of all) {
          for (const n of p.layoutNames.keys()) if (!owners.name.has(n)) owners.name.set(n, componentOf(p));
          for (const h of collectHandles([...p.hashes.keys()]))
            if (!owners.handle.has(h)) owners.handle.set(h, componentOf(p));
        }
      }
      return owners[kind].get(key);
    },
    preferences() {
      if (!preferences) {
        preferences = new Map();
        for (const p of all)
          for (const [key, type] of p.preferences) {
            const colon = key.indexOf(':');
            addPreference(preferences, {
              for: key.slice(colon + 1),
              type,
              area: key.slice(0, colon),
              component: componentOf(p),
            });
          }
      }
      return preferences;
    },
  };
}

function collectHandles(paths: string[]): Set<string> {
  const out = new Set<string>();
  for (const path of paths) {
    const m = /(?:^|\/)layout\/([^/]+)\.xml$/.exec(path);
    if (m) out.add(m[1]!);
  }
  return out;
}

/**
 * From a vendor directory (`vendor/` of a real install): components are placed by their registrations, read by the
 * project model's engine (`vendorTreeRegistrations`), so a theme or module registered from a subfolder
 * (`__DIR__ . '/theme'`, `src/registration.php`) is found as `audit` finds it; a package without any registration is
 * still placed by its `etc/module.xml`. Files are hashed only when asked for. Unreadable registrations go to `problems`.
 */
export function releaseFilesFromVendor(
  vendorDir: string,
  label = `vendor tree ${vendorDir}`,
  problems?: Problem[],
): ReleaseFiles {
  if (!existsSync(vendorDir) || !statSync(vendorDir).isDirectory())
    throw new Error(`${vendorDir} is not a directory (expected a vendor/ tree of a Magento install)`);
  const ctx = new LoadContext(vendorDir);
  const roots = new Map<Component, string>();
  const registered = new Set<string>();
  for (const reg of vendorTreeRegistrations(ctx)) {
    if (reg.type !== 'module' && reg.type !== 'theme') continue;
    registered.add(dirname(reg.file).split('/').slice(0, 2).join('/'));
    if (!roots.has(reg.name)) roots.set(reg.name, join(vendorDir, reg.dir));
  }
  problems?.push(...ctx.problems);
  for (const vendor of safeList(vendorDir)) {
    for (const name of safeList(join(vendorDir, vendor))) {
      const dir = join(vendorDir, vendor, name);
      if (vendor === 'magento' && name === 'magento2-base') roots.set('lib', join(dir, 'lib/web'));
      if (registered.has(`${vendor}/${name}`)) continue;
      const moduleXml = readOrUndefined(join(dir, 'etc/module.xml'));
      const module = moduleXml && /<module\b[^>]*\bname\s*=\s*"([^"]+)"/.exec(moduleXml)?.[1];
      if (module && !roots.has(module)) roots.set(module, dir);
    }
  }
  return releaseFilesFromRoots(roots, label);
}

/**
 * The project's own installed components (modules and themes outside app/, as the project model placed them) as
 * release files: the model's registrations are the one source of where each component lives.
 */
export function releaseFilesFromProject(model: ProjectModel, label: string): ReleaseFiles {
  const roots = new Map<Component, string>();
  const installed = (path: string) => !path.startsWith('app/');
  for (const m of model.modules)
    if (m.registrationFile && installed(m.path)) roots.set(m.name, join(model.root, m.path));
  for (const t of model.themes) if (installed(t.path)) roots.set(t.code, join(model.root, t.path));
  const base = model.packages.find((p) => p.name === 'magento/magento2-base');
  if (base?.path) roots.set('lib', join(model.root, base.path, 'lib/web'));
  return releaseFilesFromRoots(roots, label);
}

/** Release files over component directories (component → absolute directory). */
export function releaseFilesFromRoots(roots: Map<Component, string>, label: string): ReleaseFiles {
  const hashes = new Map<string, string | undefined>();
  const fileOf = (c: Component, path: string) => (roots.has(c) ? join(roots.get(c)!, path) : undefined);
  let names: Map<string, 'block' | 'container'> | undefined;
  let layoutFiles: string[] | undefined;
  const layoutComponent = new Map<string, Component>();
  const layouts = () => {
    if (!layoutFiles) {
      layoutFiles = [];
      for (const [c, root] of roots) {
        if (c === 'lib') continue;
        const before = layoutFiles.length;
        walk(root, '', layoutFiles, (p) => /(^|\/)layout\/.+\.xml$/.test(p));
        for (const file of layoutFiles.slice(before)) layoutComponent.set(file, c);
      }
    }
    return layoutFiles;
  };
  let owners: { name: Map<string, Component>; handle: Map<string, Component> } | undefined;
  let preferences: CorePreferences | undefined;
  return {
    label,
    source: 'vendor',
    hasComponent: (c) => roots.has(c),
    preferences() {
      if (!preferences) {
        preferences = new Map();
        for (const [c, root] of roots) {
          // lib is magento2-base's lib/web: the framework's preferences are in its app/etc/di.xml.
          const files =
            c === 'lib'
              ? [{ file: join(root, '../../app/etc/di.xml'), area: 'global' }]
              : diFiles(root).map((path) => ({ file: join(root, path), area: diArea(path)! }));
          for (const { file, area } of files)
            for (const p of declaredPreferences(readOrUndefined(file) ?? ''))
              addPreference(preferences, { ...p, area, component: c });
        }
      }
      return preferences;
    },
    hash(c, path) {
      const file = fileOf(c, path);
      if (!file) return undefined;
      if (!hashes.has(file)) {
        let bytes: Buffer | undefined;
        try {
          bytes = readFileSync(file);
        } catch {
          bytes = undefined;
        }
        hashes.set(file, bytes ? gitBlobHash(bytes) : undefined);
      }
      return hashes.get(file);
    },
    text(c, path) {
      const file = fileOf(c, path);
      return file ? readOrUndefined(file) : undefined;
    },
    meaningfulHash(c, path) {
      const text = this.text?.(c, path);
      return text === undefined ? undefined : meaningfulHash(text, path);
    },
    layoutNames() {
      if (!names) {
        names = new Map();
        for (const file of layouts())
          for (const d of declaredLayoutNames(readOrUndefined(file) ?? '')) names.set(d.name, d.kind);
      }
      return names;
    },
    layoutHandles: () => collectHandles(layouts()),
    layoutOwner(key, kind) {
      if (!owners) {
        owners = { name: new Map(), handle: new Map() };
        for (const file of layouts()) {
          const c = layoutComponent.get(file)!;
          for (const d of declaredLayoutNames(readOrUndefined(file) ?? ''))
            if (!owners.name.has(d.name)) owners.name.set(d.name, c);
          for (const h of collectHandles([file])) if (!owners.handle.has(h)) owners.handle.set(h, c);
        }
      }
      return owners[kind].get(key);
    },
  };
}

/** etc/di.xml and etc/<area>/di.xml of a module directory, relative to it. */
function diFiles(root: string): string[] {
  const out = existsSync(join(root, 'etc/di.xml')) ? ['etc/di.xml'] : [];
  for (const area of safeList(join(root, 'etc')))
    if (existsSync(join(root, 'etc', area, 'di.xml'))) out.push(`etc/${area}/di.xml`);
  return out;
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() || e.isSymbolicLink())
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

function readOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function walk(root: string, rel: string, out: string[], keep: (path: string) => boolean): void {
  let entries;
  try {
    entries = readdirSync(join(root, rel), { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const path = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) {
      if (e.name !== 'Test' && e.name !== 'node_modules') walk(root, path, out, keep);
    } else if (keep(path)) out.push(join(root, path));
  }
}

/**
 * The project's own vendor/ first (real content, so diffs and identical-copy checks), the index for whatever the
 * vendor tree lacks (a partial or stub vendor/ must not make core files look absent).
 */
export function layerReleaseFiles(primary: ReleaseFiles, fallback: ReleaseFiles): ReleaseFiles {
  let preferences: CorePreferences | undefined;
  let names: Map<string, 'block' | 'container'> | undefined;
  let handles: Set<string> | undefined;
  return {
    label: primary.label,
    source: primary.source,
    hasComponent: (c) => primary.hasComponent(c) || fallback.hasComponent(c),
    hash: (c, path) => primary.hash(c, path) ?? fallback.hash(c, path),
    text: (c, path) => primary.text?.(c, path),
    meaningfulHash: (c, path) =>
      primary.hash(c, path) !== undefined ? primary.meaningfulHash?.(c, path) : fallback.meaningfulHash?.(c, path),
    layoutNames() {
      names ??= new Map([...fallback.layoutNames(), ...primary.layoutNames()]);
      return names;
    },
    layoutHandles() {
      handles ??= new Set([...fallback.layoutHandles(), ...primary.layoutHandles()]);
      return handles;
    },
    layoutOwner: (key, kind) => primary.layoutOwner(key, kind) ?? fallback.layoutOwner(key, kind),
    preferences() {
      // A component the primary tree holds speaks for itself; the index fills in the components it lacks.
      preferences ??= new Map(
        [...new Set([...fallback.preferences().keys(), ...primary.preferences().keys()])].map((key) => [
          key,
          [
            ...(primary.preferences().get(key) ?? []),
            ...(fallback.preferences().get(key) ?? []).filter((p) => !primary.hasComponent(p.component)),
          ],
        ]),
      );
      return preferences;
    },
  };
}

/** From file contents held in memory (component → path → content): tests and callers with their own source. */
export function releaseFilesFromMemory(
  label: string,
  components: Record<Component, Record<string, string>>,
): ReleaseFiles {
  const all = Object.entries(components).flatMap(([c, files]) => Object.keys(files).map((p) => ({ c, p })));
  return {
    label,
    source: 'vendor',
    hasComponent: (c) => c in components,
    hash: (c, path) => {
      const text = components[c]?.[path];
      return text === undefined ? undefined : gitBlobHash(Buffer.from(text));
    },
    text: (c, path) => components[c]?.[path],
    meaningfulHash(c, path) {
      const text = components[c]?.[path];
      return text === undefined ? undefined : meaningfulHash(text, path);
    },
    layoutNames() {
      const names = new Map<string, 'block' | 'container'>();
      for (const { c, p } of all)
        if (/(^|\/)layout\/.+\.xml$/.test(p))
          for (const d of declaredLayoutNames(components[c]![p]!)) names.set(d.name, d.kind);
      return names;
    },
    layoutHandles: () => collectHandles(all.map((x) => x.p)),
    preferences() {
      const preferences: CorePreferences = new Map();
      for (const { c, p } of all) {
        const area = diArea(p);
        if (area)
          for (const d of declaredPreferences(components[c]![p]!))
            addPreference(preferences, { ...d, area, component: c });
      }
      return preferences;
    },
    layoutOwner(key, kind) {
      for (const { c, p } of all) {
        if (!/(^|\/)layout\/.+\.xml$/.test(p)) continue;
        if (
          kind === 'handle'
            ? collectHandles([p]).has(key)
            : declaredLayoutNames(components[c]![p]!).some((d) => d.name === key)
        )
          return c;
      }
      return undefined;
    },
  };
}
