import type { JqueryApi } from '../../knowledge/js-modules/index.js';
import type { MessagePart, Rule } from '../rule.js';
import { jsSources } from './requirejs-targets.js';

const REPLACEMENT: Record<string, string> = {
  size: '.length',
  andSelf: '.addBack()',
  live: '$(document).on(events, selector, handler)',
  die: '$(document).off(events, selector)',
  browser: 'feature detection (or navigator.userAgent when unavoidable)',
  sub: 'a plugin on $.fn',
  'jqXHR.success': '.done()',
  'jqXHR.error': '.fail()',
  'jqXHR.complete': '.always()',
};

/** How the call reads in the message: `.size()`, `$.browser`, `$.ajax(…).success()`. */
function callOf(api: string): string {
  if (api === 'browser' || api === 'sub') return `$.${api}`;
  return api.startsWith('jqXHR.') ? `$.ajax(…).${api.slice(6)}()` : `.${api}()`;
}

export const jqueryRemovedApi: Rule = {
  meta: {
    id: 'overrides/jquery-removed-api',
    severity: 'error',
    category: 'overrides',
    description: 'Custom JS calls a jQuery API that the jQuery (and jquery-migrate) of the target no longer provides',
    recommendations: {
      checkJquery: 'Check them against the jQuery that release ships.',
      useReplacement: 'Use {{replacement}} instead.',
      useDocumented: 'Use the documented replacement instead.',
    },
    messages: {
      unverified:
        'Could not verify the jQuery APIs this file uses ({{apis}}) against {{target}}: the knowledge base has no jQuery data for it.',
      gone: '{{call}} is gone from jQuery {{jquery}}{{migrate}} in {{target}}{{before}}.',
      withMigrate: ' with jquery-migrate {{version}}',
      noMigrate: ' (no jquery-migrate loaded)',
      stillProvided: ' ({{release}} still provides it: jQuery {{jquery}})',
      stillProvidedWithMigrate: ' ({{release}} still provides it: jQuery {{jquery}} + jquery-migrate {{migrate}})',
      alreadyMissing: ' (already missing in {{release}})',
    },
    messageSeverity: { unverified: 'info' },
    docs: "Magento 2.4.4 moved from jQuery 1.12 + jquery-migrate 1.4 to jQuery 3.6 + jquery-migrate 3.3, and 2.4.6 stopped loading jquery-migrate. `.live()`, `.die()`, `$.browser` and `$.sub()` go with 2.4.4, `.size()`, `.andSelf()` and the `.success()`/`.error()`/`.complete()` callbacks of `$.ajax()` (jQuery 3.0 removed them, migrate 3 restored them) with 2.4.6: calling them throws a TypeError that stops the rest of the script. Reported only when the target release's own jQuery files (parsed, per release) lack the API. A copy of jQuery itself kept in a module or theme (its `jQuery JavaScript Library v…` banner) is not judged: its calls run on the version it defines.",
  },
  check(context) {
    const js = context.files?.target?.js;
    const current = context.files?.current?.js;
    for (const source of jsSources(context)) {
      if (source.jqueryApis.length === 0) continue;
      if (!js) {
        context.report({
          messageId: 'unverified',
          data: {
            apis: [...new Set(source.jqueryApis.map((a) => a.api))].join(', '),
            target: context.target.release.version,
          },
          file: source.file,
          line: source.jqueryApis[0]!.line,
          subject: 'unverified',
          recommendationId: 'checkJquery',
          effort: { hours: 0, confidence: 'low' },
        });
        continue;
      }
      for (const use of source.jqueryApis) {
        const api = use.api as JqueryApi;
        if (js.provides(api)) continue;
        const before: MessagePart[] = !current
          ? []
          : !current.provides(api)
            ? [{ messageId: 'alreadyMissing', data: { release: current.release } }]
            : current.migrate
              ? [
                  {
                    messageId: 'stillProvidedWithMigrate',
                    data: { release: current.release, jquery: current.jquery ?? '?', migrate: current.migrate },
                  },
                ]
              : [{ messageId: 'stillProvided', data: { release: current.release, jquery: current.jquery ?? '?' } }];
        context.report({
          messageId: 'gone',
          data: {
            call: callOf(api),
            jquery: js.jquery ?? '?',
            migrate: [
              js.migrate ? { messageId: 'withMigrate', data: { version: js.migrate } } : { messageId: 'noMigrate' },
            ],
            target: js.release,
            before,
            ...(REPLACEMENT[api] ? { replacement: REPLACEMENT[api] } : {}),
          },
          file: source.file,
          line: use.line,
          subject: api,
          recommendationId: REPLACEMENT[api] ? 'useReplacement' : 'useDocumented',
          effort: { hours: 0.25, confidence: 'high' },
        });
      }
    }
  },
};
