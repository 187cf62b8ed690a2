import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startFakeComposerRepository, type FakeServer } from '../../test/fixtures/kb/fake-servers.js';
import { loadReleaseCatalog } from './catalog.js';
import { fixedClock } from './clock.js';
import { ComposerRepository, credentialsFor, expandMinified } from './composer-repository.js';
import { KnowledgeDataError, RepositoryError } from './errors.js';
import { updateReleaseMetadata } from './release-update.js';

const USER = 'fake-public-key-4f1c';
const SECRET = 'fake-private-key-9d27e1';
const BASE64 = Buffer.from(`${USER}:${SECRET}`).toString('base64');
let server: FakeServer;
const tmp = mkdtempSync(join(tmpdir(), 'mageup-repo-'));

before(async () => {
  server = await startFakeComposerRepository({ username: USER, password: SECRET });
});
after(async () => {
  await server.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** Asserts an error is a RepositoryError whose message says `pattern` and carries no credential in any form. */
function repositoryError(pattern: RegExp) {
  return (e: unknown) => {
    assert.ok(e instanceof RepositoryError, String(e));
    assert.match(e.message, pattern);
    for (const secret of [SECRET, BASE64, USER]) assert.ok(!e.message.includes(secret), `leaked in: ${e.message}`);
    return true;
  };
}

describe('expandMinified', () => {
  it('inherits from the previous entry and removes "__unset" keys', () => {
    const expanded = expandMinified([
      { name: 'a/b', version: '2.0.0', description: 'x', require: { php: '>=8' } },
      { version: '1.0.0', description: '__unset' },
      { version: '0.9.0', require: { php: '>=7' } },
    ]);
    assert.deepEqual(expanded, [
      { name: 'a/b', version: '2.0.0', description: 'x', require: { php: '>=8' } },
      { name: 'a/b', version: '1.0.0', require: { php: '>=8' } },
      { name: 'a/b', version: '0.9.0', require: { php: '>=7' } },
    ]);
  });
});

describe('ComposerRepository against a local fake repository', () => {
  it('reads packages.json, follows metadata-url and expands the minified versions, sending basic auth', async () => {
    const repo = new ComposerRepository({ url: server.url, credentials: { username: USER, password: SECRET } });
    const versions = await repo.packageVersions('magento/product-community-edition');
    assert.deepEqual(
      versions.map((v) => v.version),
      ['2.4.9', '2.4.8-p6', '2.4.8-p5', '2.4.8-p4', '2.2.11'],
    );
    const p6 = versions[1]!;
    assert.equal(p6.name, 'magento/product-community-edition');
    assert.equal(p6.description, 'eCommerce Platform for Growth (Community Edition)');
    assert.equal(p6.require?.['magento/framework'], '103.0.8-p6');
    assert.equal(versions[2]!.description, undefined);
    assert.equal(versions[3]!.description, undefined, 'an unset key stays unset for later entries');
    assert.equal(versions[3]!.require?.['monolog/monolog'], undefined, 'require is replaced, not merged');
    assert.ok(server.requests.every((r) => r.authorization === `Basic ${BASE64}`));
  });

  it('takes credentials from user info in the URL and never shows them', async () => {
    const withUserInfo = server.url.replace('http://', `http://${USER}:${SECRET}@`);
    const repo = new ComposerRepository({ url: withUserInfo });
    assert.ok(!repo.displayUrl.includes(SECRET));
    assert.equal((await repo.packageVersions('magento/product-community-edition')).length, 5);
    const bad = new ComposerRepository({ url: withUserInfo.replace(SECRET, `${SECRET}x`) });
    await assert.rejects(
      bad.packageVersions('magento/product-community-edition'),
      repositoryError(/authentication failed \(HTTP 401\)/),
    );
  });

  it('reports 401 without and with wrong credentials, without leaking them', async () => {
    await assert.rejects(
      new ComposerRepository({ url: server.url }).packageVersions('magento/product-community-edition'),
      repositoryError(/authentication required \(HTTP 401\): pass --auth auth\.json/),
    );
    await assert.rejects(
      new ComposerRepository({ url: server.url, credentials: { username: USER, password: 'wrong' } }).packageVersions(
        'magento/product-community-edition',
      ),
      repositoryError(
        /authentication failed \(HTTP 401\): check the http-basic credentials for 127\.0\.0\.1:\d+ in auth\.json/,
      ),
    );
  });

  it('reports 404, invalid JSON and a Composer v1 repository clearly', async () => {
    const creds = { username: USER, password: SECRET };
    await assert.rejects(
      new ComposerRepository({ url: `${server.url}missing/`, credentials: creds }).packageVersions(
        'magento/product-community-edition',
      ),
      repositoryError(/missing\/packages\.json: not found \(HTTP 404\)/),
    );
    await assert.rejects(
      new ComposerRepository({ url: `${server.url}broken/`, credentials: creds }).packageVersions(
        'magento/product-community-edition',
      ),
      repositoryError(/broken\/packages\.json: the response is not valid JSON/),
    );
    await assert.rejects(
      new ComposerRepository({ url: `${server.url}v1/`, credentials: creds }).packageVersions(
        'magento/product-community-edition',
      ),
      repositoryError(/not a Composer v2 repository/),
    );
    await assert.rejects(
      new ComposerRepository({ url: server.url, credentials: creds }).packageVersions(
        'magento/product-enterprise-edition',
      ),
      repositoryError(/not found \(HTTP 404\)/),
    );
  });
});

describe('credentialsFor', () => {
  it('reads http-basic for the repository host from auth.json or COMPOSER_AUTH', () => {
    const file = join(tmp, 'auth.json');
    writeFileSync(file, JSON.stringify({ 'http-basic': { 'repo.magento.com': { username: USER, password: SECRET } } }));
    assert.deepEqual(credentialsFor('https://repo.magento.com/', file), { username: USER, password: SECRET });
    assert.equal(credentialsFor('https://mirror.mage-os.org/', file), undefined);
    const env = {
      COMPOSER_AUTH: JSON.stringify({ 'http-basic': { 'mirror.example': { username: 'u', password: 'p' } } }),
    };
    assert.deepEqual(credentialsFor('https://mirror.example/', undefined, env), { username: 'u', password: 'p' });
    assert.equal(credentialsFor('https://mirror.example/', undefined, {}), undefined);
  });

  it('names a broken auth file without showing its content', () => {
    const file = join(tmp, 'broken-auth.json');
    writeFileSync(file, `{"http-basic": {"repo.magento.com": {"username": "${USER}", "password": "${SECRET}"`);
    assert.throws(
      () => credentialsFor('https://repo.magento.com/', file),
      (e: unknown) => e instanceof KnowledgeDataError && e.message.includes(file) && !e.message.includes(SECRET),
    );
    assert.throws(() => credentialsFor('https://repo.magento.com/', join(tmp, 'absent.json')), /auth file not found/);
  });
});

describe('updateReleaseMetadata', () => {
  it('writes the cache file and the catalog lays it over the shipped data', async () => {
    const cacheDir = join(tmp, 'cache');
    const shipped = loadReleaseCatalog({ cacheDir: false }).all();
    const summary = await updateReleaseMetadata({
      repository: new ComposerRepository({ url: server.url, credentials: { username: USER, password: SECRET } }),
      cacheDir,
      now: new Date('2026-11-23T10:00:00Z'),
      shipped,
    });
    assert.equal(summary.releases, 4, '2.2.11 is outside the catalog');
    assert.deepEqual(summary.added, ['2.4.8-p6']);
    // 2.4.9's real metapackage is shipped (scripts/data/lock-metapackages.json): only 2.4.8-p5 is completed.
    assert.deepEqual(summary.completed, ['2.4.8-p5']);
    assert.ok(!summary.repository.includes(SECRET));

    const catalog = loadReleaseCatalog({ cacheDir, clock: fixedClock('2026-11-23') });
    const p6 = catalog.get('2.4.8-p6')!;
    assert.equal(p6.type, 'security');
    assert.equal(p6.packages['magento/framework'], '103.0.8-p6');
    assert.equal(p6.endOfSupport, '2028-05-31', 'support dates come from its line');
    assert.equal(p6.requirementsConfidence, 'low');
    assert.equal(catalog.get('2.4.8-p5')!.packagesKnown, true);
    assert.equal(catalog.get('2.4.9')!.packagesKnown, true);
    // Shipped facts win: the shipped 2.4.8-p4 metapackage is kept whole.
    assert.ok(Object.keys(catalog.get('2.4.8-p4')!.packages).length > 200);
    assert.equal(catalog.resolve('2.4.8-latest').version, '2.4.8-p6');
    assert.equal(loadReleaseCatalog({ cacheDir: false }).get('2.4.8-p6'), undefined);
  });
});
