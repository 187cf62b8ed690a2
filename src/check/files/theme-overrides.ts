// Theme overrides evaluated once per target for the overrides rules (RuleContext.files.themeOverrides): for each
// override, its original now and at the target, so the per-kind rules (template, layout, web, email, redundant, no
// original) only decide what to say.
import type { ProjectModel, Theme, ThemeOverride } from '../../project/model.js';
import { lookupOriginal, originalCandidates, type OriginalRef } from './originals.js';
import { unifiedDiff } from './unified-diff.js';
import { cosmeticChange, type ReleaseFiles } from './release-files.js';

interface ReleasePair {
  current: ReleaseFiles | null;
  target: ReleaseFiles | null;
}

/** RuleContext.files with its theme overrides evaluated on first use, once. */
export function withThemeOverrides<T extends ReleasePair>(
  project: ProjectModel,
  files: T,
): T & { readonly themeOverrides: EvaluatedOverride[] } {
  let evaluated: EvaluatedOverride[] | undefined;
  return Object.defineProperty({ ...files }, 'themeOverrides', {
    get: () => (evaluated ??= evaluateOverrides(project, files)),
    enumerable: true,
  }) as T & { readonly themeOverrides: EvaluatedOverride[] };
}

type OverrideState =
  /** Nothing to compare: no data for the current release, or a project parent theme holds the original. */
  | { kind: 'unknown' }
  /** The fallback chain reaches a component the data does not hold: reported as "could not verify". */
  | { kind: 'unplaced'; tried: OriginalRef[]; missing: string }
  | { kind: 'no-original' }
  /** No original now, but the target adds one along the chain: from the upgrade on, the file overrides it. */
  | { kind: 'appears'; original: OriginalRef & { hash: string } }
  /**
   * Unchanged, or changed only in comments and whitespace (`cosmetic`: upgrade-patch-helper's "not meaningful"), as
   * the two texts show (`texts`) or, without the texts, the index's meaningful hashes (`hashes`).
   */
  | { kind: 'unchanged'; original: OriginalRef & { hash: string }; cosmetic?: 'texts' | 'hashes'; targetHash?: string }
  | { kind: 'changed'; original: OriginalRef & { hash: string }; targetHash: string; diff?: string }
  | { kind: 'removed'; original: OriginalRef & { hash: string } }
  /** Known now, but the target's data does not hold its component (release or package not covered): never "removed". */
  | { kind: 'unverified'; original: OriginalRef & { hash: string } };

export interface EvaluatedOverride {
  theme: Theme;
  override: ThemeOverride;
  state: OverrideState;
  /**
   * When the nearest original is a third-party theme's copy: the originals beneath it in the fallback chain (the
   * module's own file…) that changed too, nearest first. Magento's own themes keep their copies in step.
   */
  deeper?: (OriginalRef & { diff?: string })[];
}

/** Each theme override with its original now and at the target (no files: none). */
function evaluateOverrides(project: ProjectModel, files: ReleasePair | undefined): EvaluatedOverride[] {
  if (!files) return [];
  const out: EvaluatedOverride[] = [];
  const { current, target } = files;
  for (const theme of project.themes) {
    if (theme.location === 'vendor' && theme.package?.startsWith('magento/')) continue;
    for (const override of theme.overrides) {
      const candidates = originalCandidates(theme, override);
      let state: OverrideState = { kind: 'unknown' };
      if (current && candidates.length > 0) {
        const lookup = lookupOriginal(theme, override, current, project.themes);
        if (lookup.kind === 'none') {
          const added = target ? lookupOriginal(theme, override, target, project.themes) : undefined;
          state = added?.kind === 'found' ? { kind: 'appears', original: added.original } : { kind: 'no-original' };
        } else if (lookup.kind === 'unplaced')
          state = { kind: 'unplaced', tried: lookup.tried, missing: lookup.missing };
        else if (lookup.kind === 'found' && hyvaBaseOverCore(theme, lookup.original.component)) {
          // A Hyvä theme's own template is Hyvä's work, not a copy of Magento's Luma file: never compared with it.
          state = { kind: 'unknown' };
        } else if (lookup.kind === 'found') {
          const original = lookup.original;
          const targetHash = target?.hasComponent(original.component)
            ? target.hash(original.component, original.path)
            : undefined;
          if (!target || !target.hasComponent(original.component)) state = { kind: 'unverified', original };
          else if (!targetHash) state = { kind: 'removed', original };
          else if (targetHash === original.hash) state = { kind: 'unchanged', original };
          else {
            const cosmetic = cosmeticChange(current, target, original.component, original.path);
            if (cosmetic) state = { kind: 'unchanged', original, cosmetic, targetHash };
            else {
              const diff = originalDiff(original, current, target);
              state = { kind: 'changed', original, targetHash, ...(diff ? { diff } : {}) };
            }
          }
        }
      }
      // A Hyvä theme's templates are Hyvä's work: the module's Luma files beneath are not its originals.
      const deeper =
        current &&
        target &&
        !theme.hyva &&
        'original' in state &&
        !/^(frontend|adminhtml)\/Magento\/|^Magento_|^lib$/.test(state.original.component)
          ? changedBeneath(candidates, state.original, current, target)
          : [];
      out.push({ theme, override, state, ...(deeper.length > 0 ? { deeper } : {}) });
    }
  }
  return out;
}

/** Originals after `found` in the chain that both releases hold and that changed beyond comments. */
function changedBeneath(
  candidates: OriginalRef[],
  found: OriginalRef,
  current: ReleaseFiles,
  target: ReleaseFiles,
): (OriginalRef & { diff?: string })[] {
  const at = candidates.findIndex((c) => c.component === found.component && c.path === found.path);
  return changedAmong(candidates.slice(at + 1), current, target);
}

/** The candidates that both releases hold and that changed beyond comments, with their diffs. */
export function changedAmong(
  candidates: OriginalRef[],
  current: ReleaseFiles,
  target: ReleaseFiles,
): (OriginalRef & { diff?: string })[] {
  const out: (OriginalRef & { diff?: string })[] = [];
  for (const c of candidates) {
    if (!current.hasComponent(c.component) || !target.hasComponent(c.component)) continue;
    const a = current.hash(c.component, c.path);
    const b = target.hash(c.component, c.path);
    if (!a || !b || a === b || cosmeticChange(current, target, c.component, c.path)) continue;
    const diff = originalDiff(c, current, target);
    out.push({ ...c, ...(diff ? { diff } : {}) });
  }
  return out;
}

/** The original's diff from the current release to the target, when both releases hold its text (vendor trees). */
function originalDiff(o: OriginalRef, current: ReleaseFiles, target: ReleaseFiles): string | undefined {
  const before = current.text?.(o.component, o.path);
  const after = target.text?.(o.component, o.path);
  const name = `${o.component}::${o.path}`;
  return before !== undefined && after !== undefined
    ? unifiedDiff(before, after, `${name} (${current.label})`, `${name} (${target.label})`)
    : undefined;
}

/** A theme shipped by Hyvä (`Hyva/…`, upgrade-patch-helper's "Hyvä base theme") whose original is a core module file. */
function hyvaBaseOverCore(theme: Theme, component: string): boolean {
  return theme.code.slice(theme.area.length + 1).startsWith('Hyva/') && component.startsWith('Magento_');
}
