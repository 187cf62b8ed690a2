// Where the original of a theme override lives: along the theme's parent chain (Luma → Blank, or a Hyvä theme's
// parents), then in the module's view/<area>/ or view/base/, then lib/web for theme-level web files.
import type { Theme, ThemeOverride } from '../project/model.js';
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

/** The nearest candidate a release holds. */
export function findOriginal(
  candidates: OriginalRef[],
  files: ReleaseFiles,
): (OriginalRef & { hash: string }) | undefined {
  for (const c of candidates) {
    const hash = files.hash(c.component, c.path);
    if (hash) return { ...c, hash };
  }
  return undefined;
}

/** Does any candidate's component exist in the release (so "absent" means absent, not "not indexed")? */
export function knowsAnyComponent(candidates: OriginalRef[], files: ReleaseFiles): boolean {
  return candidates.some((c) => files.hasComponent(c.component));
}

export type OriginalLookup =
  | { kind: 'found'; original: OriginalRef & { hash: string } }
  | { kind: 'none' }
  /** The chain passes a theme the release does not know (Hyvä or another vendor theme without a vendor tree), or
   * a parent theme of the project itself holds the file: what the override replaces cannot be told. */
  | { kind: 'unknown' };

/**
 * Walks the fallback chain: a project theme in the chain that has the same file is the original (not upstream);
 * a theme the release does not know stops the walk (its files are unknown), instead of wrongly falling back to the
 * module's Luma template — this is how Hyvä children are kept from being compared with Luma files.
 */
export function lookupOriginal(
  theme: Theme,
  override: ThemeOverride,
  files: ReleaseFiles,
  projectThemes: Theme[],
): OriginalLookup {
  const candidates = originalCandidates(theme, override);
  if (!knowsAnyComponent(candidates, files)) return { kind: 'unknown' };
  for (const c of candidates) {
    if (/^(frontend|adminhtml)\//.test(c.component)) {
      const own = projectThemes.find(
        (t) => `${t.area}/${t.code.split('/').slice(1).join('/')}` === c.component && t.location === 'app-design',
      );
      if (own) {
        if (own.overrides.some((o) => o.module === override.module && o.modulePath === override.modulePath))
          return { kind: 'unknown' };
        continue;
      }
      if (!files.hasComponent(c.component)) return { kind: 'unknown' };
    } else if (!files.hasComponent(c.component)) {
      // A module (or lib) the release does not hold: a third-party module whose files are not known here.
      return { kind: 'unknown' };
    }
    const hash = files.hash(c.component, c.path);
    if (hash) return { kind: 'found', original: { ...c, hash } };
  }
  return { kind: 'none' };
}
