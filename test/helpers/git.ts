import { execFileSync } from 'node:child_process';

/** Runs git with a fixed author and committer, so that tests can commit in a fresh repository on any machine. */
export function git(...args: string[]): string {
  return execFileSync('git', args, {
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@e',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@e',
    },
  }).toString();
}
