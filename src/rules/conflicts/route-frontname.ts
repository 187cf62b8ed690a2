import type { Route } from '../../project/model.js';
import type { Rule } from '../rule.js';

export const rule: Rule = {
  meta: {
    id: 'conflicts/route-frontname',
    severity: 'error',
    category: 'conflicts',
    description: 'Two modules declare routes with the same frontName in the same area',
    docs: "Only one router wins a frontName; the other module's controllers become unreachable (or respond to each other's URLs).",
  },
  check(context) {
    const groups = new Map<string, { module: string; route: Route }[]>();
    for (const m of context.project.modules) {
      if (m.enabled === false) continue;
      for (const route of m.customizations.routes) {
        const key = `${route.area}\0${route.frontName.toLowerCase()}`;
        groups.set(key, [...(groups.get(key) ?? []), { module: m.name, route }]);
      }
    }
    for (const list of groups.values()) {
      if (new Set(list.map((e) => e.route.id)).size < 2) continue;
      for (const { module, route } of list) {
        if (context.project.modules.find((x) => x.name === module)?.core) continue;
        const others = list.filter((e) => e.route.id !== route.id);
        context.report({
          severity: 'error',
          file: route.file,
          line: route.line,
          module,
          subject: `${route.area} ${route.frontName}`,
          message: `frontName "${route.frontName}" (${route.area}) is also ${others.map((o) => `${o.module}'s (${o.route.file}:${o.route.line})`).join(', ')}.`,
          recommendation: 'Give one of the routes another frontName (URLs change: add rewrites for the old ones).',
          effort: { hours: 2, confidence: 'medium' },
        });
      }
    }
  },
};
