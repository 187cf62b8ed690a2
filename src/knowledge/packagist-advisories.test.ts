import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startFakePackagist, type FakeServer } from '../../test/fixtures/kb/fake-servers.js';
import { RepositoryError } from './errors.js';
import {
  fetchPackagistAdvisories,
  parsePackagistResponse,
  readOnlineAdvisories,
  refreshOnlineAdvisories,
} from './packagist-advisories.js';

let server: FakeServer;
const tmp = mkdtempSync(join(tmpdir(), 'mageup-packagist-'));
before(async () => {
  server = await startFakePackagist();
});
after(async () => {
  await server.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('Packagist security-advisories client', () => {
  it('POSTs packages[] form fields and converts the real response format', async () => {
    const advisories = await fetchPackagistAdvisories(
      ['guzzlehttp/guzzle', 'monolog/monolog', 'Magento/Magento2-Base', 'not a package'],
      { baseUrl: server.url },
    );
    assert.deepEqual(advisories[0], {
      id: 'PKSA-yhcn-xrg3-68b1',
      package: 'guzzlehttp/guzzle',
      title: 'Fix failure to strip Authorization header on HTTP downgrade',
      affected: '>=7,<7.4.4 || <6.5.7',
      source: 'packagist',
      cve: 'CVE-2022-31043',
      link: 'https://github.com/guzzle/guzzle/security/advisories/GHSA-w248-ffj2-4v5q',
      severity: 'high',
      date: '2022-06-10',
    });
    assert.equal(advisories[1]!.package, 'magento/magento2-base');
    assert.equal(advisories[1]!.severity, undefined, 'null severity stays unknown');
    const request = server.requests.at(-1)!;
    assert.equal(request.method, 'POST');
    assert.deepEqual(new URLSearchParams(request.body).getAll('packages[]'), [
      'guzzlehttp/guzzle',
      'magento/magento2-base',
      'monolog/monolog',
    ]);
  });

  it('batches large package lists', async () => {
    const before = server.requests.length;
    const names = Array.from({ length: 250 }, (_, i) => `vendor/package-${i}`);
    assert.deepEqual(await fetchPackagistAdvisories(names, { baseUrl: server.url }), []);
    assert.equal(server.requests.length - before, 3);
  });

  it('rejects malformed responses as a whole and accepts PHP empty arrays', () => {
    assert.deepEqual(parsePackagistResponse({ advisories: [] }, 'https://x/api'), []);
    assert.throws(() => parsePackagistResponse({}, 'https://x/api'), RepositoryError);
    assert.throws(() => parsePackagistResponse({ advisories: { 'a/b': {} } }, 'https://x/api'), /is not a list/);
    assert.throws(
      () => parsePackagistResponse({ advisories: { 'a/b': [{ title: 'no id' }] } }, 'https://x/api'),
      /lacks advisoryId or affectedVersions/,
    );
  });

  it('reports a server error clearly', async () => {
    await assert.rejects(
      fetchPackagistAdvisories(['a/b'], { baseUrl: `${server.url}nowhere/` }),
      /not found \(HTTP 404\)/,
    );
  });

  it('stores refreshed advisories in the cache directory', async () => {
    const result = await refreshOnlineAdvisories({
      packages: ['guzzlehttp/guzzle'],
      cacheDir: tmp,
      now: new Date('2026-11-23T00:00:00Z'),
      baseUrl: server.url,
    });
    assert.equal(result.advisories, 1);
    const stored = readOnlineAdvisories(tmp)!;
    assert.equal(stored.fetchedAt, '2026-11-23T00:00:00.000Z');
    assert.deepEqual(stored.packages, ['guzzlehttp/guzzle']);
    assert.equal(stored.advisories[0]!.id, 'PKSA-yhcn-xrg3-68b1');
  });
});
