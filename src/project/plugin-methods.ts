import type { Module } from './model.js';
import type { LoadContext } from './context.js';

const PLUGIN_METHOD = /\bfunction\s+&?\s*((?:before|around|after)[A-Z_][A-Za-z0-9_]*)\s*\(/g;

/**
 * Fills `Plugin.methods` (beforeSave, aroundGetPrice…) for the plugins of inventoried modules by reading only the
 * plugin classes, found by the Magento module convention `Vendor\Module\…` → `<module dir>/….php`. Plugin classes
 * outside any known module keep an empty list. Cheap: a few files per module, read once each.
 */
export function fillPluginMethods(ctx: LoadContext, modules: Module[]): void {
  const byNamespace = new Map<string, Module>();
  for (const m of modules) if (m.registrationFile !== undefined) byNamespace.set(`${m.name.replace('_', '\\')}\\`, m);
  const cache = new Map<string, string[]>();
  // A plugin may be typed with a virtualType: its methods are those of the class behind it.
  const virtualTypes = new Map<string, string>();
  for (const m of modules)
    for (const v of m.customizations?.virtualTypes ?? [])
      virtualTypes.set(v.name.replace(/^\\/, '').toLowerCase(), v.type);
  for (const module of modules) {
    if (!module.customizationsScanned) continue;
    for (const plugin of module.customizations.plugins) {
      if (!plugin.type) continue;
      const real = resolveVirtualType(plugin.type, virtualTypes);
      if (real !== plugin.type) plugin.class = real;
      const file = classFile(real, byNamespace);
      if (!file) continue;
      let methods = cache.get(file);
      if (!methods) {
        const text = ctx.exists(file) ? ctx.readText(file) : undefined;
        methods = text ? [...new Set([...text.matchAll(PLUGIN_METHOD)].map((m) => m[1] ?? ''))].sort() : [];
        cache.set(file, methods);
      }
      plugin.methods = [...methods];
    }
  }
}

function resolveVirtualType(type: string, virtualTypes: Map<string, string>): string {
  let name = type.replace(/^\\/, '');
  for (let depth = 0; depth < 10; depth++) {
    const next = virtualTypes.get(name.toLowerCase());
    if (!next) break;
    name = next.replace(/^\\/, '');
  }
  return name;
}

function classFile(className: string, byNamespace: Map<string, Module>): string | undefined {
  const parts = className.split('\\');
  if (parts.length < 3) return undefined;
  const module = byNamespace.get(`${parts[0]}\\${parts[1]}\\`);
  if (!module) return undefined;
  const rest = parts.slice(2).join('/');
  return module.path ? `${module.path}/${rest}.php` : `${rest}.php`;
}
