import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';

/**
 * Where `mageup kb update` writes refreshed metadata: never the installed package (it may be read-only and is
 * replaced on upgrade). `--cache-dir` wins, then MAGEUP_CACHE_DIR, then `$XDG_CACHE_HOME/mageup`, then `~/.cache/mageup`.
 */
export function userCacheDir(override?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (override) return resolve(override);
  if (env.MAGEUP_CACHE_DIR) return resolve(env.MAGEUP_CACHE_DIR);
  if (env.XDG_CACHE_HOME) return join(resolve(env.XDG_CACHE_HOME), 'mageup');
  return join(homedir(), '.cache', 'mageup');
}

/**
 * Where MageUp keeps what it records (run history, `mageup index` output): MAGEUP_DATA_DIR, then
 * `$XDG_DATA_HOME/mageup`, then `~/.local/share/mageup`. Never the analysed project: a client's repository must not
 * grow an untracked folder because someone looked at it.
 */
export function userDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MAGEUP_DATA_DIR) return resolve(env.MAGEUP_DATA_DIR);
  if (env.XDG_DATA_HOME) return join(resolve(env.XDG_DATA_HOME), 'mageup');
  return join(homedir(), '.local', 'share', 'mageup');
}

/**
 * The data directory of one project: `<data>/projects/<name>-<hash>`, the hash taken over the project's resolved
 * path (symlinks followed), so two checkouts named alike never share a history and a symlinked path finds its own.
 */
export function projectDataDir(projectRoot: string, env: NodeJS.ProcessEnv = process.env): string {
  const absolute = resolve(projectRoot);
  let real = absolute;
  try {
    real = realpathSync(absolute);
  } catch {
    // Not (or no longer) on disk: the path as given still names it.
  }
  const hash = createHash('sha256').update(real).digest('hex').slice(0, 12);
  const name =
    basename(real)
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .slice(0, 60) || 'root';
  return join(userDataDir(env), 'projects', `${name}-${hash}`);
}
