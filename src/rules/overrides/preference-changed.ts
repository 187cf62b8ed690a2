import type { Rule } from '../rule.js';
import { classChanges } from './class-changes.js';

export const rule: Rule = {
  meta: {
    id: 'overrides/preference-changed',
    severity: 'warning',
    category: 'overrides',
    description:
      "di.xml preference replacing a core class whose code (or a parent's) changed or was removed in the target",
    docs: 'A preference replaces the core class everywhere: fixes to the original (or its parents) do not reach the store unless ported, and a removed class breaks compilation.',
  },
  check(context) {
    const current = context.current.symbols;
    if (!current) return;
    for (const m of context.project.modules) {
      if (m.core) continue;
      for (const pref of m.customizations.preferences) {
        const changes = classChanges(current, context.target.symbols, pref.for);
        if (!changes || (Array.isArray(changes) && changes.length === 0)) continue;
        const removed = changes === 'removed';
        // Methods the preferring class overrides come first: those are the copies that miss upstream changes.
        const own = new Set(
          context.code
            .flatMap((u) => u.analysis.classes)
            .find((c) => c.name.toLowerCase() === pref.type.replace(/^\\/, '').toLowerCase())
            ?.methods.map((x) => x.name.toLowerCase()) ?? [],
        );
        const list = removed
          ? []
          : [...changes].sort((a, b) => Number(own.has(b.name.toLowerCase())) - Number(own.has(a.name.toLowerCase())));
        const shown = list
          .slice(0, 6)
          .map(
            (c) =>
              `${c.owner.split('\\').pop()}::${c.name}() ${c.how === 'body' ? 'body changed' : c.how}${own.has(c.name.toLowerCase()) ? ' (overridden by the preference)' : ''}`,
          );
        context.report({
          severity: removed ? 'error' : 'warning',
          file: pref.file,
          line: pref.line,
          module: m.name,
          subject: `${pref.for} ${pref.type}`,
          message: removed
            ? `Preference ${pref.type} for ${pref.for}: the target ${context.target.release.version} no longer has ${pref.for}.`
            : `Preference ${pref.type} for ${pref.for}, whose code changed in ${context.target.release.version}: ${shown.join(', ')}${list.length > 6 ? `, and ${list.length - 6} more` : ''}.`,
          recommendation: removed
            ? 'Remove the preference or move it to the class that replaced the original.'
            : `Diff ${pref.for} (and its parents) between the versions and port the changes into ${pref.type}; prefer a plugin where possible.`,
          effort: { hours: removed ? 4 : 2, confidence: 'low' },
        });
      }
    }
  },
};
