import type { ProjectModel } from '../../project/model.js';
import type { Rule } from '../rule.js';

interface Declaration {
  module: string;
  file: string;
  line: number;
  template: string;
  handle: string;
}

/**
 * Can layouts of two handles apply to one page? Magento loads `default` on every page, adds `<handle>_<key>_<value>`
 * handles next to a page's own (Result\Page::addPageLayoutHandles: catalog_product_view_type_simple), Hyvä loads
 * `hyva_<handle>` next to each handle, and a layout's `<update handle="…"/>` pulls another handle into its page.
 * Two handles are known apart only when every page either can appear on is the page of a route a project module
 * declares itself (`<route id="megamenu" frontName="megamenu">`: Magento's layouts never name such handles) and no
 * page of one is, extends or includes a page of the other. Anything else (a core page handle, which core layouts may
 * include elsewhere) may meet.
 */
function handleMeeting(project: ProjectModel): (area: string, a: string, b: string) => boolean {
  const norm = (h: string): string => h.toLowerCase().replace(/^hyva_/, '');
  // handle → handles whose layouts `<update>` it (its content lands on their pages too), per area.
  const includers = new Map<string, Set<string>>();
  const layouts = [
    ...project.modules.flatMap((m) => m.customizations.layouts),
    ...project.themes.flatMap((t) => t.layouts ?? []),
  ];
  for (const l of layouts)
    for (const u of l.updates ?? []) {
      const key = `${l.area}\0${norm(u.handle)}`;
      includers.set(key, new Set([...(includers.get(key) ?? []), norm(l.handle)]));
    }
  const ownRoutes = project.modules
    .filter((m) => !m.core)
    .flatMap((m) =>
      m.customizations.routes.filter((r) => r.id && r.frontName).map((r) => ({ area: r.area, id: r.id.toLowerCase() })),
    );
  const pagesOf = (area: string, handle: string): Set<string> => {
    const pages = new Set([norm(handle)]);
    for (const h of pages)
      for (const a of new Set([area, 'base'])) for (const p of includers.get(`${a}\0${h}`) ?? []) pages.add(p);
    return pages;
  };
  const ownPage = (area: string, h: string): boolean =>
    ownRoutes.some((r) => (r.area === area || area === 'base') && h.startsWith(`${r.id}_`));
  const related = (x: string, y: string): boolean => x === y || x.startsWith(`${y}_`) || y.startsWith(`${x}_`);
  return (area, a, b) => {
    const pa = pagesOf(area, a);
    const pb = pagesOf(area, b);
    if (![...pa, ...pb].every((h) => ownPage(area, h))) return true;
    return [...pa].some((x) => [...pb].some((y) => related(x, y)));
  };
}

export const duplicateTemplateOverride: Rule = {
  meta: {
    id: 'conflicts/duplicate-template-override',
    severity: 'warning',
    category: 'conflicts',
    description:
      'Two modules set different templates on one layout block, or two themes of one chain override one file',
    docs:
      'When two modules declare the same block name with different templates, the module loaded last wins and the ' +
      "other's markup silently disappears. When a theme overrides a file its parent theme (another package, e.g. a " +
      "vendor theme) also overrides, the parent's version — and every update its vendor ships — is hidden. Only " +
      'declarations that can land on one page compete: two modules that each declare the block in the layout of a ' +
      'page of their own route (`megamenu_wysiwyg_images_index`, `themelayoutpro_wysiwyg_images_index`) never meet; ' +
      '`default`, a page handle of Magento (which its layouts may pull in elsewhere), a handle one of the layouts ' +
      "`<update>`s, and a handle's `_type_…`/`_id_…` and `hyva_` variants are treated as meeting.",
    recommendations: {
      oneBlockOwner:
        'Let one module own the block; the other should add a child block or use a plugin on the block instead.',
      compareAfterUpdates: 'Compare with {{shadowed}} after each update of {{updated}}.',
    },
    messages: {
      blockTemplate:
        'Block "{{name}}" gets template {{template}} from {{module}} and {{others}}: only one is rendered.',
      shadowsParent:
        "{{file}} replaces {{shadowed}} of parent theme {{parent}} ({{where}}): updates of that theme's file will not show.",
    },
    messageSeverity: { shadowsParent: 'info' },
  },
  check(context) {
    const { project } = context;
    const meet = handleMeeting(project);
    // Modules: block name → declarations with a template.
    const blocks = new Map<string, Declaration[]>();
    for (const m of project.modules) {
      if (m.core || m.enabled === false) continue;
      for (const layout of m.customizations.layouts) {
        for (const b of layout.blocks) {
          if (!b.name || !b.template) continue;
          const key = `${layout.area}\0${b.name}`;
          blocks.set(key, [
            ...(blocks.get(key) ?? []),
            { module: m.name, file: layout.file, line: b.line, template: b.template, handle: layout.handle },
          ]);
        }
      }
    }
    for (const [key, list] of blocks) {
      if (new Set(list.map((e) => e.module)).size < 2 || new Set(list.map((e) => e.template)).size < 2) continue;
      const [area = '', name = ''] = key.split('\0');
      for (const e of list) {
        // Only declarations that can land on one page compete for the block.
        const others = list.filter((o) => o.module !== e.module && meet(area, e.handle, o.handle));
        if (!others.some((o) => o.template !== e.template)) continue;
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
          recommendationId: 'oneBlockOwner',
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
            data: {
              file: o.file,
              shadowed,
              parent: parent.code,
              where: parent.package ?? parent.path,
              updated: parent.package ?? parent.code,
            },
            recommendationId: 'compareAfterUpdates',
          });
        }
      }
    }
  },
};
