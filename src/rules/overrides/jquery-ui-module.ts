import type { Rule } from '../rule.js';
import { checkJsTarget, isJqueryUiId, jsSources } from './requirejs-targets.js';

/** `jquery/ui-modules/slider`, `jquery/ui-modules/widgets/slider` → `jquery-ui-modules/slider`. */
function splitId(id: string): string | undefined {
  const widget = /^jquery\/ui-modules\/(?:widgets\/|effects\/)?([\w-]+)$/.exec(id)?.[1];
  return widget ? `jquery-ui-modules/${widget}` : undefined;
}

export const jqueryUiModule: Rule = {
  meta: {
    id: 'overrides/jquery-ui-module',
    severity: 'error',
    category: 'overrides',
    description:
      'jQuery UI loaded from a module id the target removed or re-pointed (the 2.4.4 jquery-ui-modules split)',
    docs: 'Magento 2.4.4 replaced the single jQuery UI 1.9 bundle with jQuery UI 1.13 split into `jquery-ui-modules/*` (core, widget, datepicker, slider…). A dependency on a removed file (`jquery/jquery-ui-1.9.2`, `jquery/ui-modules/slider`) no longer loads, and `jquery/ui` now loads a different file. Depend on the widgets used, through `jquery-ui-modules/<widget>`.',
    recommendations: {
      verifyTarget: 'Pass --target-vendor with a vendor tree of the target to verify it.',
      dependOnWidgets:
        'Depend on the jQuery UI widgets the file uses through {{widgets}} (the ids of 2.4.4 and later).',
    },
    messages: {
      removed: 'jQuery UI dependency {{id}}: {{file}} is absent from {{target}}.',
      moved: 'jQuery UI dependency {{id}} loads {{now}} in {{target}} ({{file}} in {{current}}).',
      unverified:
        'Could not verify jQuery UI dependency {{id}} ({{file}}) against {{target}}: the knowledge base has no JS data for it there.',
    },
    messageSeverity: { moved: 'warning', unverified: 'info' },
  },
  check(context) {
    for (const js of jsSources(context)) {
      for (const dep of js.dependencies) {
        if (!isJqueryUiId(dep.id)) continue;
        checkJsTarget(context, dep.id, js.area, (state, _detail, facts) => {
          if (state === 'changed') return;
          const verify = state === 'unverified';
          context.report({
            messageId: state,
            data: { ...facts, widgets: splitId(dep.id) ?? 'jquery-ui-modules/<widget>' },
            file: js.file,
            line: dep.line,
            subject: dep.id,
            recommendationId: verify ? 'verifyTarget' : 'dependOnWidgets',
            effort: { hours: state === 'removed' ? 1 : state === 'unverified' ? 0 : 0.5, confidence: 'medium' },
          });
        });
      }
    }
  },
};
