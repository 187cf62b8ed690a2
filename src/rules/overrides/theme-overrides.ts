// Shared evaluation of theme overrides: for each override, its original now and at the target, so the per-kind
// rules (template, layout, web, email, redundant, no original) only decide what to say.
import type { Theme, ThemeOverride } from '../../project/model.js';
import { describeChain, lookupOriginal, originalCandidates, type OriginalRef } from '../../check/files/originals.js';
import { overrideCarriesChange, sameIgnoringComments } from '../../check/files/meaningful.js';
import { unifiedDiff } from '../../check/files/unified-diff.js';
import type { RuleContext } from '../rule.js';
import { cosmeticChange, type ReleaseFiles } from '../../check/files/release-files.js';

export type OverrideState =
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

const cache = new WeakMap<object, EvaluatedOverride[]>();

export function evaluateOverrides(context: RuleContext): EvaluatedOverride[] {
  const key = context.files;
  if (!key) return [];
  const hit = cache.get(key);
  if (hit) return hit;
  const out: EvaluatedOverride[] = [];
  const { current, target } = key;
  for (const theme of context.project.themes) {
    if (theme.location === 'vendor' && theme.package?.startsWith('magento/')) continue;
    for (const override of theme.overrides) {
      const candidates = originalCandidates(theme, override);
      let state: OverrideState = { kind: 'unknown' };
      if (current && candidates.length > 0) {
        const lookup = lookupOriginal(theme, override, current, context.project.themes);
        if (lookup.kind === 'none') {
          const added = target ? lookupOriginal(theme, override, target, context.project.themes) : undefined;
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
  cache.set(key, out);
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
  const out: (OriginalRef & { diff?: string })[] = [];
  for (const c of candidates.slice(at + 1)) {
    if (!current.hasComponent(c.component) || !target.hasComponent(c.component)) continue;
    const a = current.hash(c.component, c.path);
    const b = target.hash(c.component, c.path);
    if (!a || !b || a === b || cosmeticChange(current, target, c.component, c.path)) continue;
    const diff = originalDiff(c, current, target);
    out.push({ ...c, ...(diff ? { diff } : {}) });
  }
  return out;
}

/** A theme shipped by Hyvä (`Hyva/…`, upgrade-patch-helper's "Hyvä base theme") whose original is a core module file. */
/** The original's diff from the current release to the target, when both releases hold its text (vendor trees). */
function originalDiff(o: OriginalRef, current: ReleaseFiles, target: ReleaseFiles): string | undefined {
  const before = current.text?.(o.component, o.path);
  const after = target.text?.(o.component, o.path);
  const name = `${o.component}::${o.path}`;
  return before !== undefined && after !== undefined
    ? unifiedDiff(before, after, `${name} (${current.label})`, `${name} (${target.label})`)
    : undefined;
}

function hyvaBaseOverCore(theme: Theme, component: string): boolean {
  return theme.code.slice(theme.area.length + 1).startsWith('Hyva/') && component.startsWith('Magento_');
}

export function describeOriginal(o: OriginalRef): string {
  return o.component.includes('/') || o.component === 'lib' ? `${o.component}: ${o.path}` : `${o.component}::${o.path}`;
}

/** The messages of the four theme-*-changed rules, which report through reportChangedOverrides (spread into their meta). */
/** The docs of the four theme-*-changed rules, which differ only in the kind of file they judge. */
export const THEME_OVERRIDE_DOCS =
  'A theme file replaces the core original entirely, so upstream fixes to the original never reach the store. ' +
  'MageUp compares the original (found along the theme parent chain, then the module) between the current and the ' +
  'target version: from the shipped file-hash index, or with exact diffs from --baseline-vendor/--target-vendor trees. ' +
  'With the diffs, an override that already reflects the change (it keeps no line the upstream removed and has the ' +
  'lines it added wherever it has their surroundings) is reported at info, with the diff to read once.';

export const THEME_OVERRIDE_MESSAGES = {
  deeperChanged:
    'Theme {{theme}} overrides {{what}} {{deeper}}, which changed between {{current}} and {{target}}, through ' +
    '{{original}} (fallback chain: {{chain}}).',
  deeperChangedDiff:
    'Theme {{theme}} overrides {{what}} {{deeper}}, which changed between {{current}} and {{target}}, through ' +
    '{{original}} (fallback chain: {{chain}}). The upstream diff is attached.',
  changed:
    'Theme {{theme}} overrides {{what}} {{original}}, which changed between {{current}} and {{target}}. The upstream ' +
    'diff is attached.',
  changedNoDiff:
    'Theme {{theme}} overrides {{what}} {{original}}, which changed between {{current}} and {{target}}. Changed ' +
    'upstream; run with --baseline-vendor/--target-vendor for the diff.',
  carried:
    'Theme {{theme}} overrides {{what}} {{original}}, which changed between {{current}} and {{target}}; the override ' +
    'already reflects the change (it keeps no line the upstream removed and has the lines it added wherever it has ' +
    'their surroundings). The upstream diff is attached.',
  commentsOnly:
    'Theme {{theme}} overrides {{what}} {{original}}, which changed between {{current}} and {{target}} in comments ' +
    'and whitespace only (file data: the text without comments is the same): nothing to port.',
  unverified:
    'Could not verify {{what}} {{original}} (overridden by theme {{theme}}) against {{target}}: the knowledge base has ' +
    'no file data for {{component}} there, so whether it changed is unknown.',
  appears:
    'Theme {{theme}} has {{file}}, which overrides nothing in {{current}} but overrides {{what}} {{original}}, new in ' +
    '{{target}}: from the upgrade on, the new original is replaced by this file.',
  unplaced:
    'Could not verify {{what}} {{file}} (theme {{theme}}): its original could not be placed, because the fallback ' +
    'chain tried ({{tried}}) reaches {{holder}}, whose files {{current}} does not hold; whether the original changed ' +
    'is unknown.',
  removed:
    'Theme {{theme}} overrides {{what}} {{original}}, which {{target}} no longer has: the override is dead or must move.',
};

/** Severities of THEME_OVERRIDE_MESSAGES that are not the rules' `warning`. */
export const THEME_OVERRIDE_SEVERITIES = {
  carried: 'info',
  commentsOnly: 'info',
  unverified: 'info',
  unplaced: 'info',
  removed: 'error',
} as const;

/** Reports changed/removed overrides of one kind; the four theme-*-changed rules share it. */
export function reportChangedOverrides(context: RuleContext, kinds: ThemeOverride['kind'][], what: string): void {
  const currentLabel = context.files?.current?.label ?? 'current';
  const targetLabel = context.files?.target?.label ?? context.target.release.version;
  for (const { theme, override, state, deeper } of evaluateOverrides(context)) {
    if (!kinds.includes(override.kind)) continue;
    const named = (original: Parameters<typeof describeOriginal>[0]) => ({
      theme: theme.code,
      what,
      original: describeOriginal(original),
      current: currentLabel,
      target: targetLabel,
    });
    const at = {
      file: override.file,
      ...(override.module ? { module: override.module } : {}),
      subject: `${theme.code} ${override.modulePath}`,
    };
    // Beneath a third-party theme's copy, the module's own original changed too: the copy may lag behind it.
    for (const d of deeper ?? []) {
      if (!('original' in state)) break;
      const chain = describeChain([state.original, d]);
      context.report({
        ...at,
        subject: `${at.subject} ${d.component}`,
        messageId: d.diff ? 'deeperChangedDiff' : 'deeperChanged',
        data: {
          theme: theme.code,
          what,
          deeper: describeOriginal(d),
          current: currentLabel,
          target: targetLabel,
          original: describeOriginal(state.original),
          chain,
        },
        recommendation: `Check that ${override.file} (and ${describeOriginal(state.original)}, which it overrides first) carry the change of ${describeOriginal(d)}.`,
        ...(d.diff ? { details: d.diff } : {}),
        effort: { hours: 1, confidence: 'medium' },
      });
    }
    if (state.kind === 'changed') {
      // The override already equals the target's original: nothing to port (redundant-override says to delete it).
      if (context.files?.projectHash?.(override.file) === state.targetHash) continue;
      const own = context.files?.projectText?.(override.file);
      const after = context.files?.target?.text?.(state.original.component, state.original.path);
      if (own !== undefined && after !== undefined && sameIgnoringComments(own, after, override.file)) continue;
      const before = context.files?.current?.text?.(state.original.component, state.original.path);
      // The override keeps none of what the upstream removed and has what it added: ported already (info).
      const carried =
        own !== undefined &&
        after !== undefined &&
        before !== undefined &&
        overrideCarriesChange(before, after, own, override.file);
      context.report({
        ...at,
        messageId: carried ? 'carried' : state.diff ? 'changed' : 'changedNoDiff',
        data: named(state.original),
        recommendation: carried
          ? `Read the attached upstream diff once against ${override.file} to confirm the change is carried.`
          : `Compare the override with the new original and port the upstream change (bug and security fixes) into ${override.file}.`,
        ...(state.diff ? { details: state.diff } : {}),
        effort: { hours: 1, confidence: 'medium' },
      });
    } else if (state.kind === 'unchanged' && state.cosmetic === 'hashes') {
      // With both texts at hand a cosmetic change is not reported (upgrade-patch-helper's "not meaningful"); from the
      // shipped data alone no diff can be shown, so an info says what is known and why nothing is to do.
      context.report({
        ...at,
        messageId: 'commentsOnly',
        data: named(state.original),
        recommendation: 'Nothing to port; run with --baseline-vendor/--target-vendor to read the change.',
        effort: { hours: 0, confidence: 'high' },
      });
    } else if (state.kind === 'unverified') {
      context.report({
        ...at,
        messageId: 'unverified',
        data: {
          what,
          original: describeOriginal(state.original),
          theme: theme.code,
          target: targetLabel,
          component: state.original.component,
        },
        recommendation: `Compare the override with the original in a ${context.target.release.version} install, or run with --target-vendor <vendor dir of a ${context.target.release.version} install>.`,
        effort: { hours: 0, confidence: 'low' },
      });
    } else if (state.kind === 'appears') {
      context.report({
        ...at,
        messageId: 'appears',
        data: {
          theme: theme.code,
          file: override.file,
          current: currentLabel,
          what,
          original: describeOriginal(state.original),
          target: targetLabel,
        },
        recommendation: `Compare ${override.file} with the new original: merge what the target's version brings, or rename the file if replacing it is not intended.`,
        effort: { hours: 1, confidence: 'medium' },
      });
    } else if (state.kind === 'unplaced') {
      const holder = state.missing.includes('/')
        ? `theme ${state.missing}`
        : state.missing === 'lib'
          ? 'lib/web'
          : `module ${state.missing}`;
      context.report({
        ...at,
        messageId: 'unplaced',
        data: {
          what,
          file: override.file,
          theme: theme.code,
          tried: describeChain(state.tried),
          holder,
          current: currentLabel,
        },
        recommendation: `Run with --baseline-vendor/--target-vendor pointing at vendor trees that hold ${state.missing}, or compare the override with its original by hand.`,
        effort: { hours: 0, confidence: 'low' },
      });
    } else if (state.kind === 'removed') {
      context.report({
        ...at,
        messageId: 'removed',
        data: { theme: theme.code, what, original: describeOriginal(state.original), target: targetLabel },
        recommendation:
          'Find where the markup went in the target (renamed file, new block) and move the customization there, or delete the override.',
        effort: { hours: 2, confidence: 'low' },
      });
    }
  }
}
