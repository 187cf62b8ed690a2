import type { Rule } from '../rule.js';
import { checkJsTarget, isJqueryUiId, jsSources } from './requirejs-targets.js';

export const jsDependencyTarget: Rule = {
  meta: {
    id: 'overrides/js-dependency-target',
    severity: 'error',
    category: 'overrides',
    description: 'define()/require() dependency on core JS that the target removed or re-pointed',
    docs: 'A RequireJS dependency on a core module the target no longer ships fails to load (a 404 and a script error that stops the widget). When a core `map` now points the id at another file (wysiwygAdapter: TinyMCE 4 → 5 → 6 adapters), the dependency still loads but its API may differ. A core module whose content changed is not reported here: depending on it is normal.',
    recommendations: {
      findReplacement:
        'Find the module that replaced it in the target (release notes, the core code that used it) and depend on that.',
      checkCalls: 'Check the calls this file makes on the module against the target version of the new file.',
      verifyTargets: 'Pass --target-vendor with a vendor tree of the target to verify them.',
    },
    messages: {
      removed: 'Dependency {{id}}: {{file}} is absent from {{target}}.',
      moved:
        'Dependency {{id}} loads {{now}} in {{target}} ({{file}} in {{current}}): core requirejs-config.js now points it at another file.',
      unverified:
        'Could not verify {{count}} core JS dependencies of this file ({{ids}}) against {{target}}: the knowledge base has no JS data for them there.',
    },
    messageSeverity: { moved: 'warning', unverified: 'info' },
  },
  check(context) {
    for (const js of jsSources(context)) {
      const unverified = new Set<string>();
      let firstUnverifiedLine = 0;
      for (const dep of js.dependencies) {
        if (isJqueryUiId(dep.id)) continue; // overrides/jquery-ui-module
        checkJsTarget(context, dep.id, js.area, (state, _detail, facts) => {
          if (state === 'changed') return;
          if (state === 'unverified') {
            if (unverified.size === 0) firstUnverifiedLine = dep.line;
            unverified.add(dep.id);
            return;
          }
          const removed = state === 'removed';
          context.report({
            messageId: state,
            data: facts,
            file: js.file,
            line: dep.line,
            subject: dep.id,
            recommendationId: removed ? 'findReplacement' : 'checkCalls',
            effort: { hours: state === 'removed' ? 2 : 1, confidence: 'low' },
          });
        });
      }
      // One note per file: data gaps are not the file's problems.
      if (unverified.size > 0)
        context.report({
          messageId: 'unverified',
          data: {
            count: unverified.size,
            ids: [...unverified].slice(0, 5).join(', ') + (unverified.size > 5 ? ', …' : ''),
            target: context.target.release.version,
          },
          file: js.file,
          line: firstUnverifiedLine,
          subject: 'unverified',
          recommendationId: 'verifyTargets',
          effort: { hours: 0, confidence: 'low' },
        });
    }
  },
};
