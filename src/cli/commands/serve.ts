import type { Command } from 'commander';
import { EXIT, UsageError } from '../exit.js';
import type { SetExitCode } from './index.js';

/** `mageup serve`: the web dashboard over the history stores. */
export function register(program: Command, setExitCode: SetExitCode): void {
  program
    .command('serve')
    .description(
      'Web dashboard over the history: every store, its exposure, findings, trend and whether it can move now',
    )
    .option(
      '--store <dir|url>',
      'history store: a directory or postgres://… (default: every project store in the user data directory, $MAGEUP_DATA_DIR)',
    )
    .option('--host <host>', 'interface to listen on (anything but loopback needs --auth-file)', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0: any free port)', '8377')
    .option(
      '--auth-file <file>',
      'require authentication: Basic ("user:scrypt$…" lines from --hash-password) or bearer tokens (--new-token)',
    )
    .option('--refresh <seconds>', 'read the stores again at most this often', '30')
    .option('--hash-password <user>', 'read a password on stdin, print "user:scrypt$…" for --auth-file, and exit')
    .option(
      '--new-token <name>',
      'add an API bearer token to --auth-file (only its SHA-256 is written), print the token once, and exit',
    )
    .action(
      async (opts: {
        store?: string;
        host: string;
        port: string;
        authFile?: string;
        refresh: string;
        hashPassword?: string;
        newToken?: string;
      }) => {
        if (opts.newToken !== undefined) {
          if (!/^[^:\s]{1,64}$/.test(opts.newToken))
            throw new UsageError('--new-token: a name without ":" or spaces, at most 64 characters');
          if (!opts.authFile)
            throw new UsageError('--new-token needs --auth-file <file>: the file the token is added to');
          const { addToken } = await import('../../serve/auth.js');
          const token = addToken(opts.authFile, opts.newToken);
          process.stderr.write(
            `mageup serve: token "${opts.newToken}" added to ${opts.authFile} (hashed); it is shown once, here:\n`,
          );
          process.stdout.write(`${token}\n`);
          setExitCode(EXIT.ok);
          return;
        }
        if (opts.hashPassword !== undefined) {
          if (!/^[^:\s]{1,64}$/.test(opts.hashPassword))
            throw new UsageError('--hash-password: a user name without ":" or spaces, at most 64 characters');
          const { hashPassword } = await import('../../serve/auth.js');
          const password = (await readStdin()).replace(/\r?\n$/, '');
          process.stdout.write(`${opts.hashPassword}:${await hashPassword(password)}\n`);
          setExitCode(EXIT.ok);
          return;
        }
        const port = Number(opts.port);
        if (!/^\d+$/.test(opts.port) || port > 65535) throw new UsageError(`--port: not a port: "${opts.port}"`);
        const refresh = Number(opts.refresh);
        if (!Number.isFinite(refresh) || refresh < 0)
          throw new UsageError(`--refresh: expected seconds, got "${opts.refresh}"`);
        const { startServer } = await import('../../serve/server.js');
        const running = await startServer({
          ...(opts.store ? { store: opts.store } : {}),
          host: opts.host,
          port,
          ...(opts.authFile ? { authFile: opts.authFile } : {}),
          refreshMs: refresh * 1000,
        });
        process.stderr.write(
          `mageup serve: dashboard on ${running.url}${opts.authFile ? ' (authentication: Basic or bearer token)' : ''}; Ctrl-C stops it\n`,
        );
        await new Promise<void>((done) => {
          const stop = (): void => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            void running.close().then(done);
          };
          process.on('SIGINT', stop);
          process.on('SIGTERM', stop);
        });
        setExitCode(EXIT.ok);
      },
    );
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
