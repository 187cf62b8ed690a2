import { originalCandidates } from '../../check/files/originals.js';
import { changedAmong } from '../../check/files/theme-overrides.js';
import type { Rule } from '../rule.js';
import {
  describeOriginal,
  reportChangedOverrides,
  THEME_OVERRIDE_DOCS,
  THEME_OVERRIDE_MESSAGES,
  THEME_OVERRIDE_RECOMMENDATIONS,
  THEME_OVERRIDE_SEVERITIES,
} from './theme-overrides.js';

export const themeLayoutChanged: Rule = {
  meta: {
    id: 'overrides/theme-layout-changed',
    severity: 'warning',
    category: 'overrides',
    description:
      'Theme layout override (layout/override/) whose core original changed or disappeared in the target; theme ' +
      'layout extensions whose merged originals changed (info)',
    docs:
      THEME_OVERRIDE_DOCS +
      ' A theme layout file outside layout/override/ extends (is merged with) the same handle of its parent themes and ' +
      'the module: each of those that changed is named at info (upgrade-patch-helper warns), since the page the ' +
      "extension's references act on changed; a reference to a block the target removed is " +
      'overrides/layout-reference-removed.',
    recommendations: {
      ...THEME_OVERRIDE_RECOMMENDATIONS,
      readDiff:
        'Read the upstream diff against {{file}}: check that the blocks and containers it references still mean ' +
        'what it expects.',
    },
    messages: {
      ...THEME_OVERRIDE_MESSAGES,
      extendsChanged:
        'Theme {{theme}} extends layout {{original}}, which changed between {{current}} and {{target}}: the merged ' +
        'page changes beneath {{file}}. The upstream diff is attached.',
      extendsChangedNoDiff:
        'Theme {{theme}} extends layout {{original}}, which changed between {{current}} and {{target}}: the merged ' +
        'page changes beneath {{file}}. Run with --baseline-vendor/--target-vendor for the diff.',
    },
    messageSeverity: { ...THEME_OVERRIDE_SEVERITIES, extendsChanged: 'info', extendsChangedNoDiff: 'info' },
  },
  check(context) {
    reportChangedOverrides(context, ['layout-override'], 'kindLayout');
    const current = context.files?.current;
    const target = context.files?.target;
    if (!current || !target) return;
    for (const theme of context.project.themes) {
      // Magento's and Hyvä's themes keep their layouts in step with what they extend.
      if (theme.hyva || (theme.location === 'vendor' && theme.package?.startsWith('magento/'))) continue;
      for (const override of theme.overrides) {
        if (override.kind !== 'layout' || !override.file.endsWith('.xml')) continue;
        // A parent that is one of the project's own themes is the project's work, not an upstream change.
        const upstream = originalCandidates(theme, override).filter(
          (c) => !context.project.themes.some((t) => t.code === c.component && t.location === 'app-design'),
        );
        for (const changed of changedAmong(upstream, current, target)) {
          context.report({
            file: override.file,
            ...(override.module ? { module: override.module } : {}),
            subject: `${theme.code} ${override.modulePath} ${changed.component}`,
            messageId: changed.diff ? 'extendsChanged' : 'extendsChangedNoDiff',
            data: {
              theme: theme.code,
              original: describeOriginal(changed),
              current: current.label,
              target: target.label,
              file: override.file,
            },
            recommendationId: 'readDiff',
            ...(changed.diff ? { details: changed.diff } : {}),
            effort: { hours: 0.25, confidence: 'medium' },
          });
        }
      }
    }
  },
};
