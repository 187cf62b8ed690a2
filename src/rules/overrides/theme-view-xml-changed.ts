import { sameIgnoringComments } from '../../check/files/meaningful.js';
import { cosmeticChange } from '../../check/files/release-files.js';
import type { Rule } from '../rule.js';

export const themeViewXmlChanged: Rule = {
  meta: {
    id: 'overrides/theme-view-xml-changed',
    severity: 'warning',
    category: 'overrides',
    description: "A theme's etc/view.xml whose parent themes' etc/view.xml changed in the target",
    docs:
      "A theme's `etc/view.xml` (image sizes, gallery options, excluded files…) is merged over its parents' along the " +
      'fallback chain: a setting the target adds or changes in a parent (Luma, Blank) reaches the store unless the ' +
      "theme's own file sets it, and a setting the theme copied keeps the old value. Each parent whose `etc/view.xml` " +
      "changed beyond comments and whitespace is named, nearest first; a theme file identical to the parent's new one " +
      'already carries the change (info: it only keeps later changes out). Upgrade-patch-helper reports the same as an ' +
      "override (or a redundant override) of `etc/view.xml`.\n\n**How to fix:** diff the parent's `etc/view.xml` between " +
      'the versions and ' +
      "decide for each changed setting whether the theme's file should follow it.",
    recommendations: {
      deleteAfterUpgrade:
        "Delete {{own}} after upgrading unless it is meant to pin {{component}}'s settings, so later changes reach " +
        'the store.',
      carrySettings:
        "Diff {{component}}'s etc/view.xml between the versions; carry the changed settings your theme should follow " +
        'into {{own}}.',
    },
    messages: {
      parentChanged:
        '{{own}} merges over {{component}}: etc/view.xml, which changed from {{current}} to {{target}} (fallback ' +
        'chain: {{chain}}).',
      identicalToTarget:
        '{{own}} is identical to {{component}}: etc/view.xml as {{target}} has it (it already carries the change; ' +
        'fallback chain: {{chain}}).',
    },
    messageSeverity: { identicalToTarget: 'info' },
  },
  check(context) {
    const files = context.files;
    const current = files?.current;
    const target = files?.target;
    if (!current || !target || !files.projectHash) return;
    for (const theme of context.project.themes) {
      if (theme.package?.startsWith('magento/')) continue;
      const own = `${theme.path}/etc/view.xml`;
      if (!files.projectHash(own)) continue;
      for (const parent of theme.parentChain) {
        const component = `${theme.area}/${parent}`;
        // A parent that is one of the project's own themes is the project's work, not Magento's change.
        if (context.project.themes.some((t) => t.code === component && t.location === 'app-design')) continue;
        if (!current.hasComponent(component) || !target.hasComponent(component)) continue;
        const before = current.hash(component, 'etc/view.xml');
        const after = target.hash(component, 'etc/view.xml');
        if (!before || !after || before === after) continue;
        // Comments and whitespace only (texts, or the index's meaningful hashes): no setting changed.
        if (cosmeticChange(current, target, component, 'etc/view.xml')) continue;
        const ownText = files.projectText?.(own);
        const targetText = target.text?.(component, 'etc/view.xml');
        const carried =
          ownText !== undefined && targetText !== undefined && sameIgnoringComments(ownText, targetText, own);
        context.report({
          file: own,
          subject: `${theme.code} ${component}`,
          messageId: carried ? 'identicalToTarget' : 'parentChanged',
          data: {
            own,
            component,
            current: current.label,
            target: target.label,
            chain: [theme.code, ...theme.parentChain.map((p) => `${theme.area}/${p}`)].join(' → '),
          },
          recommendationId: carried ? 'deleteAfterUpgrade' : 'carrySettings',
          effort: { hours: carried ? 0.25 : 0.5, confidence: 'medium' },
        });
      }
    }
  },
};
