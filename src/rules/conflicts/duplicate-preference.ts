import type { Preference } from '../../project/model.js';
import type { Rule } from '../rule.js';
import { oneConflict } from './one-conflict.js';

export const rule: Rule = {
  meta: {
    id: 'conflicts/duplicate-preference',
    severity: 'error',
    category: 'conflicts',
    description: 'Two modules declare a preference for the same type in the same area: only one wins',
    docs: 'Magento keeps the preference of the module loaded last (module sequence), so the other module silently loses its replacement. Merge the two into one class, or turn one into a plugin.',
    messages: { duplicate: '{{for}} is preferred by {{module}} ({{type}}) and also by {{others}}; only one wins.' },
  },
  check(context) {
    const byType = new Map<string, { module: string; pref: Preference }[]>();
    for (const m of context.project.modules) {
      if (m.core || m.enabled === false) continue;
      for (const pref of m.customizations.preferences) {
        const key = `${pref.area}\0${pref.for.replace(/^\\/, '').toLowerCase()}`;
        byType.set(key, [...(byType.get(key) ?? []), { module: m.name, pref }]);
      }
    }
    for (const list of byType.values()) {
      if (new Set(list.map((e) => e.module)).size < 2) continue;
      // One conflict, one finding: at the client's own side, the other preferences as related locations.
      const { at, related } = oneConflict(list, (e) => ({ file: e.pref.file, line: e.pref.line, module: e.module }));
      {
        const { module, pref } = at;
        const others = list.filter((e) => e.module !== module);
        context.report({
          file: pref.file,
          line: pref.line,
          module,
          subject: `${pref.area} ${pref.for}`,
          messageId: 'duplicate',
          data: {
            for: pref.for,
            module,
            type: pref.type,
            others: others.map((o) => `${o.module} (${o.pref.type}, ${o.pref.file}:${o.pref.line})`).join(', '),
          },
          recommendation:
            'Keep one preference: merge the behaviours into one class, or replace one preference with plugins.',
          effort: { hours: 4, confidence: 'low' },
          related,
        });
      }
    }
  },
};
