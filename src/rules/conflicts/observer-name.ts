import type { Observer } from '../../project/model.js';
import type { Rule } from '../rule.js';

export const observerName: Rule = {
  meta: {
    id: 'conflicts/observer-name',
    severity: 'warning',
    category: 'conflicts',
    description: 'Two modules declare an observer with the same name on the same event',
    docs: "events.xml merges observers by name: a second module using the same name replaces (or disables) the first one's observer instead of adding its own.",
    recommendations: {
      intendedDisable: 'Intended when disabling a core observer; otherwise rename it.',
      prefixName: 'Use a name prefixed with your module so both observers run.',
    },
    messages: {
      sameName:
        'Observer "{{name}}" on {{event}} ({{instance}}) is also declared by {{others}}: the later module replaces the other.',
      // The same words when the declaration disables the other observer (usually intended): a note.
      sameNameDisabling:
        'Observer "{{name}}" on {{event}} ({{instance}}) is also declared by {{others}}: the later module replaces the other.',
    },
    messageSeverity: { sameNameDisabling: 'info' },
  },
  check(context) {
    const groups = new Map<string, { module: string; observer: Observer }[]>();
    for (const m of context.project.modules) {
      if (m.enabled === false) continue;
      for (const observer of m.customizations.observers) {
        const key = `${observer.area}\0${observer.event.toLowerCase()}\0${observer.name}`;
        groups.set(key, [...(groups.get(key) ?? []), { module: m.name, observer }]);
      }
    }
    for (const list of groups.values()) {
      if (new Set(list.map((e) => e.module)).size < 2) continue;
      for (const { module, observer } of list) {
        const others = list.filter((e) => e.module !== module);
        context.report({
          file: observer.file,
          line: observer.line,
          module,
          subject: `${observer.event} ${observer.name}`,
          messageId: observer.disabled ? 'sameNameDisabling' : 'sameName',
          data: {
            name: observer.name,
            event: observer.event,
            instance: String(observer.instance),
            others: others
              .map((o) => `${o.module} (${o.observer.instance}, ${o.observer.file}:${o.observer.line})`)
              .join(', '),
          },
          recommendationId: observer.disabled ? 'intendedDisable' : 'prefixName',
        });
      }
    }
  },
};
