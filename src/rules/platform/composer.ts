import type { MessagePart, Rule } from '../rule.js';
import { fitsAny, listVersions, supported, uncertainty, UNCERTAINTY_MESSAGES } from './service-versions.js';
import { serviceChange } from './service-change.js';

/** The Composer version the project uses (as far as the lock tells) against what the target requires. */
export const composer: Rule = {
  meta: {
    id: 'platform/composer',
    severity: 'error',
    category: 'platform',
    description: 'The target release requires a Composer version the project does not use.',
    docs:
      'Magento 2.4.2+ needs Composer 2, 2.4.4+ the 2.2 LTS line or newer, 2.4.7+ Composer 2.7 or newer. The ' +
      '`plugin-api-version` recorded in composer.lock tells the plugin API of the Composer that last wrote the lock: ' +
      'a lower bound of its version (several Composer minors share one plugin API). Composer 1 locks are certain to ' +
      'need an upgrade; other differences are reported with that uncertainty.',
    recommendations: {
      upgradeAndRelock:
        'Run composer --version on every machine that installs the store (developers, CI, servers) and upgrade with ' +
        'composer self-update to a version {{target}} accepts, then rewrite the lock with it.',
      checkComposer:
        'Check composer --version on every machine that installs the store and upgrade with composer self-update.',
    },
    messages: {
      ...UNCERTAINTY_MESSAGES,
      lockComposer:
        'composer.lock was written by Composer {{major}} (plugin-api-version {{api}}); {{target}} requires ' +
        '{{requirement}}{{note}}.',
      lockComposerUncertain:
        'composer.lock was written by a Composer with plugin API {{api}} (Composer {{major}}.{{minor}} or a later minor ' +
        'sharing that API: uncertain); {{target}} requires {{requirement}}{{note}}.',
      unknownComposer:
        '{{target}} requires {{requirement}} ({{current}} required Composer {{before}}){{note}}; composer.lock does not ' +
        'tell which Composer wrote it.',
      // {{requirement}}: the Composer versions the target supports, and its composer/composer constraint when known.
      requirement: 'Composer {{versions}}',
      requirementWithConstraint: 'Composer {{versions}} (composer/composer {{constraint}})',
    },
    messageSeverity: { lockComposerUncertain: 'warning', unknownComposer: 'info' },
  },
  check(ctx) {
    if (ctx.project.kind === 'extension') return;
    const target = ctx.target.release;
    const required = supported(target, 'composer');
    if (required.length === 0) return;
    const api = ctx.platform?.composerPluginApi;
    const note = uncertainty(target);
    const subject = `composer ${target.version}`;
    const versions = listVersions(required);
    const requirement: MessagePart[] = [
      target.composerConstraint
        ? { messageId: 'requirementWithConstraint', data: { versions, constraint: target.composerConstraint } }
        : { messageId: 'requirement', data: { versions } },
    ];
    if (api) {
      const [major = '0', minor = '0'] = api.value.split('.');
      if (fitsAny(api.value, required) || fitsAny(`${major}.${minor}.999`, required)) return;
      const needsMajor = required.map((r) => r.split('.')[0]);
      const certain = !needsMajor.includes(major);
      const greaterMinorOk = required.some(
        (r) => r.split('.')[0] === major && Number(r.split('.')[1] ?? 0) < Number(minor),
      );
      if (greaterMinorOk) return;
      ctx.report({
        file: api.file,
        line: api.line,
        subject,
        messageId: certain ? 'lockComposer' : 'lockComposerUncertain',
        data: { major, minor, api: api.value, target: target.version, requirement, note },
        recommendationId: 'upgradeAndRelock',
        effort: { hours: certain ? 2 : 0.5, confidence: certain ? 'medium' : 'low' },
      });
      return;
    }
    const change = serviceChange(ctx.current.release, target, 'composer');
    if (!change) return;
    ctx.report({
      subject,
      messageId: 'unknownComposer',
      data: {
        target: target.version,
        requirement,
        current: String(ctx.current.release?.version),
        before: listVersions(change.before),
        note,
      },
      recommendationId: 'checkComposer',
      effort: { hours: 0.5, confidence: 'low' },
    });
  },
};
