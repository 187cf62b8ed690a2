import type { Module, Plugin, ProjectModel } from '../../project/model.js';

/**
 * The plugins the plugin-target rules judge: declared by a non-core module (core's plugins are Magento's), enabled,
 * with a plugin class (a declaration that only disables or reorders intercepts nothing).
 */
export function* activePlugins(
  project: ProjectModel,
): Generator<{ module: Module; plugin: Plugin & { type: string } }> {
  for (const module of project.modules) {
    if (module.core) continue;
    for (const plugin of module.customizations.plugins) {
      if (plugin.disabled || !plugin.type) continue;
      yield { module, plugin: { ...plugin, type: plugin.type } };
    }
  }
}
