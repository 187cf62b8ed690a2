import type { Services } from '../../project/model.js';
import type { MessagePart, Rule } from '../rule.js';
import { listVersions, supported, uncertainty, UNCERTAINTY_MESSAGES } from './service-versions.js';
import { serviceChange } from './service-change.js';

/** Does the project use Redis (or Valkey) for the cache, the page cache or sessions? */
function redisUses(services: Services): MessagePart[] {
  const uses: MessagePart[] = [];
  for (const [id, frontend] of Object.entries(services.cache?.frontend ?? {})) {
    if (/redis|valkey/i.test(frontend.backend)) uses.push({ messageId: 'usesCache', data: { id } });
  }
  if (services.session && /redis|valkey/i.test(services.session.save)) uses.push({ messageId: 'usesSessions' });
  return uses;
}

/** Redis/Valkey for cache and sessions against the target (2.4.8 lists Valkey instead of Redis). */
export const cache: Rule = {
  meta: {
    id: 'platform/cache',
    severity: 'warning',
    category: 'platform',
    description: 'The Redis/Valkey server the cache or sessions use needs a change for the target release.',
    docs:
      'From 2.4.8 Adobe lists Valkey (the open-source fork of Redis, protocol compatible) instead of Redis; older ' +
      'lines raise the supported Redis version from time to time. The server version is not in the project files: ' +
      'when only the version changes the finding is informational; when Redis leaves the list it is a warning.',
    recommendations: {
      replaceWithValkey:
        'Replace the Redis server with Valkey {{valkey}} (a drop-in replacement: env.php settings stay the same) or ' +
        'confirm with your host that your Redis version is still fit for {{target}}.',
      checkRedis: 'Check redis-server --version and upgrade it to Redis {{after}} if older.',
    },
    messages: {
      ...UNCERTAINTY_MESSAGES,
      valkeyOnly:
        'The project uses Redis ({{uses}}); {{target}} supports Valkey {{valkey}} and no longer lists Redis{{note}}.',
      redisChanged:
        'The project uses Redis ({{uses}}); {{target}} supports Redis {{after}} ({{current}} supported {{before}}){{note}}. ' +
        'The server version is not in the project files.',
      usesCache: 'cache "{{id}}"',
      usesSessions: 'sessions',
    },
    listSeparators: { uses: ', ' },
    messageSeverity: { redisChanged: 'info' },
  },
  check(ctx) {
    if (ctx.project.kind === 'extension') return;
    const uses = redisUses(ctx.project.services);
    if (uses.length === 0) return;
    const target = ctx.target.release;
    const redis = supported(target, 'redis');
    const valkey = supported(target, 'valkey');
    const where = ctx.platform?.settings.cache ?? ctx.platform?.settings.session;
    const note = uncertainty(target);
    const subject = `redis ${target.version}`;
    if (redis.length === 0 && valkey.length > 0) {
      ctx.report({
        file: where?.file,
        line: where?.line,
        subject,
        messageId: 'valkeyOnly',
        data: { uses, target: target.version, valkey: listVersions(valkey), note },
        recommendationId: 'replaceWithValkey',
        effort: { hours: 2, confidence: 'medium' },
      });
      return;
    }
    const change = serviceChange(ctx.current.release, target, 'redis');
    if (!change) return;
    ctx.report({
      file: where?.file,
      line: where?.line,
      subject,
      messageId: 'redisChanged',
      data: {
        uses,
        target: target.version,
        after: listVersions(change.after),
        current: String(ctx.current.release?.version),
        before: listVersions(change.before),
        note,
      },
      recommendationId: 'checkRedis',
      effort: { hours: 1, confidence: 'low' },
    });
  },
};
