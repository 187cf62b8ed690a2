import { parse, type HTMLElement } from 'node-html-parser';
import type { ProjectModel } from '../project/model.js';
import type { Net } from './net.js';
import type { PageKind, PageTarget, Storefront } from './types.js';

/** A path no storefront serves: the 404 page. */
export const NOT_FOUND_PATH = '/mageup-verify-no-such-page-404';

export interface DiscoverOptions {
  baseUrl: string;
  project?: ProjectModel;
  /** `--stores`: store view codes, or undefined for all. */
  only?: string[];
}

/**
 * The store views to probe and the pages of each: store views and base URLs from the project when it has them
 * (config.php scopes, base URLs in config.php / env.php), else from the storefront's store switcher; pages from the
 * storefront itself (home → menu → a category → products, footer → a CMS page, search on a word of a product name).
 */
export async function discoverStorefronts(net: Net, opts: DiscoverOptions): Promise<Storefront[]> {
  const base = withSlash(opts.baseUrl);
  const stores: Storefront[] = [];
  const fromProject = projectStores(base, opts.project);
  if (fromProject.length > 0) stores.push(...fromProject);
  const home = await net.observeOnce(base);
  const homeHtml = home.status === 200 ? home.body.toString('utf8') : '';
  if (stores.length === 0) {
    const switcher = switcherStores(homeHtml);
    const current = switcher.find((s) => s.current)?.code ?? 'default';
    stores.push({ code: current, baseUrl: base, source: 'given', pages: [], notes: [] });
    for (const s of switcher)
      if (s.code !== current)
        stores.push({
          code: s.code,
          name: s.name,
          baseUrl: storeUrl(base, s.code),
          source: 'switcher',
          pages: [],
          notes: [],
        });
  }
  const chosen = opts.only ? stores.filter((s) => opts.only!.includes(s.code)) : stores;
  if (opts.only) {
    const unknown = opts.only.filter((c) => !stores.some((s) => s.code === c));
    if (unknown.length > 0)
      throw new Error(
        `--stores: unknown store view ${unknown.join(', ')} (known: ${stores.map((s) => s.code).join(', ') || 'none'})`,
      );
  }
  const seenOrigins = new Set<string>();
  const firstOfOrigin = chosen.map((store) => {
    const origin = new URL(store.baseUrl).origin;
    return seenOrigins.has(origin) ? false : (seenOrigins.add(origin), true);
  });
  // Store views are independent: discovered side by side (each one's home → category → product chain stays in order).
  await Promise.all(
    chosen.map(async (store, i) => {
      store.pages = await discoverPages(net, store, {
        perOrigin: firstOfOrigin[i]!,
        adminPath: opts.project?.services.adminFrontName,
        homeHtml: store.baseUrl === base ? homeHtml : undefined,
      });
    }),
  );
  return chosen;
}

/** Store views of the project's config.php with the base URL each resolves to. */
function projectStores(base: string, project: ProjectModel | undefined): Storefront[] {
  if (!project || project.stores.stores.length === 0) return [];
  const urls = project.baseUrls ?? [];
  const pick = (scope: string, code: string): string | undefined => {
    const e = urls.find((u) => u.scope === scope && u.code === code);
    return e?.secure ?? e?.unsecure;
  };
  const defaultUrl = pick('default', '');
  const out: Storefront[] = [];
  for (const store of project.stores.stores.filter((s) => s.active)) {
    const website = project.stores.websites.find((w) => w.id === store.websiteId);
    const configured = pick('stores', store.code) ?? (website ? pick('websites', website.code) : undefined);
    const notes: string[] = [];
    let url: string;
    if (configured && !configured.includes('{{') && configured !== defaultUrl) {
      url = withSlash(configured);
    } else {
      // Same base URL as the default store view: the store is chosen with ___store, as the store switcher does.
      url = store.id === lowestStoreId(project) ? base : storeUrl(base, store.code);
    }
    out.push({ code: store.code, name: store.name, baseUrl: url, source: 'project', pages: [], notes });
  }
  return out;
}

function lowestStoreId(project: ProjectModel): number {
  const active = project.stores.stores.filter((s) => s.active);
  const defaultGroup = project.stores.groups.find((g) => g.id === project.stores.websites[0]?.defaultGroupId);
  const inGroup = defaultGroup ? active.filter((s) => s.groupId === defaultGroup.id) : active;
  return Math.min(...(inGroup.length > 0 ? inGroup : active).map((s) => s.id));
}

/** Luma's store and language switchers: `<li class="view-<code> switcher-option">`, the current one in `<strong>`. */
export function switcherStores(html: string): { code: string; name: string; current: boolean }[] {
  if (!html) return [];
  const root = parse(html);
  const out = new Map<string, { code: string; name: string; current: boolean }>();
  for (const sw of root.querySelectorAll('.switcher')) {
    const current = sw.querySelector('.switcher-trigger strong, .switcher-trigger');
    const currentCode = current ? viewCode(current.querySelector('[class*="view-"]') ?? current) : undefined;
    if (currentCode && !out.has(currentCode))
      out.set(currentCode, { code: currentCode, name: current!.text.trim(), current: true });
    for (const li of sw.querySelectorAll('li.switcher-option')) {
      const code = viewCode(li);
      if (code && !out.has(code)) out.set(code, { code, name: li.text.trim(), current: false });
    }
  }
  return [...out.values()];
}

function viewCode(el: HTMLElement): string | undefined {
  return /(?:^|\s)view-([A-Za-z0-9_]+)/.exec(el.getAttribute('class') ?? '')?.[1];
}

async function discoverPages(
  net: Net,
  store: Storefront,
  opts: { perOrigin: boolean; adminPath?: string; homeHtml?: string },
): Promise<PageTarget[]> {
  const base = store.baseUrl;
  const at = (path: string): string => storeRelative(base, path);
  const pages: PageTarget[] = [{ kind: 'home', url: base, expect: 'ok', browser: true }];
  const homeHtml = opts.homeHtml ?? (await htmlOf(net, base));
  const home = parse(homeHtml);
  const origin = new URL(base).origin;
  // A store view reached with ___store keeps it on every page: verify sends no cookies to remember it.
  const storeCode = new URL(base).searchParams.get('___store');
  const internal = (href: string | undefined): string | undefined => {
    if (!href || href.startsWith('#') || href.startsWith('javascript:')) return undefined;
    try {
      const u = new URL(href, base);
      if (storeCode && !u.searchParams.has('___store')) u.searchParams.set('___store', storeCode);
      return u.origin === origin ? u.href : undefined;
    } catch {
      return undefined;
    }
  };

  const categories = home
    .querySelectorAll('nav.navigation a.level-top, .navigation li.level0 > a, nav a.level-top')
    .map((a) => internal(a.getAttribute('href')))
    .filter((u): u is string => u !== undefined);
  const category = categories[0];
  let products: { url: string; name: string }[] = [];
  if (category) {
    pages.push({ kind: 'category', url: category, expect: 'ok', browser: true });
    const root = parse(await htmlOf(net, category));
    products = root
      .querySelectorAll(
        'a.product-item-link, .product-item-info a.product-item-photo, .product-item a.product-item-link',
      )
      .map((a) => ({ url: internal(a.getAttribute('href')), name: a.text.trim() }))
      .filter((p): p is { url: string; name: string } => p.url !== undefined);
    products = products.filter((p, i) => products.findIndex((q) => q.url === p.url) === i);
    if (products.length === 0) store.notes.push(`no product link on the category page ${category}`);
  } else store.notes.push('no category link in the menu of the home page');

  // One simple and one configurable product when the listing has both (the first three are looked at).
  const seen = new Set<PageKind>();
  for (const product of products.slice(0, 3)) {
    const html = await htmlOf(net, product.url);
    const kind: PageKind = isConfigurable(html) ? 'product-configurable' : 'product';
    if (seen.has(kind)) continue;
    seen.add(kind);
    pages.push({ kind, url: product.url, expect: 'ok', browser: true });
    if (seen.size === 2) break;
  }

  const cms =
    home
      .querySelectorAll('footer a, .footer.links a, .page-footer a')
      .map((a) => internal(a.getAttribute('href')))
      .find((u) => u && !/customer|sales|contact|catalogsearch|checkout|newsletter|wishlist|search/i.test(u)) ??
    at('privacy-policy-cookie-restriction-mode');
  pages.push({ kind: 'cms', url: cms, expect: 'ok', browser: true });

  const word = products.map((p) => /[\p{L}]{3,}/u.exec(p.name)?.[0]).find(Boolean) ?? 'shirt';
  pages.push({
    kind: 'search',
    url: at(`catalogsearch/result/?q=${encodeURIComponent(word)}`),
    expect: 'ok',
    browser: true,
  });
  pages.push({ kind: 'cart', url: at('checkout/cart/'), expect: 'ok', browser: true });
  pages.push({ kind: 'checkout', url: at('checkout/'), expect: 'any', browser: false });
  pages.push({ kind: 'login', url: at('customer/account/login/'), expect: 'ok', browser: true });
  pages.push({ kind: 'register', url: at('customer/account/create/'), expect: 'ok', browser: true });
  pages.push({ kind: 'contact', url: at('contact/'), expect: 'ok', browser: true });
  pages.push({ kind: 'not-found', url: at(NOT_FOUND_PATH.slice(1)), expect: 'not-found', browser: false });
  if (opts.perOrigin) {
    pages.push({ kind: 'admin', url: `${origin}/${opts.adminPath ?? 'admin'}`, expect: 'any', browser: false });
    pages.push({ kind: 'robots', url: `${origin}/robots.txt`, expect: 'any', browser: false });
    pages.push({ kind: 'sitemap', url: await sitemapUrl(net, origin), expect: 'any', browser: false });
  }
  return pages;
}

/** Magento's configurable product page: the swatch or super-attribute options and their JSON config. */
export function isConfigurable(html: string): boolean {
  return /data-role="swatch-options"|super_attribute\[|"Magento_ConfigurableProduct\/js\/configurable"|configurable-options/i.test(
    html,
  );
}

async function htmlOf(net: Net, url: string): Promise<string> {
  const res = await net.observeOnce(url);
  return res.status === 200 && /html/i.test(res.contentType ?? '') ? res.body.toString('utf8') : '';
}

/** The sitemap named in robots.txt, else /sitemap.xml. */
async function sitemapUrl(net: Net, origin: string): Promise<string> {
  const res = await net.observeOnce(`${origin}/robots.txt`);
  const named = res.status === 200 ? /^\s*sitemap:\s*(\S+)/im.exec(res.body.toString('utf8'))?.[1] : undefined;
  if (named) {
    try {
      const u = new URL(named, origin);
      if (u.origin === origin) return u.href;
    } catch {
      // fall through to the default place
    }
  }
  return `${origin}/sitemap.xml`;
}

export function withSlash(url: string): string {
  const u = new URL(url);
  if (!u.pathname.endsWith('/')) u.pathname += '/';
  return u.href;
}

/** The store view chosen with `___store` on the same base URL (what Luma's store switcher leads to). */
export function storeUrl(base: string, code: string): string {
  const u = new URL(base);
  u.searchParams.set('___store', code);
  return u.href;
}

/** A path under a store's base URL, keeping its `___store` parameter. */
export function storeRelative(base: string, path: string): string {
  const b = new URL(base);
  const u = new URL(path, `${b.origin}${b.pathname}`);
  const store = b.searchParams.get('___store');
  if (store) u.searchParams.set('___store', store);
  return u.href;
}
