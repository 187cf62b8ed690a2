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
  for (const module of modules) {
    if (!module.customizationsScanned) continue;
    for (const plugin of module.customizations.plugins) {
      if (!plugin.type) continue;
      const file = classFile(plugin.type, byNamespace);
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

function classFile(className: string, byNamespace: Map<string, Module>): string | undefined {
  const parts = className.split('\\');
  if (parts.length < 3) return undefined;
  const module = byNamespace.get(`${parts[0]}\\${parts[1]}\\`);
  if (!module) return undefined;
  const rest = parts.slice(2).join('/');
  return module.path ? `${module.path}/${rest}.php` : `${rest}.php`;
}
