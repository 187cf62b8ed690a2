import { dirname, posix } from 'node:path';
import type { ComposerPackage } from './model.js';
import type { LoadContext } from './context.js';
import { listDirs } from './walk.js';

export type ComponentType = 'module' | 'theme' | 'language' | 'library' | 'setup';

/** One `ComponentRegistrar::register(...)` call found in a registration.php. */
export interface Registration {
  type: ComponentType;
  /** `Vendor_Module`, `frontend/Vendor/theme`, `vendor_de_de`, `magento/framework`… */
  name: string;
  /** Component directory relative to root. */
  dir: string;
  /** registration.php relative to root. */
  file: string;
  /** Composer package that holds the file; null for app/code, app/design, app/i18n without composer.json. */
  package: string | null;
}

// ComponentRegistrar::register(ComponentRegistrar::MODULE, 'Vendor_Module', __DIR__ [. '/sub']); the name may also be a
// class constant (`Module::IDENTIFIER`, M2E Pro), read for a module from the etc/module.xml beside it.
const REGISTER_CALL =
  /ComponentRegistrar::register\s*\(\s*(?:\\?(?:[A-Za-z_][\w]*\\)*ComponentRegistrar::)?(MODULE|THEME|LANGUAGE|LIBRARY|SETUP)\s*,\s*(?:(['"])([^'"]+)\2|(\\?[A-Za-z_][\w\\]*::[A-Za-z_]\w*))\s*,\s*(?:__DIR__|dirname\(__FILE__\))(?:\s*\.\s*(['"])([^'"]*)\5)?/g;

/**
 * Reads the registrations of a registration.php without executing it: the calls Magento generates and every module
 * uses follow one shape, which a pattern reads reliably. A file with no recognisable call is reported.
 */
export function parseRegistration(ctx: LoadContext, file: string, pkg: string | null): Registration[] {
  const text = ctx.readText(file);
  if (text === undefined) return [];
  const found: Registration[] = [];
  const baseDir = dirname(file);
  for (const m of text.matchAll(REGISTER_CALL)) {
    const type = (m[1] ?? '').toLowerCase() as ComponentType;
    const suffix = m[6] ?? '';
    const dir = posix.normalize(suffix ? `${baseDir}/${suffix}` : baseDir).replace(/\/$/, '');
    const name = m[3] ?? (type === 'module' ? moduleXmlName(ctx, dir) : undefined);
    if (name) found.push({ type, name, dir: dir === '.' ? '' : dir, file, package: pkg });
  }
  if (found.length === 0 && /ComponentRegistrar/.test(text)) {
    ctx.problem({
      code: 'registration-unrecognized',
      level: 'warning',
      file,
      message: `${file}: a ComponentRegistrar::register() call MageUp cannot read statically; the component is not listed`,
    });
  }
  return found;
}

/** `<module name="Vendor_Module">` of the etc/module.xml in a module directory (registration by class constant). */
function moduleXmlName(ctx: LoadContext, dir: string): string | undefined {
  const xml = ctx.readText(posix.normalize(`${dir}/etc/module.xml`));
  return xml ? /<module\s[^>]*\bname\s*=\s*["']([A-Za-z0-9]+_[A-Za-z0-9]+)["']/.exec(xml)?.[1] : undefined;
}

/** Where a non-Composer installation registers components (Magento's registration_globlist.php). */
const GLOBS = [
  'app/code/*/*/registration.php',
  'app/design/*/*/*/registration.php',
  'app/i18n/*/*/registration.php',
  'lib/internal/*/*/registration.php',
  'lib/internal/*/*/*/registration.php',
];

/**
 * Every registration of a project: registration.php files of installed packages (their `autoload.files`, as Composer
 * loads them) and the app/code, app/design, app/i18n, lib/internal globs. Sorted by directory.
 */
export function findRegistrations(ctx: LoadContext, packages: ComposerPackage[]): Registration[] {
  const seenFiles = new Set<string>();
  const out: Registration[] = [];
  const add = (file: string, pkg: string | null): void => {
    if (seenFiles.has(file)) return;
    seenFiles.add(file);
    out.push(...parseRegistration(ctx, file, pkg));
  };
  for (const pkg of packages) for (const file of registrationFilesOf(ctx, pkg)) add(file, pkg.name);
  for (const glob of GLOBS) {
    for (const file of expandGlob(ctx, glob)) add(file, packageOfDir(ctx, dirname(file)));
  }
  out.sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : a.name < b.name ? -1 : 1));
  return out;
}

/**
 * The registration.php files of one installed package, as Composer loads them: its `autoload.files` (which may sit in a
 * subfolder, `src/registration.php`), else `registration.php` at the root of a `magento2-*` package.
 */
function registrationFilesOf(
  ctx: LoadContext,
  pkg: Pick<ComposerPackage, 'path' | 'type' | 'autoloadFiles'>,
): string[] {
  if (!pkg.path) return [];
  const files = (pkg.autoloadFiles ?? []).filter((f) => f.endsWith('registration.php'));
  if (files.length === 0 && pkg.type.startsWith('magento2-')) files.push('registration.php');
  return files.map((f) => posix.normalize(`${pkg.path}/${f}`)).filter((file) => ctx.exists(file));
}

/**
 * The registrations of a bare vendor/ tree (a `--baseline-vendor`/`--target-vendor` directory, outside any project):
 * every `<vendor>/<package>` with its own composer.json, read by the same engine as a project's packages, so a theme
 * or module registered from a subfolder (`__DIR__ . '/theme'`) is found here exactly as `audit` finds it. A package
 * whose composer.json has no registration in `autoload.files` is still read from a `registration.php` at its root.
 * Paths are relative to `ctx.root` (the vendor directory).
 */
export function vendorTreeRegistrations(ctx: LoadContext): Registration[] {
  const out: Registration[] = [];
  for (const vendor of listDirs(ctx.root)) {
    if (vendor === 'bin' || vendor === 'composer') continue;
    for (const name of listDirs(ctx.abs(vendor))) {
      const path = `${vendor}/${name}`;
      const json = ctx.exists(`${path}/composer.json`) ? ctx.readJson(`${path}/composer.json`) : undefined;
      const autoload = (json as { autoload?: { files?: unknown } } | undefined)?.autoload;
      const autoloadFiles = Array.isArray(autoload?.files)
        ? autoload.files.filter((f): f is string => typeof f === 'string')
        : [];
      const files = registrationFilesOf(ctx, { path, type: 'magento2-component', autoloadFiles });
      const pkg = (json as { name?: unknown } | undefined)?.name;
      for (const file of files)
        out.push(...parseRegistration(ctx, file, typeof pkg === 'string' ? pkg.toLowerCase() : path));
    }
  }
  return out;
}

/** Expands `*` segments of a root-relative pattern (directories only; the last segment is a literal file name). */
export function expandGlob(ctx: LoadContext, pattern: string): string[] {
  const segments = pattern.split('/');
  const fileName = segments.pop() ?? '';
  let dirs = [''];
  for (const segment of segments) {
    const next: string[] = [];
    for (const dir of dirs) {
      if (segment === '*') {
        for (const name of listDirs(ctx.abs(dir))) next.push(dir ? `${dir}/${name}` : name);
      } else {
        next.push(dir ? `${dir}/${segment}` : segment);
      }
    }
    dirs = next;
  }
  return dirs.map((d) => `${d}/${fileName}`).filter((f) => ctx.exists(f));
}

/** The name in a directory's own composer.json (app/code modules often have one), else null. */
export function packageOfDir(ctx: LoadContext, dir: string): string | null {
  const file = `${dir}/composer.json`;
  if (!ctx.exists(file)) return null;
  const json = ctx.readJson(file) as { name?: unknown } | undefined;
  return typeof json?.name === 'string' ? json.name.toLowerCase() : null;
}
