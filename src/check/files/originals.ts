// Where the original of a theme override lives: along the theme's parent chain (Luma → Blank, or a Hyvä theme's
// parents), then in the module's view/<area>/ or view/base/, then lib/web for theme-level web files.
import type { Theme, ThemeOverride } from '../../project/model.js';
import type { Component, ReleaseFiles } from './release-files.js';

export interface OriginalRef {
  component: Component;
  path: string;
}

/** Candidate originals in Magento's fallback order (nearest first). */
export function originalCandidates(theme: Theme, override: ThemeOverride): OriginalRef[] {
  const area = theme.area;
  const parents = theme.parentChain.map((p) => `${area}/${p}`);
  const m = override.module;
  const path = override.modulePath;
  const out: OriginalRef[] = [];
  if (override.kind === 'layout-override') {
    const base = /^layout\/override\/base\/(.+)$/.exec(path);
    if (base && m) {
      out.push(
        { component: m, path: `view/${area}/layout/${base[1]}` },
        { component: m, path: `view/base/layout/${base[1]}` },
      );
    }
    const themed = /^layout\/override\/theme\/([^/]+)\/([^/]+)\/(.+)$/.exec(path);
    if (themed && m) out.push({ component: `${area}/${themed[1]}/${themed[2]}`, path: `${m}/layout/${themed[3]}` });
    return out;
  }
  if (m) {
    for (const p of parents) out.push({ component: p, path: `${m}/${path}` });
    out.push({ component: m, path: `view/${area}/${path}` }, { component: m, path: `view/base/${path}` });
  } else {
    for (const p of parents) out.push({ component: p, path });
    if (path.startsWith('web/')) out.push({ component: 'lib', path: path.slice('web/'.length) });
  }
  return out;
}

export type OriginalLookup =
  | { kind: 'found'; original: OriginalRef & { hash: string } }
  | { kind: 'none' }
  /** A parent theme of the project itself holds the same file: the original is the project's own work. */
  | { kind: 'own-parent'; theme: string }
  /**
   * The chain passes a component the release's data does not hold (a vendor theme or third-party module without a
   * vendor tree, Hyvä without its packages): what the override replaces cannot be placed. `tried` is the fallback
   * chain up to and including that component, `missing` the component itself.
   */
  | { kind: 'unplaced'; tried: OriginalRef[]; missing: Component };

/**
 * Walks the fallback chain: a project theme in the chain that has the same file is the original (not upstream);
 * a component the release does not know stops the walk (its files are unknown), instead of wrongly falling back to
 * the module's Luma template — this is how Hyvä children are kept from being compared with Luma files.
 */
export function lookupOriginal(
  theme: Theme,
  override: ThemeOverride,
  files: ReleaseFiles,
  projectThemes: Theme[],
): OriginalLookup {
  const candidates = originalCandidates(theme, override);
  for (const [i, c] of candidates.entries()) {
    if (/^(frontend|adminhtml)\//.test(c.component)) {
      const own = projectThemes.find(
        (t) => `${t.area}/${t.code.split('/').slice(1).join('/')}` === c.component && t.location === 'app-design',
      );
      if (own) {
        if (own.overrides.some((o) => o.module === override.module && o.modulePath === override.modulePath))
          return { kind: 'own-parent', theme: own.code };
        continue;
      }
    }
    // A theme, module (or lib) the release does not hold: its files are not known here.
    if (!files.hasComponent(c.component))
      return { kind: 'unplaced', tried: candidates.slice(0, i + 1), missing: c.component };
    const hash = files.hash(c.component, c.path);
    if (hash) return { kind: 'found', original: { ...c, hash } };
  }
  return { kind: 'none' };
}

/** The fallback chain as words: `frontend/Acme/base: Magento_Foo/templates/x.phtml → Magento_Foo::view/frontend/…`. */
export function describeChain(refs: OriginalRef[]): string {
  return refs
    .map((o) =>
      o.component.includes('/') || o.component === 'lib' ? `${o.component}: ${o.path}` : `${o.component}::${o.path}`,
    )
    .join(' → ');
}
