import { readLayoutXml } from './customizations/layout.js';
import { isProjectJs, readJsSource } from './customizations/js-source.js';
import { readRequireJsConfig } from './customizations/requirejs.js';
import type { LanguagePack, LayoutFile, Theme, ThemeOverride } from './model.js';
import type { LoadContext } from './context.js';
import type { Registration } from './registration.js';
import { firstChild } from './xml.js';
import { walkFiles } from './walk.js';
import type { WalkedFile } from './walk.js';

/**
 * Themes from their registrations and theme.xml, with the full parent chain (a missing parent or a cycle is reported
 * and ends the chain) and the files each theme overrides.
 */
export function buildThemes(
  ctx: LoadContext,
  registrations: Registration[],
  visited: Set<string>,
  /** Packages shipped by Magento/Adobe: their themes' layouts and requirejs configs are not inventoried. */
  corePackages: Set<string> = new Set(),
): Theme[] {
  const themes = new Map<string, Theme>();
  for (const reg of registrations) {
    if (reg.type !== 'theme' || themes.has(reg.name)) continue;
    const area = reg.name.split('/')[0];
    if (area !== 'frontend' && area !== 'adminhtml') continue;
    const file = reg.dir ? `${reg.dir}/theme.xml` : 'theme.xml';
    const root = ctx.readXml(file);
    if (!root && !ctx.exists(file)) {
      ctx.problem({
        code: 'theme-xml-missing',
        level: 'warning',
        file,
        message: `${file} is missing: theme ${reg.name} has no declared parent or title`,
      });
    }
    const title = root ? firstChild(root, 'title')?.text : undefined;
    const parentText = root ? firstChild(root, 'parent')?.text : undefined;
    const theme: Theme = {
      code: reg.name,
      area,
      parent: parentText ? parentText.trim() : null,
      parentChain: [],
      path: reg.dir,
      package: reg.package,
      location: reg.dir.startsWith('app/design/') ? 'app-design' : 'vendor',
      hyva: false,
      overrides: [],
    };
    const files = themeFiles(ctx, reg.dir, visited);
    theme.overrides = readOverrides(files, reg.dir);
    if (!reg.package || !corePackages.has(reg.package)) {
      theme.layouts = readThemeLayouts(ctx, theme);
      theme.requirejs = files
        .filter((f) => isThemeRequireJs(f.path.slice(reg.dir ? reg.dir.length + 1 : 0)))
        .flatMap((f) => {
          const source = ctx.readText(f.path);
          return source === undefined ? [] : [readRequireJsConfig(source, f.path, ctx.problems)];
        });
      const js = files.filter((f) => isThemeJs(f.path.slice(reg.dir ? reg.dir.length + 1 : 0)));
      if (js.length > 0)
        theme.js = js.flatMap((f) => {
          const source = ctx.readText(f.path);
          return source === undefined ? [] : [readJsSource(source, f.path, area, ctx.problems)];
        });
    }
    if (title) theme.title = title;
    themes.set(reg.name, theme);
  }
  for (const theme of themes.values()) {
    theme.parentChain = parentChain(ctx, theme, themes);
    theme.hyva = [theme.code.slice(theme.area.length + 1), ...theme.parentChain].some((c) => c.startsWith('Hyva/'));
  }
  return [...themes.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

function parentChain(ctx: LoadContext, theme: Theme, themes: Map<string, Theme>): string[] {
  const chain: string[] = [];
  const seen = new Set([theme.code]);
  let parent = theme.parent;
  while (parent) {
    const code = `${theme.area}/${parent}`;
    if (seen.has(code)) {
      ctx.problem({
        code: 'theme-parent-cycle',
        level: 'error',
        file: theme.path ? `${theme.path}/theme.xml` : 'theme.xml',
        message: `theme ${theme.code}: its parent chain loops (${[...seen].join(' → ')} → ${code}); the chain is cut there`,
      });
      break;
    }
    seen.add(code);
    chain.push(parent);
    const next = themes.get(code);
    if (!next) {
      ctx.problem({
        code: 'theme-parent-missing',
        level: 'warning',
        file: theme.path ? `${theme.path}/theme.xml` : 'theme.xml',
        message: `theme ${theme.code}: parent theme ${code} is not registered in this project`,
      });
      break;
    }
    parent = next.parent;
  }
  return chain;
}

function themeFiles(ctx: LoadContext, dir: string, visited: Set<string>): WalkedFile[] {
  return walkFiles(ctx.abs(dir), {
    root: ctx.root,
    problems: ctx.problems,
    visited,
    enterDir: (name) => name !== 'node_modules' && !name.startsWith('.'),
  });
}

/** The theme's own JS: `web/**.js` and `Vendor_Module/web/**.js` (minified bundles aside). */
function isThemeJs(inTheme: string): boolean {
  return /^([A-Z][A-Za-z0-9]*_[A-Za-z0-9]+\/)?web\//.test(inTheme) && isProjectJs(inTheme);
}

/** `requirejs-config.js` at the theme root or in a `Vendor_Module/` directory of the theme. */
function isThemeRequireJs(inTheme: string): boolean {
  return inTheme === 'requirejs-config.js' || /^[A-Z][A-Za-z0-9]*_[A-Za-z0-9]+\/requirejs-config\.js$/.test(inTheme);
}

/** Layout XML of a theme's module directories (`Vendor_Module/layout/**.xml`, `page_layout`). */
function readThemeLayouts(ctx: LoadContext, theme: Theme): LayoutFile[] {
  const layouts: LayoutFile[] = [];
  for (const override of theme.overrides) {
    if ((override.kind !== 'layout' && override.kind !== 'layout-override') || !override.file.endsWith('.xml'))
      continue;
    const root = ctx.readXml(override.file);
    if (root) layouts.push(readLayoutXml(root, override.file, theme.area));
  }
  return layouts;
}

/** Files of a theme that override module files (`Vendor_Module/templates/...`) or theme-level web assets. */
function readOverrides(files: WalkedFile[], dir: string): ThemeOverride[] {
  const out: ThemeOverride[] = [];
  const prefix = dir ? `${dir}/` : '';
  for (const { path: file } of files) {
    const parts = file.slice(prefix.length).split('/');
    const first = parts[0] ?? '';
    if (/^[A-Z][A-Za-z0-9]*_[A-Za-z0-9]+$/.test(first) && parts.length >= 3) {
      const modulePath = parts.slice(1).join('/');
      out.push({ file, module: first, kind: overrideKind(parts.slice(1)), modulePath });
    } else if (first === 'web' && parts.length >= 2) {
      out.push({ file, module: null, kind: 'web', modulePath: parts.join('/') });
    }
  }
  return out;
}

function overrideKind(parts: string[]): ThemeOverride['kind'] {
  const [first, second] = parts;
  if (first === 'templates') return 'template';
  if (first === 'layout') return second === 'override' ? 'layout-override' : 'layout';
  if (first === 'page_layout') return 'layout';
  if (first === 'web') return 'web';
  if (first === 'email') return 'email';
  return 'other';
}

/** Language packs from their registrations; the locale comes from language.xml `<code>`. */
export function buildLanguagePacks(ctx: LoadContext, registrations: Registration[]): LanguagePack[] {
  const packs: LanguagePack[] = [];
  for (const reg of registrations) {
    if (reg.type !== 'language') continue;
    const root = ctx.readXml(reg.dir ? `${reg.dir}/language.xml` : 'language.xml');
    const code = (root ? firstChild(root, 'code')?.text : undefined) || reg.name;
    packs.push({ code, package: reg.package, path: reg.dir });
  }
  return packs.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.path < b.path ? -1 : 1));
}
