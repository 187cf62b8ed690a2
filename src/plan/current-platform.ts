// What the store runs today, per track: from what the user declares (--platform, the config file), else from the
// project's files (composer.json platform PHP, the lock's plugin API, env.php services), else assumed from the
// current release's published support (said so in the plan).
import type { ProjectPlatform } from '../check/project-platform.js';
import type { Release, ServiceName } from '../knowledge/types.js';
import type { ProjectModel } from '../project/model.js';
import { accepted, TRACKS, type TrackDef, type TrackState } from './tracks.js';
import { sortNewestFirst } from './service-version.js';

function newestListed(
  d: TrackDef,
  release: Release,
  flavour: ServiceName,
  all: readonly Release[],
): string | undefined {
  return sortNewestFirst(accepted(d, release, flavour, all))[0];
}

const FLAVOURS: Record<string, TrackDef['id']> = {
  php: 'php',
  composer: 'composer',
  mysql: 'database',
  mariadb: 'database',
  elasticsearch: 'search',
  opensearch: 'search',
  redis: 'cache',
  valkey: 'cache',
  rabbitmq: 'queue',
  varnish: 'varnish',
  nginx: 'webserver',
  apache: 'webserver',
};

export const PLATFORM_KEYS = Object.keys(FLAVOURS);

/** `declared`: service → version from --platform / config (`mariadb: 10.6`). */
export function currentPlatform(
  model: ProjectModel,
  platform: ProjectPlatform,
  current: Release,
  all: readonly Release[],
  declared: Record<string, string>,
): TrackState[] {
  const states: TrackState[] = [];
  const declaredFor = (id: TrackDef['id']) =>
    Object.entries(declared).filter(([flavour]) => FLAVOURS[flavour] === id) as [ServiceName, string][];
  const assume = (d: TrackDef, flavour: ServiceName, condition?: string): TrackState | undefined => {
    const version = newestListed(d, current, flavour, all);
    if (!version) return undefined;
    return {
      def: d,
      value: { flavour, version },
      source: `assumed: the newest ${flavour} ${current.version} supports (declare it with --platform ${flavour}=x.y)`,
      assumed: true,
      ...(condition ? { condition } : {}),
    };
  };
  const push = (s: TrackState | undefined) => s && states.push(s);
  const envKnown = model.services.present;

  for (const d of TRACKS) {
    const given = declaredFor(d.id);
    if (given.length > 0) {
      for (const [flavour, version] of given) {
        states.push({ def: d, value: { flavour, version }, source: 'declared', assumed: false });
      }
      continue;
    }
    switch (d.id) {
      case 'php': {
        const exact = platform.php.find((p) => p.kind === 'exact');
        const m = exact && /^(\d+\.\d+)/.exec(exact.value);
        push(
          m
            ? { def: d, value: { flavour: 'php', version: m[1]! }, source: exact.source, assumed: false }
            : assume(d, 'php'),
        );
        break;
      }
      case 'composer': {
        const api = platform.composerPluginApi;
        const m = api && /^(\d+)\.(\d+)/.exec(api.value);
        push(
          m
            ? {
                def: d,
                value: { flavour: 'composer', version: `${m[1]}.${m[2]}` },
                source: `${api.source} (Composer ${m[1]}.${m[2]} or later wrote the lock)`,
                assumed: false,
              }
            : assume(d, 'composer'),
        );
        break;
      }
      case 'database':
        // env.php does not tell MySQL from MariaDB: plan both, each conditional, unless declared.
        push(assume(d, 'mysql', 'if the store runs MySQL'));
        push(assume(d, 'mariadb', 'if the store runs MariaDB'));
        break;
      case 'search': {
        const engine = model.services.searchEngine?.engine.toLowerCase();
        if (engine === 'mysql') {
          states.push({ def: d, value: null, source: 'env.php: MySQL catalog search', assumed: false });
        } else if (engine?.startsWith('elasticsearch')) {
          const major = engine.slice('elasticsearch'.length) || undefined;
          const list = accepted(d, current, 'elasticsearch', all);
          const version = sortNewestFirst(list.filter((v) => !major || v.split('.')[0] === major))[0] ?? major ?? '7';
          states.push({
            def: d,
            value: { flavour: 'elasticsearch', version },
            source: `${model.services.searchEngine!.source}: engine ${engine}${list.length ? ` (version assumed from ${current.version}'s support)` : ''}`,
            assumed: true,
          });
        } else if (engine === 'opensearch') {
          push(assume(d, 'opensearch'));
        } else if (!engine) {
          push(
            accepted(d, current, 'elasticsearch', all).length > 0
              ? assume(d, 'elasticsearch')
              : assume(d, 'opensearch'),
          );
        }
        break;
      }
      case 'cache': {
        const usesRedis =
          /redis|valkey/i.test(JSON.stringify(model.services.cache ?? {})) ||
          /redis|valkey/i.test(model.services.session?.save ?? '');
        if (usesRedis) push(assume(d, 'redis') ?? assume(d, 'valkey'));
        else if (!envKnown) push(assume(d, 'redis', 'if the store runs Redis'));
        break;
      }
      case 'queue':
        if (model.services.queue?.amqp) push(assume(d, 'rabbitmq'));
        else if (!envKnown) push(assume(d, 'rabbitmq', 'if the store runs RabbitMQ'));
        break;
      case 'varnish':
        if (model.services.pageCache?.backend === 'varnish') push(assume(d, 'varnish'));
        else if (!envKnown) push(assume(d, 'varnish', 'if the store runs Varnish'));
        break;
      case 'webserver':
        // Web server support lists are incomplete in later releases: planned only when declared.
        break;
    }
  }
  return states;
}
