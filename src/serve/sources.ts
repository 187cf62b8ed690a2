import { existsSync, readdirSync, statSync } from 'node:fs';
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
  const data = userDataDir(env);
  const projects = join(data, 'projects');
  // `mageup fleet` on one machine keeps its registry and runs in <data>/fleet/history.
  const fleet = join(data, 'fleet', 'history');
  return [
    ...(existsSync(fleet) ? [{ key: 'fleet', spec: fleet, kind: 'embedded' as const }] : []),
    ...(existsSync(projects)
      ? readdirSync(projects, { withFileTypes: true })
          .filter(
            (d) => d.isDirectory() && /^[A-Za-z0-9._-]+$/.test(d.name) && existsSync(join(projects, d.name, 'history')),
          )
          .map((d) => ({ key: d.name, spec: join(projects, d.name, 'history'), kind: 'embedded' as const }))
          .sort((a, b) => a.key.localeCompare(b.key))
      : []),
  ];
}

/**
 * What changes when an embedded store is written: its write-ahead log and control file (sizes and times). Opening a
 * PGlite store costs seconds, so an unchanged one is not opened again; a server store has no signature (reading it
 * is cheap and other machines write it).
 */
export function storeSignature(source: StoreSource): string | null {
  if (source.kind !== 'embedded') return null;
  try {
    const files = [join(source.spec, 'global', 'pg_control')];
    const wal = join(source.spec, 'pg_wal');
    for (const f of readdirSync(wal)) files.push(join(wal, f));
    return files
      .map((f) => {
        const st = statSync(f);
        return `${f.slice(source.spec.length)}:${st.size}:${st.mtimeMs}`;
      })
      .sort()
      .join('|');
  } catch {
    return null;
  }
}
