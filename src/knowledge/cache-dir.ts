import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

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
