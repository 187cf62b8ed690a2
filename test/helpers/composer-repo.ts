// A Composer v2 repository served on 127.0.0.1 for tests: packages.json with a metadata-url, and p2 files in
// Composer's minified format, as Packagist and repo.magento.com serve them. Requests can be held (timeout tests) and
// the Authorization headers received are recorded (credential tests).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RepoPackage {
  name: string;
  version: string;
  type?: string;
  require?: Record<string, string>;
  replace?: Record<string, string>;
}

export interface ComposerRepoServer {
  url: string;
  authorizations: string[];
  requests: string[];
  close(): Promise<void>;
}

export async function serveComposerRepo(
  packages: RepoPackage[],
  opts: { holdMs?: number; requireAuth?: string } = {},
): Promise<ComposerRepoServer> {
  const byName = new Map<string, RepoPackage[]>();
  for (const p of packages) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
  const authorizations: string[] = [];
  const held = new Set<NodeJS.Timeout>();
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    authorizations.push(req.headers.authorization ?? '');
    const send = () => {
      if (opts.requireAuth && req.headers.authorization !== opts.requireAuth) {
        res.writeHead(401).end();
        return;
      }
      if (req.url === '/packages.json') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ packages: [], 'metadata-url': '/p2/%package%.json' }));
        return;
      }
      const m = /^\/p2\/([^/]+\/[^/~]+)\.json$/.exec(req.url ?? '');
      const list = m ? byName.get(m[1]!) : undefined;
      if (!list) {
        res.writeHead(404).end();
        return;
      }
      const versions = list.map((p) => ({
        name: p.name,
        version: p.version,
        version_normalized: `${p.version.replace(/^v/, '')}.0`,
        type: p.type ?? 'library',
        require: p.require ?? {},
        ...(p.replace ? { replace: p.replace } : {}),
        dist: { type: 'zip', url: `${address()}/dist/${p.name}/${p.version}.zip`, reference: p.version },
      }));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ minified: 'composer/2.0', packages: { [m![1]!]: minify(versions) } }));
    };
    if (opts.holdMs) held.add(setTimeout(send, opts.holdMs));
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${address()}/`,
    authorizations,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of held) clearTimeout(t);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Composer's MetadataMinifier::minify: each entry keeps only what changed from the previous one. */
function minify(versions: Record<string, unknown>[]): Record<string, unknown>[] {
  let previous: Record<string, unknown> | undefined;
  return versions.map((v) => {
    if (!previous) {
      previous = v;
      return v;
    }
    const out: Record<string, unknown> = {};
    for (const [k, value] of Object.entries(v)) {
      if (JSON.stringify(previous[k]) !== JSON.stringify(value)) out[k] = value;
    }
    for (const k of Object.keys(previous)) if (!(k in v)) out[k] = '__unset';
    previous = v;
    return out;
  });
}
