import { releaseLabel } from '../php-api/worlds.js';
import { siblings } from '../../project/ownership.js';
import type { Rule } from '../rule.js';
import { methodsWithParents, onlyOptionalParamsAdded, signatureOf } from './class-changes.js';

export const rule: Rule = {
  meta: {
    id: 'overrides/plugin-target-changed',
    severity: 'warning',
    category: 'overrides',
    description: 'Plugin on a core method that changed, was removed or became final/private in the target',
    docs: 'Plugins depend on the intercepted method: removed or final/private methods are never intercepted (or break compilation), a changed signature breaks around/before plugins, a changed body may change what after plugins receive.',
  },
  check(context) {
    const current = context.current.symbols;
    if (!current) return;
    for (const m of context.project.modules) {
      if (m.core) continue;
      for (const plugin of m.customizations.plugins) {
        if (plugin.disabled || !plugin.type) continue;
        // A vendor's plugin on its own (or a sibling package's) class upgrades with it: not Magento's change.
        if (siblings(context.project.packages, m.package, current.getClass(plugin.target)?.package)) continue;
        const before = methodsWithParents(current, plugin.target);
        if (!before) continue;
        const after = methodsWithParents(context.target.symbols, plugin.target);
        // A removed class is php-api/missing-class's finding.
        if (!after) continue;
        // One engine per fact: whether a plugin still fits a method (exists, interceptable, arguments) is
        // php-api/signature-mismatch's judgement when the plugin's code is under check; this rule adds changed bodies.
        const pluginAnalysed = context.code.some((u) =>
          u.analysis.classes.some(
            (c) => c.name.toLowerCase() === (plugin.class ?? plugin.type!).replace(/^\\/, '').toLowerCase(),
          ),
        );
        for (const pm of plugin.methods) {
          const mm = /^(before|around|after)(.+)$/.exec(pm);
          if (!mm) continue;
          const kind = mm[1]!;
          const key = mm[2]!.toLowerCase();
          const old = before.get(key);
          if (!old) continue;
          const now = after.get(key);
          let severity: 'error' | 'warning' | 'info' = 'warning';
          let what: string;
          if (pluginAnalysed && (!now || now.final || now.visibility !== 'public' || now.static)) continue;
          if (pluginAnalysed && now && signatureOf(now) !== signatureOf(old)) continue;
          if (!now) {
            severity = 'error';
            what = `was removed in ${releaseLabel(context)}`;
          } else if (now.final || now.visibility !== 'public' || now.static) {
            severity = 'error';
            what = `became ${now.final ? 'final' : now.static ? 'static' : now.visibility} in ${releaseLabel(context)}: it can no longer be intercepted`;
          } else if (signatureOf(now) !== signatureOf(old)) {
            // Appended optional parameters break nothing a plugin relies on (around plugins should pass ...$args on).
            severity = kind === 'after' || onlyOptionalParamsAdded(old, now) ? 'warning' : 'error';
            what = `changed signature: ${signatureOf(old)} → ${signatureOf(now)}`;
          } else if (old.bodyHash && now.bodyHash && old.bodyHash !== now.bodyHash) {
            what = `changed its code in ${releaseLabel(context)}`;
          } else continue;
          context.report({
            severity,
            file: plugin.file,
            line: plugin.line,
            module: m.name,
            subject: `${plugin.target}::${old.name} ${plugin.name} ${pm}`,
            message: `Plugin ${plugin.name} (${plugin.class ?? plugin.type}::${pm}) on ${plugin.target}::${old.name}(), which ${what}.`,
            recommendation:
              'Review the new method and adapt the plugin (arguments, return value, whether $proceed is still right).',
            effort: { hours: severity === 'error' ? 2 : 1, confidence: 'low' },
          });
        }
      }
    }
  },
};
