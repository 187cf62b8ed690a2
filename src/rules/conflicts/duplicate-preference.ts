import type { Preference } from '../../project/model.js';
import type { Rule, RuleContext } from '../rule.js';
import { oneConflict } from './one-conflict.js';

const norm = (name: string): string => name.replace(/^\\/, '').toLowerCase();

/** Parent class of every class in the code under check (lower-cased names). */
function parentMap(context: RuleContext): Map<string, string> {
  const parents = new Map<string, string>();
  for (const unit of context.code)
    for (const c of unit.analysis.classes) if (c.extends) parents.set(norm(c.name), norm(c.extends));
  return parents;
}

/** Module → every module it loads after (its <sequence>, followed transitively). */
function loadsAfter(context: RuleContext): (module: string, other: string) => boolean {
  const direct = new Map(context.project.modules.map((m) => [m.name, m.sequence]));
  const memo = new Map<string, Set<string>>();
  const all = (module: string): Set<string> => {
    const known = memo.get(module);
    if (known) return known;
    const out = new Set<string>();
    memo.set(module, out); // a cycle stops here
    for (const dep of direct.get(module) ?? []) {
      out.add(dep);
      for (const d of all(dep)) out.add(d);
    }
    return out;
  };
  return (module, other) => all(module).has(other);
}

/**
 * One module deliberately builds on the others (Mageplaza's LayeredNavigationUltimate on …Pro): it loads after each
 * of them, so its preference is the one Magento keeps, and its class extends each of theirs, so what they replaced
 * still runs. Nothing is lost: not a conflict.
 */
function supersedes(
  list: { module: string; pref: Preference }[],
  parents: Map<string, string>,
  after: (module: string, other: string) => boolean,
): boolean {
  const extendsClass = (cls: string, ancestor: string): boolean => {
    const seen = new Set<string>();
    for (let c: string | undefined = norm(cls); c && !seen.has(c); c = parents.get(c)) {
      if (c === norm(ancestor)) return true;
      seen.add(c);
    }
    return false;
  };
  return list.some((top) =>
    list.every(
      (e) => e.module === top.module || (after(top.module, e.module) && extendsClass(top.pref.type, e.pref.type)),
    ),
  );
}

export const duplicatePreference: Rule = {
  meta: {
    id: 'conflicts/duplicate-preference',
    severity: 'error',
    category: 'conflicts',
    description: 'Two modules declare a preference for the same type in the same area: only one wins',
    docs: 'Magento keeps the preference of the module loaded last (module sequence), so the other module silently loses its replacement. Merge the two into one class, or turn one into a plugin.',
    recommendations: {
      keepOne: 'Keep one preference: merge the behaviours into one class, or replace one preference with plugins.',
    },
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
    const parents = parentMap(context);
    const after = loadsAfter(context);
    for (const list of byType.values()) {
      if (new Set(list.map((e) => e.module)).size < 2) continue;
      if (supersedes(list, parents, after)) continue;
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
          recommendationId: 'keepOne',
          effort: { hours: 4, confidence: 'low' },
          related,
        });
      }
    }
  },
};
