import type { Plugin } from '../../project/model.js';
import type { Rule } from '../rule.js';
import { oneConflict } from './one-conflict.js';

export const pluginSortOrder: Rule = {
  meta: {
    id: 'conflicts/plugin-sort-order',
    severity: 'warning',
    category: 'conflicts',
    description: 'Several plugins of different modules on one method with the same sortOrder',
    docs: "With equal sortOrder the order between plugins is undefined (it follows module load order), so which one sees the other's result can change when modules are added or upgraded.",
    recommendations: {
      distinctSortOrder: 'Give the plugins distinct sortOrder values in the order they must run.',
    },
    messages: {
      sameOrder:
        'Plugin {{name}} on {{target}} has sortOrder {{sortOrder}}, like {{others}}: their order is undefined.',
    },
  },
  check(context) {
    // target class + intercepted method + sortOrder → plugins
    const groups = new Map<string, { module: string; plugin: Plugin; method: string }[]>();
    for (const m of context.project.modules) {
      if (m.enabled === false) continue;
      for (const plugin of m.customizations.plugins) {
        if (plugin.disabled || plugin.sortOrder === undefined) continue;
        const methods = new Set(
          plugin.methods
            .map((pm) => /^(?:before|around|after)(.+)$/.exec(pm)?.[1]?.toLowerCase())
            .filter((x): x is string => !!x),
        );
        for (const method of methods) {
          const key = `${plugin.target.replace(/^\\/, '').toLowerCase()}::${method}\0${plugin.sortOrder}`;
          groups.set(key, [...(groups.get(key) ?? []), { module: m.name, plugin, method }]);
        }
      }
    }
    for (const list of groups.values()) {
      if (new Set(list.map((e) => e.module)).size < 2) continue;
      // One conflict, one finding: at the client's own plugin, the other plugins as related locations.
      const { at, related } = oneConflict(list, (e) => ({
        file: e.plugin.file,
        line: e.plugin.line,
        module: e.module,
      }));
      {
        const { module, plugin, method } = at;
        const others = list.filter((e) => e.module !== module);
        const methodName =
          plugin.methods.find((pm) => pm.toLowerCase().endsWith(method))?.replace(/^(before|around|after)/, '') ??
          method;
        const shown = methodName[0]!.toLowerCase() + methodName.slice(1);
        context.report({
          file: plugin.file,
          line: plugin.line,
          module,
          subject: `${plugin.target}::${method} ${plugin.name}`,
          messageId: 'sameOrder',
          data: {
            name: plugin.name,
            target: `${plugin.target}::${shown}`,
            sortOrder: String(plugin.sortOrder),
            others: others.map((o) => `${o.plugin.name} (${o.plugin.file}:${o.plugin.line})`).join(', '),
          },
          recommendationId: 'distinctSortOrder',
          effort: { hours: 0.5, confidence: 'medium' },
          related,
        });
      }
    }
  },
};
