import type { Release } from '../../knowledge/types.js';
import type { MessagePart, Rule } from '../rule.js';
import { serviceChange, type ServiceChange } from './service-change.js';
import { fitsAny, listVersions, supported, uncertainty, UNCERTAINTY_MESSAGES } from './service-versions.js';

/**
 * When the server moves, as the plan's platform tracks decide it: before the code when the current release already
 * accepts a version the target supports (`upgradeBefore`, those versions as `common`); otherwise in the upgrade window
 * itself (2.4.7's own version check refuses MariaDB 11.4, so upgrading the server first would break setup:upgrade on
 * the running release).
 */
function timing(changes: ServiceChange[]): { recommendationId: string; common?: string } {
  const common = changes.flatMap((c) => c.after.filter((v) => c.before.includes(v)));
  if (common.length > 0) return { recommendationId: 'upgradeBefore', common: [...new Set(common)].join(', ') };
  return { recommendationId: 'upgradeInWindow' };
}

/** One part of `{{changes}}`: the versions of one service the target supports against the current release's. */
function changed(messageId: string, change: ServiceChange, current: Release, target: Release): MessagePart {
  return {
    messageId,
    data: {
      target: target.version,
      after: listVersions(change.after),
      current: current.version,
      before: listVersions(change.before),
    },
  };
}

/** MySQL / MariaDB versions the target supports against those the current release supported. */
export const database: Rule = {
  meta: {
    id: 'platform/database',
    severity: 'error',
    category: 'platform',
    description: 'The target release no longer supports the MySQL/MariaDB versions the current release ran on.',
    docs:
      'Each release supports a few MySQL and MariaDB versions. The server version is usually not in the project files, ' +
      'so MageUp compares what the current release supports with what the target supports: when none of the former ' +
      'remains, the database server must be upgraded before or with the code (check with `SELECT VERSION()`). An ' +
      'Adobe Commerce Cloud project names its server in .magento/services.yaml (its `mysql` type is MariaDB): that ' +
      'version is judged against the target instead, and a supported one is not reported.',
    recommendations: {
      upgradeBefore:
        'Check the server with SELECT VERSION(); upgrade it before switching the code, to a version both ' +
        '{{current}} and {{target}} support ({{common}}), and test the upgrade on a copy of the production database.',
      upgradeInWindow:
        'Check the server with SELECT VERSION(); no version is supported by both {{current}} and {{target}}: upgrade ' +
        'the server in the upgrade window itself, right before setup:upgrade of {{target}} ({{current}} refuses the ' +
        'new server version), and test the upgrade on a copy of the production database.',
    },
    messages: {
      ...UNCERTAINTY_MESSAGES,
      mustUpgrade:
        '{{changes}}{{uncertainty}}. The server version is not in the project files{{engine}}: the database server must ' +
        'be upgraded.',
      check:
        '{{changes}}{{uncertainty}}. The server version is not in the project files{{engine}}: check it is still supported.',
      // The project names its server (Adobe Commerce Cloud's .magento/services.yaml): judged on that version.
      declaredUnsupported:
        '{{file}} runs {{service}} {{version}}; {{target}} supports {{service}} {{after}}{{uncertainty}}: the database ' +
        'server must be upgraded.',
      // The parts of {{changes}}, one sentence per service whose supported versions changed.
      mysqlChanged: '{{target}} supports MySQL {{after}}; {{current}} supported {{before}}',
      mariadbChanged: '{{target}} supports MariaDB {{after}}; {{current}} supported {{before}}',
      // {{engine}}, when env.php names the database engine.
      engine: ' (env.php db engine: {{engine}})',
    },
    messageSeverity: { check: 'warning' },
    listSeparators: { changes: '. ' },
  },
  check(ctx) {
    if (ctx.project.kind === 'extension') return;
    const current = ctx.current.release;
    const target = ctx.target.release;
    if (!current) return;
    const declared = ctx.platform?.database;
    if (declared) {
      const after = supported(target, declared.service);
      if (after.length === 0 || fitsAny(declared.version, after)) return; // unknown, or still supported
      const before = supported(current, declared.service);
      const common = after.filter((v) => before.includes(v));
      ctx.report({
        file: declared.file,
        line: declared.line,
        subject: `database ${current.version} -> ${target.version}`,
        messageId: 'declaredUnsupported',
        data: {
          file: declared.file,
          service: declared.service === 'mariadb' ? 'MariaDB' : 'MySQL',
          version: declared.version,
          target: target.version,
          after: listVersions(after),
          uncertainty: uncertainty(target),
          current: current.version,
          ...(common.length > 0 ? { common: common.join(', ') } : {}),
        },
        recommendationId: common.length > 0 ? 'upgradeBefore' : 'upgradeInWindow',
        effort: { hours: 4, confidence: 'medium' },
      });
      return;
    }
    const mysql = serviceChange(current, target, 'mysql');
    const mariadb = serviceChange(current, target, 'mariadb');
    const changes = [mysql, mariadb].filter((c) => c !== undefined);
    if (changes.length === 0) return;
    const engine = ctx.project.services.db?.engine;
    const must = changes.every((c) => c.noOverlap) && changes.length === 2;
    const where = ctx.platform?.settings.db;
    const { recommendationId, common } = timing(changes);
    ctx.report({
      file: where?.file,
      line: where?.line,
      subject: `database ${current.version} -> ${target.version}`,
      messageId: must ? 'mustUpgrade' : 'check',
      data: {
        changes: [
          ...(mysql ? [changed('mysqlChanged', mysql, current, target)] : []),
          ...(mariadb ? [changed('mariadbChanged', mariadb, current, target)] : []),
        ],
        uncertainty: uncertainty(target),
        engine: engine ? [{ messageId: 'engine', data: { engine } }] : [],
        current: current.version,
        target: target.version,
        ...(common !== undefined ? { common } : {}),
      },
      recommendationId,
      effort: { hours: must ? 4 : 1, confidence: 'low' },
    });
  },
};
