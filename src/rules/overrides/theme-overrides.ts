// What the theme-override rules share: how an evaluated override (check/files/theme-overrides.ts) is described and
// reported.
import type { ThemeOverride } from '../../project/model.js';
import { describeChain, type OriginalRef } from '../../check/files/originals.js';
import { overrideCarriesChange, sameIgnoringComments } from '../../check/files/meaningful.js';
import type { RuleContext } from '../rule.js';

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
  // The kind of file ({{what}}) each theme-*-changed rule judges.
  kindWeb: 'web asset',
  kindEmail: 'email template',
  kindTemplate: 'template',
  kindLayout: 'layout',
};

/** Severities of THEME_OVERRIDE_MESSAGES that are not the rules' `warning`. */
/** The recommendations of reportChangedOverrides (spread into the meta of the theme-*-changed rules). */
export const THEME_OVERRIDE_RECOMMENDATIONS = {
  checkDeeper: 'Check that {{file}} (and {{original}}, which it overrides first) carry the change of {{deeper}}.',
  confirmCarried: 'Read the attached upstream diff once against {{file}} to confirm the change is carried.',
  portChange:
    'Compare the override with the new original and port the upstream change (bug and security fixes) into {{file}}.',
  nothingToPort: 'Nothing to port; run with --baseline-vendor/--target-vendor to read the change.',
  compareOnTarget:
    'Compare the override with the original in a {{release}} install, or run with --target-vendor <vendor dir of a ' +
    '{{release}} install>.',
  mergeNewOriginal:
    "Compare {{file}} with the new original: merge what the target's version brings, or rename the file if " +
    'replacing it is not intended.',
  pointAtTrees:
    'Run with --baseline-vendor/--target-vendor pointing at vendor trees that hold {{missing}}, or compare the ' +
    'override with its original by hand.',
  moveCustomization:
    'Find where the markup went in the target (renamed file, new block) and move the customization there, or delete ' +
    'the override.',
};

export const THEME_OVERRIDE_SEVERITIES = {
  carried: 'info',
  commentsOnly: 'info',
  unverified: 'info',
  unplaced: 'info',
  removed: 'error',
} as const;

/** Reports changed/removed overrides of one kind; the four theme-*-changed rules share it. */
export function reportChangedOverrides(
  context: RuleContext,
  kinds: ThemeOverride['kind'][],
  kind: 'kindWeb' | 'kindEmail' | 'kindTemplate' | 'kindLayout',
): void {
  const what = [{ messageId: kind }];
  const currentLabel = context.files?.current?.label ?? 'current';
  const targetLabel = context.files?.target?.label ?? context.target.release.version;
  for (const { theme, override, state, deeper } of context.files?.themeOverrides ?? []) {
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
          file: override.file,
        },
        recommendationId: 'checkDeeper',
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
        data: { ...named(state.original), file: override.file },
        recommendationId: carried ? 'confirmCarried' : 'portChange',
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
        recommendationId: 'nothingToPort',
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
          release: context.target.release.version,
        },
        recommendationId: 'compareOnTarget',
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
        recommendationId: 'mergeNewOriginal',
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
          missing: state.missing,
        },
        recommendationId: 'pointAtTrees',
        effort: { hours: 0, confidence: 'low' },
      });
    } else if (state.kind === 'removed') {
      context.report({
        ...at,
        messageId: 'removed',
        data: { theme: theme.code, what, original: describeOriginal(state.original), target: targetLabel },
        recommendationId: 'moveCustomization',
        effort: { hours: 2, confidence: 'low' },
      });
    }
  }
}
