import type { Route } from '../../project/model.js';
import type { Rule } from '../rule.js';
import { oneConflict } from './one-conflict.js';

export const routeFrontname: Rule = {
  meta: {
    id: 'conflicts/route-frontname',
    severity: 'error',
    category: 'conflicts',
    description: 'Two modules declare routes with the same frontName in the same area',
    docs: "Only one router wins a frontName; the other module's controllers become unreachable (or respond to each other's URLs).",
    recommendations: {
      otherFrontName: 'Give one of the routes another frontName (URLs change: add rewrites for the old ones).',
    },
    messages: { sameFrontName: 'frontName "{{frontName}}" ({{area}}) is also {{others}}.' },
  },
  check(context) {
    const groups = new Map<string, { module: string; route: Route }[]>();
    for (const m of context.project.modules) {
      if (m.enabled === false) continue;
      for (const route of m.customizations.routes) {
        // `<route id="sales"><module name="…" before="Magento_Sales"/></route>` adds the module to a route declared
        // elsewhere: no frontName of its own, so nothing to collide (the declaring module's frontName is the one).
        if (!route.frontName) continue;
        const key = `${route.area}\0${route.frontName.toLowerCase()}`;
        groups.set(key, [...(groups.get(key) ?? []), { module: m.name, route }]);
      }
    }
    for (const list of groups.values()) {
      if (new Set(list.map((e) => e.route.id)).size < 2) continue;
      // One conflict, one finding: at a non-core side (the client's own first), the other routes as related.
      const isCore = (module: string) => context.project.modules.find((x) => x.name === module)?.core === true;
      const own = list.filter((e) => !isCore(e.module));
      if (own.length === 0) continue;
      const side = (e: (typeof list)[number]) => ({ file: e.route.file, line: e.route.line, module: e.module });
      const { at, related } = oneConflict(list, side, own);
      {
        const { module, route } = at;
        const others = list.filter((e) => e.route.id !== route.id);
        context.report({
          file: route.file,
          line: route.line,
          module,
          subject: `${route.area} ${route.frontName}`,
          messageId: 'sameFrontName',
          data: {
            frontName: route.frontName,
            area: route.area,
            others: others.map((o) => `${o.module}'s (${o.route.file}:${o.route.line})`).join(', '),
          },
          recommendationId: 'otherFrontName',
          effort: { hours: 2, confidence: 'medium' },
          related,
        });
      }
    }
  },
};
