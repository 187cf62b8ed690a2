import { currentLabel, RELEASE_MESSAGES, releaseLabel } from '../php-api/worlds.js';
import type { Rule } from '../rule.js';
import { methodsWithParents } from './class-changes.js';
import { activePlugins } from './plugins.js';

export const pluginTargetAdded: Rule = {
  meta: {
    id: 'overrides/plugin-target-added',
    severity: 'warning',
    category: 'overrides',
    description: 'Plugin on a class the current release does not have and the target adds: it starts intercepting',
    docs:
      'A plugin declared for a class that does not exist yet does nothing; when the target release adds the class ' +
      '(a new module, or a bundled extension shipped with the release), the plugin starts intercepting its methods ' +
      'with the upgrade, untested. Plugins typed with a virtualType are followed to their class. Upgrade-patch-helper ' +
      'reports the same as "Plugin Enabled".\n\n**How to fix:** test the plugin against the new class, or remove the ' +
      'declaration if it was written for another version.',
    recommendations: {
      testOrRemove: 'Test {{pluginClass}} against {{targetClass}} as the target ships it, or remove the declaration.',
    },
    messages: {
      ...RELEASE_MESSAGES,
      added:
        'Plugin {{name}} ({{plugin}}) on {{target}}, a class {{current}} does not have and {{release}} adds: the ' +
        'plugin starts intercepting with the upgrade.',
    },
  },
  check(context) {
    const current = context.current.symbols;
    if (!current) return;
    for (const { module: m, plugin } of activePlugins(context.project)) {
      if (current.getClass(plugin.target)) continue;
      const after = methodsWithParents(context.target.symbols, plugin.target);
      if (!after) continue;
      // "Not in the current index" must mean "not in the current release": skip a package the index lacks there.
      const pkg = context.target.symbols.getClass(plugin.target)?.package;
      if (pkg && current.unindexed?.()[pkg]) continue;
      const cls = plugin.class ?? plugin.type;
      const methods = plugin.methods.filter((pm) => /^(before|around|after)./.test(pm));
      for (const pm of methods.length > 0 ? methods : [undefined]) {
        const intercepted = pm ? after.get(pm.replace(/^(before|around|after)/, '').toLowerCase()) : undefined;
        context.report({
          file: plugin.file,
          line: plugin.line,
          module: m.name,
          subject: `${plugin.target} ${plugin.name} ${pm ?? ''}`.trim(),
          messageId: 'added',
          data: {
            name: plugin.name,
            plugin: `${cls}${pm ? `::${pm}` : ''}`,
            target: `${plugin.target}${intercepted ? `::${intercepted.name}()` : ''}`,
            current: currentLabel(context),
            release: releaseLabel(context),
            pluginClass: cls,
            targetClass: plugin.target,
          },
          recommendationId: 'testOrRemove',
          effort: { hours: 1, confidence: 'low' },
        });
      }
    }
  },
};
