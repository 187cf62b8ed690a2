import type { Services } from './model.js';
import { isPhpArray, phpGet, phpString } from './php-array.js';
import type { PhpValue } from './php-array.js';

/** env.php keys whose values are secrets: only their presence is kept. */
const SECRET_KEY = /pass(word)?|secret|(^|_)key$|^key|token|salt|credential|api_?key/i;

/**
 * Services from app/etc/env.php (and config.php for settings that may live there). Only what an upgrade needs is
 * kept; passwords, keys and tokens are never copied — `secretsPresent` lists the paths where they are set.
 */
export function readServices(env: PhpValue | undefined, config: PhpValue | undefined): Services {
  if (!isPhpArray(env)) return { present: false };
  const services: Services = { present: true };
  const mode = phpString(env.MAGE_MODE);
  if (mode) services.mode = mode;
  const frontName = phpString(phpGet(env, 'backend/frontName'));
  if (frontName) services.adminFrontName = frontName;

  const db = phpGet(env, 'db/connection/default');
  if (isPhpArray(db)) {
    services.db = {};
    const host = phpString(db.host);
    const dbname = phpString(db.dbname);
    const username = phpString(db.username);
    const engine = phpString(db.engine);
    if (host) services.db.host = withoutCredentials(host);
    if (dbname) services.db.dbname = dbname;
    if (username) services.db.username = username;
    if (phpString(db.password)) services.db.password = '***';
    if (engine) services.db.engine = engine;
  }
  const prefix = phpString(phpGet(env, 'db/table_prefix'));
  if (prefix) (services.db ??= {}).tablePrefix = prefix;

  const frontends = phpGet(env, 'cache/frontend');
  if (isPhpArray(frontends)) {
    const frontend: Record<string, { backend: string; server?: string }> = {};
    for (const [id, settings] of Object.entries(frontends)) {
      if (!isPhpArray(settings)) continue;
      const entry: { backend: string; server?: string } = { backend: phpString(settings.backend) ?? 'file' };
      const server = serverOf(settings.backend_options);
      if (server) entry.server = server;
      frontend[id] = entry;
    }
    services.cache = { frontend };
  }

  // Varnish is chosen in system/default/system/full_page_cache/caching_application (2 = Varnish).
  const cachingApplication =
    phpString(phpGet(env, 'system/default/system/full_page_cache/caching_application')) ??
    phpString(phpGet(config, 'system/default/system/full_page_cache/caching_application'));
  const httpCacheHosts = phpGet(env, 'http_cache_hosts');
  const firstHost = isPhpArray(httpCacheHosts) ? Object.values(httpCacheHosts)[0] : undefined;
  const varnishServer = isPhpArray(firstHost)
    ? [phpString(firstHost.host), phpString(firstHost.port)].filter(Boolean).join(':')
    : undefined;
  if (cachingApplication === '2' || varnishServer) {
    services.pageCache = { backend: 'varnish', ...(varnishServer ? { server: varnishServer } : {}) };
  } else if (services.cache?.frontend.page_cache) {
    services.pageCache = { ...services.cache.frontend.page_cache };
  } else {
    services.pageCache = { backend: 'built-in' };
  }

  const session = phpGet(env, 'session');
  if (isPhpArray(session)) {
    const save = phpString(session.save) ?? 'files';
    const server = serverOf(session[save]);
    services.session = { save, ...(server ? { server } : {}) };
  }

  const amqp = phpGet(env, 'queue/amqp');
  const wait = phpGet(env, 'queue/consumers_wait_for_messages');
  if (isPhpArray(amqp) || wait !== undefined) {
    services.queue = {};
    if (isPhpArray(amqp)) {
      const host = phpString(amqp.host);
      const port = phpString(amqp.port);
      services.queue.amqp = { ...(host ? { host: withoutCredentials(host) } : {}), ...(port ? { port } : {}) };
    }
    if (wait !== undefined) services.queue.consumersWaitForMessages = phpString(wait) === '1' || wait === true;
  }

  const search = searchEngine(env, 'env.php') ?? searchEngine(config, 'config.php');
  if (search) services.searchEngine = search;

  const lockProvider = phpString(phpGet(env, 'lock/provider'));
  if (lockProvider) services.lock = { provider: lockProvider };

  const secrets: string[] = [];
  collectSecretPaths(env, [], secrets);
  if (secrets.length > 0) services.secretsPresent = secrets.sort();
  return services;
}

function searchEngine(value: PhpValue | undefined, source: 'env.php' | 'config.php'): Services['searchEngine'] {
  const search = phpGet(value, 'system/default/catalog/search');
  if (!isPhpArray(search)) return undefined;
  const engine = phpString(search.engine);
  if (!engine) return undefined;
  const prefix = engine.replace(/\d+$/, '');
  const host = phpString(search[`${engine}_server_hostname`]) ?? phpString(search[`${prefix}_server_hostname`]);
  const port = phpString(search[`${engine}_server_port`]) ?? phpString(search[`${prefix}_server_port`]);
  return {
    engine,
    source,
    ...(host ? { host: withoutCredentials(host) } : {}),
    ...(port ? { port } : {}),
  };
}

/** `host[:port]` of a Redis/Varnish-style options array. */
function serverOf(options: PhpValue | undefined): string | undefined {
  if (!isPhpArray(options)) return undefined;
  const host = phpString(options.server) ?? phpString(options.host);
  if (!host) return undefined;
  const port = phpString(options.port);
  const clean = withoutCredentials(host);
  return port && !/:\d+$/.test(clean) ? `${clean}:${port}` : clean;
}

/** Drops `user:password@` from URLs and DSNs (`redis://:secret@host`, `tcp://user:pw@host`). */
export function withoutCredentials(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^@/\s]*@/i, '$1');
}

function collectSecretPaths(value: PhpValue, path: string[], out: string[]): void {
  if (!isPhpArray(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const next = [...path, key];
    if (isPhpArray(child)) collectSecretPaths(child, next, out);
    else if (SECRET_KEY.test(key) && phpString(child)) out.push(next.join('.'));
  }
}
