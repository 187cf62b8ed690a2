import type { Rule } from '../rule.js';

export const rule: Rule = {
  meta: {
    id: 'conflicts/duplicate-template-override',
    severity: 'warning',
    category: 'conflicts',
    description:
      'Two modules set different templates on one layout block, or two themes of one chain override one file',
    docs:
      'When two modules declare the same block name with different templates, the module loaded last wins and the ' +
      "other's markup silently disappears. When a theme overrides a file its parent theme (another package, e.g. a " +
      "vendor theme) also overrides, the parent's version — and every update its vendor ships — is hidden.",
    messages: {
      blockTemplate:
        'Block "{{name}}" gets template {{template}} from {{module}} and {{others}}: only one is rendered.',
      shadowsParent:
        "{{file}} replaces {{shadowed}} of parent theme {{parent}} ({{where}}): updates of that theme's file will not show.",
    },
    messageSeverity: { shadowsParent: 'info' },
  },
  check(context) {
    // Modules: block name → declarations with a template.
    const blocks = new Map<string, { module: string; file: string; line: number; template: string }[]>();
    for (const m of context.project.modules) {
      if (m.core || m.enabled === false) continue;
      for (const layout of m.customizations.layouts) {
        for (const b of layout.blocks) {
          if (!b.name || !b.template) continue;
          const key = `${layout.area}\0${b.name}`;
          blocks.set(key, [
            ...(blocks.get(key) ?? []),
            { module: m.name, file: layout.file, line: b.line, template: b.template },
          ]);
        }
      }
    }
    for (const [key, list] of blocks) {
      if (new Set(list.map((e) => e.module)).size < 2 || new Set(list.map((e) => e.template)).size < 2) continue;
      const name = key.split('\0')[1]!;
      for (const e of list) {
        const others = list.filter((o) => o.module !== e.module);
        context.report({
          file: e.file,
          line: e.line,
          module: e.module,
          subject: `block ${name}`,
          messageId: 'blockTemplate',
          data: {
            name,
            template: e.template,
            module: e.module,
            others: others.map((o) => `${o.template} from ${o.module} (${o.file}:${o.line})`).join(', '),
          },
          recommendation:
            'Let one module own the block; the other should add a child block or use a plugin on the block instead.',
        });
      }
    }
    // Themes: a theme overriding a file that a parent theme of another package overrides too.
    const byCode = new Map(context.project.themes.map((t) => [t.code, t]));
    for (const theme of context.project.themes) {
      if (theme.location === 'vendor' && theme.package?.startsWith('magento/')) continue;
      for (const parentCode of theme.parentChain) {
        const parent = byCode.get(`${theme.area}/${parentCode}`);
        if (!parent || parent.package?.startsWith('magento/') || (parent.package ?? null) === (theme.package ?? null))
          continue;
        const parentFiles = new Map(parent.overrides.map((o) => [`${o.module ?? ''}/${o.modulePath}`, o.file]));
        for (const o of theme.overrides) {
          const shadowed = parentFiles.get(`${o.module ?? ''}/${o.modulePath}`);
          if (!shadowed) continue;
          context.report({
            file: o.file,
            subject: `${theme.code} ${o.module ?? ''}/${o.modulePath}`,
            messageId: 'shadowsParent',
            data: { file: o.file, shadowed, parent: parent.code, where: parent.package ?? parent.path },
            recommendation: `Compare with ${shadowed} after each update of ${parent.package ?? parent.code}.`,
          });
        }
      }
    }
  },
};
