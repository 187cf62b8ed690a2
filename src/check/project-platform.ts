// What the project declares about its platform outside the ProjectModel: the PHP version Composer resolves for
// (composer.json config.platform.php, composer.lock platform / platform-overrides, require.php) or Adobe Commerce
// Cloud runs (.magento.app.yaml), the Composer that wrote the lock, and the lines of the service settings in
// app/etc/env.php / config.php (so findings point at them).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readCloudRelationships, readCloudServices } from '../project/cloud-services.js';

export interface PlatformDeclaration {
  /** `8.1.27` (exact) or `~8.1.0||~8.2.0` (constraint). */
  value: string;
  kind: 'exact' | 'constraint';
  /** Human wording of where it comes from: `composer.json config.platform.php`. */
  source: string;
  /** Relative to the root. */
  file: string;
  line?: number;
}

export interface ProjectPlatform {
  /** PHP declarations, most authoritative first (what Composer resolves dependencies for). */
  php: PlatformDeclaration[];
  /** `plugin-api-version` of composer.lock: the Composer that last wrote the lock is at least this API version. */
  composerPluginApi?: PlatformDeclaration;
  /** The database server the project declares (Adobe Commerce Cloud's .magento/services.yaml), with its line. */
  database?: { service: 'mysql' | 'mariadb'; version: string; file: string; line: number };
  /** The search engine server the project declares (Adobe Commerce Cloud's .magento/services.yaml), with its line. */
  searchEngine?: { service: 'elasticsearch' | 'opensearch'; version: string; file: string; line: number };
  /** Where service settings sit, for file:line on platform findings. */
  settings: Partial<
    Record<'searchEngine' | 'pageCache' | 'cache' | 'session' | 'amqp' | 'db', { file: string; line: number }>
  >;
}

type Json = Record<string, unknown>;

/** Reads the declarations; unreadable or invalid files add a Problem and leave the answer partial. */
export async function readProjectPlatform(root: string): Promise<ProjectPlatform> {
  const platform: ProjectPlatform = { php: [], settings: {} };
  const composerJson = await readText(root, 'composer.json');
  const lockJson = await readText(root, 'composer.lock');
  const json = parse(composerJson);
  const lock = parse(lockJson);

  const configPhp = str(obj(obj(json?.config)?.platform)?.php);
  if (configPhp && composerJson) {
    platform.php.push({
      value: configPhp,
      kind: 'exact',
      source: 'composer.json config.platform.php',
      file: 'composer.json',
      line: lineOfKey(composerJson, 'php', lineOfKey(composerJson, 'platform')),
    });
  }
  const overridePhp = str(obj(lock?.['platform-overrides'])?.php);
  if (overridePhp && lockJson && overridePhp !== configPhp) {
    platform.php.push({
      value: overridePhp,
      kind: 'exact',
      source: 'composer.lock platform-overrides',
      file: 'composer.lock',
      line: lineOfKey(lockJson, 'php', lineOfKey(lockJson, 'platform-overrides')),
    });
  }
  const requirePhp = str(obj(json?.require)?.php);
  if (requirePhp && composerJson) {
    platform.php.push({
      value: requirePhp,
      kind: 'constraint',
      source: 'composer.json require.php',
      file: 'composer.json',
      line: lineOfKey(composerJson, 'php', lineOfKey(composerJson, 'require')),
    });
  }
  const lockPhp = str(obj(lock?.platform)?.php);
  if (lockPhp && lockJson && lockPhp !== requirePhp) {
    platform.php.push({
      value: lockPhp,
      kind: 'constraint',
      source: 'composer.lock platform',
      file: 'composer.lock',
      line: lineOfKey(lockJson, 'php', lineOfKey(lockJson, 'platform')),
    });
  }
  // Adobe Commerce Cloud runs the PHP its application file names (`type: php:8.3`): the servers' PHP, declared.
  const cloudApp = await readText(root, '.magento.app.yaml');
  const cloudPhp = cloudApp ? /^type:\s*['"]?php:(\d+\.\d+)/m.exec(cloudApp) : null;
  if (cloudApp && cloudPhp) {
    platform.php.push({
      value: cloudPhp[1]!,
      kind: 'exact',
      source: '.magento.app.yaml type',
      file: '.magento.app.yaml',
      line: cloudApp.slice(0, cloudPhp.index).split('\n').length,
    });
  }
  // Cloud's services file: its `mysql` service type is MariaDB (`mysql:10.6` runs MariaDB 10.6), as is `mariadb:`;
  // its `elasticsearch`/`opensearch` service is the search engine the servers run.
  const cloudServicesText = await readText(root, '.magento/services.yaml');
  const cloudServices = cloudServicesText ? readCloudServices(cloudServicesText) : [];
  const file = '.magento/services.yaml';
  const db = cloudServices.find((s) => (s.type === 'mysql' || s.type === 'mariadb') && /^\d+\.\d+/.test(s.version));
  if (db) {
    platform.database = { service: 'mariadb', version: db.version.replace(/^(\d+\.\d+).*/, '$1'), file, line: db.line };
    platform.settings.db = { file, line: db.line };
  }
  // The search service the application uses: the one its relationships name. Several declared and none told apart
  // (a project mid-migration may declare both engines): none is judged, rather than guess the first.
  const used = cloudApp ? readCloudRelationships(cloudApp) : undefined;
  const searches = cloudServices.filter(
    (s) => (s.type === 'elasticsearch' || s.type === 'opensearch') && (!used || used.has(s.name)),
  );
  const search = searches.length === 1 ? searches[0] : undefined;
  if (search) {
    const service = search.type === 'opensearch' ? 'opensearch' : 'elasticsearch';
    platform.searchEngine = { service, version: search.version, file, line: search.line };
  }
  const pluginApi = str(lock?.['plugin-api-version']);
  if (pluginApi && lockJson) {
    platform.composerPluginApi = {
      value: pluginApi,
      kind: 'exact',
      source: 'composer.lock plugin-api-version',
      file: 'composer.lock',
      line: lineOfKey(lockJson, 'plugin-api-version'),
    };
  }

  for (const file of ['app/etc/env.php', 'app/etc/config.php']) {
    const text = await readText(root, file);
    if (!text) continue;
    const find = (pattern: RegExp) => {
      const line = lineOfPattern(text, pattern);
      return line ? { file, line } : undefined;
    };
    platform.settings.searchEngine ??= find(/['"]engine['"]\s*=>\s*['"](?:elasticsearch|opensearch|mysql)/i);
    platform.settings.pageCache ??= find(/['"](?:http_cache_hosts|caching_application)['"]\s*=>/);
    platform.settings.cache ??= find(/['"]backend['"]\s*=>\s*['"][^'"]*(?:Redis|Valkey)/i);
    platform.settings.session ??= find(/['"]save['"]\s*=>\s*['"](?:redis|valkey)/i);
    platform.settings.amqp ??= find(/['"]amqp['"]\s*=>/);
    platform.settings.db ??= find(/['"]db['"]\s*=>/);
  }
  return platform;
}

async function readText(root: string, file: string): Promise<string | undefined> {
  try {
    return await readFile(join(root, file), 'utf8');
  } catch {
    return undefined;
  }
}

/** An invalid file is left out silently here: the project loader already reports it once, with line and column. */
function parse(text: string | undefined): Json | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return obj(value);
  } catch {
    return undefined;
  }
}

function obj(value: unknown): Json | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** 1-based line of the first `"key":` at or after line `from` (JSON keys are quoted). */
export function lineOfKey(text: string, key: string, from = 1): number | undefined {
  const lines = text.split('\n');
  const needle = `"${key}"`;
  for (let i = Math.max(0, from - 1); i < lines.length; i++) {
    const line = lines[i]!;
    const at = line.indexOf(needle);
    if (at >= 0 && /^\s*:/.test(line.slice(at + needle.length))) return i + 1;
  }
  return undefined;
}

function lineOfPattern(text: string, pattern: RegExp): number | undefined {
  const lines = text.split('\n');
  const index = lines.findIndex((line) => pattern.test(line));
  return index >= 0 ? index + 1 : undefined;
}
