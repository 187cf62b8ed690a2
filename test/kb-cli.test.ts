import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { KbStatus } from '../src/knowledge/kb-status.js';
import { startFakeComposerRepository, startFakePackagist, type FakeServer } from './fixtures/kb/fake-servers.js';

const USER = 'cli-public-key-7a1b';
const SECRET = 'cli-private-key-c0ffee42';
const tmp = mkdtempSync(join(tmpdir(), 'mageup-kb-cli-'));
let repo: FakeServer;
let packagist: FakeServer;

before(async () => {
  repo = await startFakeComposerRepository({ username: USER, password: SECRET });
  packagist = await startFakePackagist();
});
after(async () => {
  await repo.close();
  await packagist.close();
  rmSync(tmp, { recursive: true, force: true });
});

const MAIN = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const ENTRY = `const { main } = await import(${JSON.stringify(MAIN)}); process.exitCode = await main(process.argv.slice(1));`;

/**
 * Runs the CLI in a child process (stdout of this process belongs to the test reporter). Asynchronous, so the fake
 * servers in this process keep answering.
 */
function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', ENTRY, '--', ...args],
      { env: { ...process.env, COMPOSER_AUTH: '', MAGEUP_CACHE_DIR: join(tmp, 'default-cache') }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

function authFile(password: string): string {
  const host = new URL(repo.url).hostname;
  const file = join(tmp, `auth-${password}.json`);
  writeFileSync(file, JSON.stringify({ 'http-basic': { [host]: { username: USER, password } } }));
  return file;
}

describe('mageup kb status', () => {
  it('lists every release 2.3.0 … 2.4.9 with its coverage as JSON', async () => {
    const { code, stdout } = await run(['kb', 'status', '--format', 'json', '--cache-dir', join(tmp, 'empty')]);
    assert.equal(code, 0);
    const status = JSON.parse(stdout) as KbStatus;
    const versions = status.releases.map((r) => r.version);
    for (const v of ['2.3.0', '2.3.7-p4', '2.4.0', '2.4.4-p18', '2.4.7-p3', '2.4.8-p5', '2.4.9'])
      assert.ok(versions.includes(v), v);
    const byVersion = new Map(status.releases.map((r) => [r.version, r]));
    assert.equal(byVersion.get('2.4.7-p3')!.packages, 'metapackage');
    assert.equal(byVersion.get('2.4.8-p5')!.packages, 'key-packages');
    assert.equal(byVersion.get('2.3.7-p4')!.requirements.confidence, 'low');
    for (const r of status.releases)
      assert.ok(['indexed', 'derived', 'none'].includes(r.api), `${r.version}: ${r.api}`);
    assert.ok(['present', 'absent', 'invalid'].includes(status.apiIndex.manifest));
    assert.equal(status.update, null);
    assert.match(status.releaseData.generated, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(status.releaseData.sources['magento-composer']?.commit);
    assert.ok(status.advisories.newestEntry);
  });

  it('prints a table with freshness lines as text', async () => {
    const { code, stdout } = await run(['kb', 'status', '--cache-dir', join(tmp, 'empty')]);
    assert.equal(code, 0);
    assert.match(stdout, /Release catalog: \d+ releases, data collected \d{4}-\d{2}-\d{2}/);
    assert.match(stdout, /Advisories: \d+ offline \(FriendsOfPHP\/security-advisories@[0-9a-f]{7}/);
    assert.match(
      stdout,
      /Extension release lists: \d{3} packages, [\d]+ releases from the tags of \d{3} public repositories/,
    );
    assert.match(stdout, /Online advisories: never fetched/);
    assert.match(
      stdout,
      /^VERSION\s+DATE\s+TYPE\s+PACKAGE SET\s+REQUIREMENTS\s+API\s+DB SCHEMA\s+FILE HASHES\s+LAYOUT\s+GRAPHQL\s+JS\s+SUPPORT$/m,
    );
    assert.match(stdout, /^2\.4\.7-p3\s+2024-10-08\s+security\s+metapackage \(\d+\)\s+high/m);
    assert.match(stdout, /^2\.3\.7-p4\s.*low, inherited/m);
    // Coverage per family: a derived release names the release standing in.
    assert.match(stdout, /^2\.4\.8-p3\s.*from 2\.4\.8-p2\s+from 2\.4\.8-p2/m);
    assert.match(stdout, /^2\.4\.8-p2\s.*indexed\s+indexed\s+indexed\s+indexed\s+indexed\s+indexed/m);
    assert.match(stdout, /releases are indexed in every family/);
    // Patch levels: per line the -pN the isolated files apply on, each file with bulletin, CVE, exploitation, contents.
    assert.match(
      stdout,
      /^Patch levels \(Adobe's isolated security patch files and hotfixes, data as of \d{4}-\d{2}-\d{2}\)$/m,
    );
    assert.match(stdout, /snapshot that ends 2026-07-15/);
    assert.match(
      stdout,
      /^2\.4\.9\s+2\.4\.9\s+2\.4\.9\s+249-2026-07-001-CE\s+2026-07-14\s+APSB26-73\s+CVE-\S+ \+4\s+no\s+yes\s+none yet$/m,
    );
    assert.match(
      stdout,
      /^\s+248p5-2026-08-001-CE\s+2026-08-11\s+APSB26-92\s+.*EXPLOITED\s+no \(after 2026-07-15\)\s+none yet$/m,
    );
  });

  it('rejects an unknown format', async () => {
    const { code, stderr } = await run(['kb', 'status', '--format', 'xml']);
    assert.equal(code, 2);
    assert.match(stderr, /--format: expected text or json, got "xml"/);
  });
});

describe('mageup kb update', () => {
  it('refreshes release metadata and advisories into the cache directory, never printing credentials', async () => {
    const cacheDir = join(tmp, 'cache');
    const result = await run([
      'kb',
      'update',
      '--repo',
      repo.url,
      '--auth',
      authFile(SECRET),
      '--cache-dir',
      cacheDir,
      '--online',
      '--packagist',
      packagist.url,
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /Read 4 releases of magento\/product-community-edition from http:\/\/127\.0\.0\.1:\d+\//,
    );
    assert.match(result.stdout, /New releases: 2\.4\.8-p6/);
    assert.match(result.stdout, /Package sets completed: 2\.4\.8-p5$/m);
    assert.match(result.stdout, /Fetched 2 advisories for \d+ packages/);
    assert.ok(!`${result.stdout}${result.stderr}`.includes(SECRET));

    const status = JSON.parse(
      (await run(['kb', 'status', '--format', 'json', '--cache-dir', cacheDir])).stdout,
    ) as KbStatus;
    assert.equal(status.update?.releases, 4);
    assert.equal(status.advisories.online?.advisories, 2);
    const p6 = status.releases.find((r) => r.version === '2.4.8-p6')!;
    assert.equal(p6.packages, 'kb-update');
    assert.equal(status.releases.find((r) => r.version === '2.4.8-p5')!.packages, 'kb-update');
    assert.equal(status.releases.find((r) => r.version === '2.4.9')!.packages, 'metapackage', 'shipped, kept');
  });

  it('fails with exit code 2 and a clear message on wrong credentials, without showing them', async () => {
    const result = await run([
      'kb',
      'update',
      '--repo',
      repo.url,
      '--auth',
      authFile('wrong-password-123'),
      '--cache-dir',
      join(tmp, 'c2'),
    ]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /packages\.json: authentication failed \(HTTP 401\)/);
    const everything = `${result.stdout}${result.stderr}`;
    for (const secret of ['wrong-password-123', USER, Buffer.from(`${USER}:wrong-password-123`).toString('base64')]) {
      assert.ok(!everything.includes(secret), `leaked ${secret}`);
    }
  });

  it('reports 404 and invalid JSON from the repository', async () => {
    const auth = authFile(SECRET);
    const missing = await run([
      'kb',
      'update',
      '--repo',
      `${repo.url}missing/`,
      '--auth',
      auth,
      '--cache-dir',
      join(tmp, 'c3'),
    ]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /not found \(HTTP 404\)/);
    const broken = await run([
      'kb',
      'update',
      '--repo',
      `${repo.url}broken/`,
      '--auth',
      auth,
      '--cache-dir',
      join(tmp, 'c3'),
    ]);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /not valid JSON/);
  });

  it('rejects a repository that is not a URL', async () => {
    const result = await run(['kb', 'update', '--repo', 'not a url', '--cache-dir', join(tmp, 'c4')]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--repo: not a URL/);
  });

  it('kb update offline says which shipped knowledge it keeps, not a DNS or socket error', async () => {
    const r = await run(['kb', 'update', '--repo', 'http://127.0.0.1:9/', '--timeout', '5']);
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /^mageup kb update: no network: using the knowledge shipped on \d{4}-\d{2}-\d{2}, patch levels \d{4}-\d{2}-\d{2}\n$/,
    );
  });
});
