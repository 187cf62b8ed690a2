import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { supportDates } from '../report/html/support-dates.js';
import { renderCheckReport } from '../report/json/render-report.js';
import { version as toolVersion } from '../version.js';
import { BasicAuth, readCredentials, ServeError } from './auth.js';
import { readDashboard, readRunResult, type Dashboard, type DashboardStore } from './overview.js';
import { renderDashboard, DASHBOARD_CSP } from './page.js';
import { storeSources, type StoreSource } from './sources.js';

export interface ServeOptions {
  /** A history store (directory or postgres:// URL); default: every project's store in the user data directory. */
  store?: string;
  host?: string;
  port?: number;
  /** User → scrypt hash (readCredentials). Required to listen beyond the loopback interface. */
  credentials?: Map<string, string>;
  /** `--auth-file`: the credentials file to read when `credentials` is not given. */
  authFile?: string;
  /** How long a read of the stores is shown before the next request reads them again (default 30 s). */
  refreshMs?: number;
  env?: NodeJS.ProcessEnv;
}

export interface RunningServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Loopback names and addresses: the only places the dashboard listens without authentication. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127\.\d+\.\d+\.\d+$/.test(bare);
}

/**
 * `mageup serve`: the dashboard over the history stores on node:http. Listens on 127.0.0.1 by default and refuses
 * any other interface unless credentials are configured; read-only (GET and HEAD only); every store is opened, read
 * and closed per refresh, so running checks are never locked out for long.
 */
export async function startServer(options: ServeOptions = {}): Promise<RunningServer> {
  const { authFile, ...rest } = options;
  const opts: ServeOptions = authFile && !rest.credentials ? { ...rest, credentials: readCredentials(authFile) } : rest;
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port ?? 8377;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ServeError(`--port: not a port: ${port}`);
  if (!isLoopback(host) && !opts.credentials)
    throw new ServeError(
      `refusing to listen on ${host} without authentication: anyone who can reach it would read every store's ` +
        'findings. Give --auth-file (lines "user:scrypt$…" from mageup serve --hash-password <user>), or keep the ' +
        'default --host 127.0.0.1',
    );
  const auth = opts.credentials ? new BasicAuth(opts.credentials) : undefined;
  const refreshMs = opts.refreshMs ?? 30_000;
  const sourcesNow = (): StoreSource[] => storeSources(opts.store, opts.env);
  let cached: { at: number; data: Dashboard } | undefined;
  let loading: Promise<Dashboard> | undefined;
  const unchanged = new Map<string, { signature: string; stores: DashboardStore[] }>();
  const dashboard = (): Promise<Dashboard> => {
    if (cached && Date.now() - cached.at < refreshMs) return Promise.resolve(cached.data);
    loading ??= readDashboard(sourcesNow(), { cache: unchanged })
      .then((data) => {
        cached = { at: Date.now(), data };
        return data;
      })
      .finally(() => {
        loading = undefined;
      });
    return loading;
  };
  const storeLabel = opts.store
    ? /^postgres(ql)?:\/\//i.test(opts.store)
      ? 'PostgreSQL history store'
      : 'embedded history store'
    : 'embedded history stores of this machine';

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const headers: Record<string, string> = {
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
      'Cache-Control': 'no-store',
    };
    const send = (status: number, body: string, type = 'text/plain; charset=utf-8', extra = {}): void => {
      res.writeHead(status, { ...headers, 'Content-Type': type, ...extra });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(405, 'read-only\n', undefined, { Allow: 'GET, HEAD' });
    // Without authentication only loopback names may address the server: a page elsewhere cannot rebind a DNS name
    // to 127.0.0.1 and read the dashboard through the visitor's browser.
    const hostHeader = (req.headers.host ?? '').replace(/:\d+$/, '');
    if (!auth && !isLoopback(hostHeader)) return send(421, 'this dashboard answers on localhost only\n');
    if (auth && !(await auth.check(req.headers.authorization)))
      return send(401, 'authentication required\n', undefined, {
        'WWW-Authenticate': 'Basic realm="MageUp", charset="UTF-8"',
      });
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/') {
      const data = await dashboard();
      return send(200, renderDashboard(data, { toolVersion, storeLabel }), 'text/html; charset=utf-8', {
        'Content-Security-Policy': DASHBOARD_CSP,
      });
    }
    const run = /^\/runs\/([A-Za-z0-9._-]+)\/(\d{1,15})$/.exec(path);
    if (run) {
      const source = sourcesNow().find((s) => s.key === run[1]);
      const result = source ? await readRunResult(source, Number(run[2])) : null;
      if (!result) return send(404, 'no such check run\n');
      // The same entry point as `mageup check --format html` (client view: no local path); the report carries its
      // own CSP. Source excerpts are not shown: the dashboard never reads the project's files.
      const html = renderCheckReport(result, 'html', {
        endOfSupport: supportDates([result.current.version, ...result.targets.map((t) => t.version)]),
      });
      return send(200, html, 'text/html; charset=utf-8');
    }
    if (path === '/healthz') return send(200, 'ok\n');
    return send(404, 'not found\n');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // Messages may name a store's path: the page says what failed, the server's stderr says where.
      process.stderr.write(`mageup serve: ${error instanceof Error ? error.message : String(error)}\n`);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('the history store could not be read; see the server log\n');
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      fail(
        new ServeError(
          error.code === 'EADDRINUSE'
            ? `port ${port} on ${host} is in use: choose another with --port`
            : `cannot listen on ${host}:${port}: ${error.message}`,
        ),
      ),
    );
    server.listen(port, host, () => done());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}/`,
    server,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
