import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { userDataDir } from '../knowledge/cache-dir.js';

/** One history store the dashboard reads: `key` names it in URLs (never a path, never a password). */
export interface StoreSource {
  key: string;
  /** Directory or postgres:// URL: for opening only, never shown. */
  spec: string;
  kind: 'embedded' | 'server';
}

/**
 * The stores behind the dashboard: the one `--store` names (a directory or a PostgreSQL URL), or every project's
 * embedded store in the user data directory (`<data>/projects/<name>-<hash>/history`), found anew on each refresh.
 */
export function storeSources(store: string | undefined, env: NodeJS.ProcessEnv = process.env): StoreSource[] {
  if (store) return [{ key: 'store', spec: store, kind: /^postgres(ql)?:\/\//i.test(store) ? 'server' : 'embedded' }];
  const projects = join(userDataDir(env), 'projects');
  if (!existsSync(projects)) return [];
  return readdirSync(projects, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^[A-Za-z0-9._-]+$/.test(d.name) && existsSync(join(projects, d.name, 'history')))
    .map((d) => ({ key: d.name, spec: join(projects, d.name, 'history'), kind: 'embedded' as const }))
    .sort((a, b) => a.key.localeCompare(b.key));
}
