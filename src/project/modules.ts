import type { ComposerPackage, Module } from './model.js';
import type { LoadContext } from './context.js';
import type { Registration } from './registration.js';
import { emptyCustomizations } from './customizations/index.js';
import { childrenNamed, firstChild } from './xml.js';

/**
 * Modules from their registrations (with etc/module.xml for setup_version and sequence), matched to the enabled state
 * in app/etc/config.php. Modules config.php lists but nothing registers are kept, with location `unknown`, and
 * reported: Magento would fail on them.
 * @param moduleStates config.php `modules` (name → enabled), or undefined when config.php is absent.
 */
export function buildModules(
  ctx: LoadContext,
  registrations: Registration[],
  packages: Map<string, ComposerPackage>,
  moduleStates: Map<string, boolean> | undefined,
  opts: {
    /** A clone of the magento/magento2 repository: its app/code/Magento modules are core. */
    sourceCheckout?: boolean;
    /** Report enabled modules of config.php that nothing registers (off when vendor/ is absent). */
    reportUnregistered?: boolean;
  } = {},
): Module[] {
  const { sourceCheckout = false, reportUnregistered = true } = opts;
  const modules = new Map<string, Module>();
  for (const reg of registrations) {
    if (reg.type !== 'module') continue;
    const existing = modules.get(reg.name);
    if (existing) {
      ctx.problem({
        code: 'module-duplicate',
        level: 'warning',
        file: reg.file,
        message: `module ${reg.name} is registered twice: ${existing.registrationFile ?? existing.path} and ${reg.file}; the first is used`,
      });
      continue;
    }
    const pkg = reg.package ? packages.get(reg.package) : undefined;
    const module: Module = {
      name: reg.name,
      enabled: moduleStates ? (moduleStates.get(reg.name) ?? null) : null,
      package: reg.package,
      path: reg.dir,
      location: reg.dir.startsWith('app/code/')
        ? 'app-code'
        : pkg || reg.dir.includes('vendor/')
          ? 'vendor'
          : 'unknown',
      core: pkg
        ? pkg.source === 'core' || pkg.source === 'adobe'
        : isCoreName(reg.name, reg.dir) || (sourceCheckout && reg.dir.startsWith('app/code/Magento/')),
      sequence: [],
      customizations: emptyCustomizations(),
      registrationFile: reg.file,
    };
    if (moduleStates && !moduleStates.has(reg.name)) {
      ctx.problem({
        code: 'module-not-in-config',
        level: 'warning',
        file: 'app/etc/config.php',
        message: `module ${reg.name} (${reg.dir}) is not listed in app/etc/config.php: its state is unknown until bin/magento setup:upgrade adds it`,
      });
    }
    readModuleXml(ctx, module);
    modules.set(reg.name, module);
  }
  for (const [name, enabled] of moduleStates ?? []) {
    if (modules.has(name)) continue;
    if (enabled && reportUnregistered) {
      ctx.problem({
        code: 'module-not-registered',
        level: 'warning',
        file: 'app/etc/config.php',
        message: `module ${name} is enabled in app/etc/config.php but no registration.php registers it (missing code?)`,
      });
    }
    modules.set(name, {
      name,
      enabled,
      package: null,
      path: '',
      location: 'unknown',
      core: isCoreName(name, ''),
      sequence: [],
      customizations: emptyCustomizations(),
    });
  }
  return [...modules.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Without a package to tell, `Magento_*` modules under lib/ or setup/ are core. */
function isCoreName(name: string, dir: string): boolean {
  return name.startsWith('Magento_') && !dir.startsWith('app/code/');
}

function readModuleXml(ctx: LoadContext, module: Module): void {
  const file = module.path ? `${module.path}/etc/module.xml` : 'etc/module.xml';
  if (!ctx.exists(file)) {
    ctx.problem({
      code: 'module-xml-missing',
      level: 'warning',
      file,
      message: `${file} is missing: module ${module.name} has no declared sequence or setup_version`,
    });
    return;
  }
  const root = ctx.readXml(file);
  const el = root ? firstChild(root, 'module') : undefined;
  if (!el) return;
  if (el.attrs.name && el.attrs.name !== module.name) {
    ctx.problem({
      code: 'module-name-mismatch',
      level: 'warning',
      file,
      line: el.line,
      message: `${file} declares ${el.attrs.name} but registration.php registers ${module.name}`,
    });
  }
  if (el.attrs.setup_version) module.setupVersion = el.attrs.setup_version;
  const sequence = firstChild(el, 'sequence');
  if (sequence) {
    module.sequence = childrenNamed(sequence, 'module')
      .map((m) => m.attrs.name ?? '')
      .filter(Boolean);
  }
}
