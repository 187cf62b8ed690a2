import type { Rule } from '../rule.js';

export const aroundWithoutProceed: Rule = {
  meta: {
    id: 'conflicts/around-without-proceed',
    severity: 'warning',
    category: 'conflicts',
    description: 'Around plugin that never calls $proceed: the original method and every later plugin are skipped',
    docs: 'An around plugin that never calls its callable parameter replaces the method for good: later plugins (of any module) and the original never run, and upstream fixes to the method never apply. Detected when the plugin method body never mentions the callable parameter at all.',
    recommendations: {
      callProceed:
        'Call ${{proceed}}(...) (or use a before/after plugin) unless replacing the method entirely is intended and documented.',
    },
    messages: {
      noProceed:
        '{{method}}() (plugin {{plugin}} on {{target}}) never calls ${{proceed}}: later plugins and the original ' +
        '{{target}}::{{original}}() never run.',
    },
  },
  check(context) {
    const classes = new Map<
      string,
      {
        file: string;
        module: string | null;
        methods: { name: string; line: number; params: { name: string }[]; unusedParams?: string[] }[];
      }
    >();
    for (const unit of context.code) {
      for (const cls of unit.analysis.classes) {
        const key = cls.name.toLowerCase();
        // A class declared twice (app/code/Vendor/ModuleBK, a copy with its registration.php renamed): the copy in a
        // registered module is the one Magento loads; a file outside every module never replaces it.
        if (unit.module === null && classes.get(key)?.module) continue;
        classes.set(key, { file: unit.analysis.file, module: unit.module, methods: cls.methods });
      }
    }
    const seen = new Set<string>();
    for (const m of context.project.modules) {
      if (m.core) continue;
      for (const plugin of m.customizations.plugins) {
        if (plugin.disabled || !plugin.type) continue;
        const cls = classes.get(plugin.type.replace(/^\\/, '').toLowerCase());
        if (!cls) continue;
        for (const method of cls.methods) {
          if (!/^around./i.test(method.name)) continue;
          const proceed = method.params[1]?.name.replace(/^\$/, '');
          if (!proceed || !method.unusedParams?.includes(proceed)) continue;
          const key = `${cls.file}:${method.line}`;
          if (seen.has(key)) continue;
          seen.add(key);
          context.report({
            file: cls.file,
            line: method.line,
            ...(cls.module ? { module: cls.module } : {}),
            subject: `${plugin.type}::${method.name}`,
            messageId: 'noProceed',
            data: {
              method: method.name,
              plugin: plugin.name,
              target: plugin.target,
              proceed,
              original: `${method.name.slice(6, 7).toLowerCase()}${method.name.slice(7)}`,
            },
            recommendationId: 'callProceed',
            effort: { hours: 1, confidence: 'medium' },
          });
        }
      }
    }
  },
};
