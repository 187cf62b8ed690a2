import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { KnowledgeDataError, UnknownVersionError } from '../errors.js';
import { clearApiCache, listIndexedReleases, loadSymbolIndex } from './load.js';
import { decodePackageVersions, encodePackage } from './package-codec.js';
import { readManifest } from './store.js';
import { classDecl, method } from './testing-fixtures.js';
import { decodeTimeline, encodeTimeline, timelineHas } from './timeline.js';
import { compareLooseVersions } from './versions.js';
import { ApiDataWriter } from './writer.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mageup-api-'));
  dirs.push(dir);
  return dir;
}
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const product = (v: string) =>
  classDecl('Magento\\Catalog\\Model\\Product', {
    api: true,
    extends: 'Magento\\Framework\\Model\\AbstractModel',
    methods: [
      method('getName', { returnType: v === '104.0.0' ? 'string' : undefined, bodyHash: 'aa' }),
      method('getSku', { bodyHash: 'bb' }),
    ],
    constants: [{ name: 'ENTITY', visibility: 'public', line: 7 }],
  });

/** A data dir with two versions of magento/module-catalog, one of magento/framework, and two releases. */
function buildFixture(dir: string): void {
  const writer = new ApiDataWriter(dir, { generatedAt: '2026-01-01T00:00:00.000Z' });
  writer.addPackage('magento/module-catalog', [
    { package: 'magento/module-catalog', version: '103.0.0', classes: [product('103.0.0')], functions: [] },
    {
      package: 'magento/module-catalog',
      version: '104.0.0',
      classes: [product('104.0.0'), classDecl('Magento\\Catalog\\Api\\NewThing', { kind: 'interface' })],
      functions: [],
      fileHashes: { 'view/frontend/templates/list.phtml': 'abc123' },
    },
  ]);
  writer.addPackage('magento/framework', [
    {
      package: 'magento/framework',
      version: '103.0.0',
      classes: [classDecl('Magento\\Framework\\Model\\AbstractModel', { abstract: true })],
      functions: [{ name: '__', params: [{ name: 'argc', variadic: true }], line: 3 }],
    },
  ]);
  writer.setRelease('2.4.0', {
    coverage: 'indexed',
    packages: { 'magento/module-catalog': '103.0.0', 'magento/framework': '103.0.0' },
  });
  writer.setRelease('2.4.1', {
    coverage: 'indexed',
    packages: { 'magento/module-catalog': '104.0.0', 'magento/framework': '103.0.0' },
  });
  writer.setRelease('2.4.2', {
    coverage: 'derived',
    base: '2.4.1',
    packages: { 'magento/module-catalog': '104.0.0', 'magento/framework': '103.0.0' },
    publishedChanges: [
      {
        section: 'Class changes',
        change: '[public] Method has been removed',
        what: 'Magento\\Catalog\\Model\\Product::getSku',
      },
      { section: 'Interface changes', change: 'Interface was removed', what: 'Magento\\Catalog\\Api\\NewThing' },
    ],
  });
  writer.finish();
}

describe('timelines', () => {
  it('encodes positions as ranges and reads them back', () => {
    assert.equal(encodeTimeline([5, 0, 1, 2, 3, 9, 8]), '0-3,5,8-9');
    assert.deepEqual(decodeTimeline('0-3,5,8-9'), [0, 1, 2, 3, 5, 8, 9]);
    for (const p of [0, 3, 5, 8, 9]) assert.ok(timelineHas('0-3,5,8-9', p), String(p));
    for (const p of [4, 6, 7, 10]) assert.ok(!timelineHas('0-3,5,8-9', p), String(p));
    assert.ok(timelineHas('12-40', 33));
  });

  it('orders versions naturally, patches after their base', () => {
    const sorted = ['2.4.10', '2.4.2', '2.4.2-p1', '2.4.2-beta1', '103.0.4-p2', '103.0.4'].sort(compareLooseVersions);
    assert.deepEqual(sorted, ['2.4.2-beta1', '2.4.2', '2.4.2-p1', '2.4.10', '103.0.4', '103.0.4-p2']);
  });
});

describe('package storage', () => {
  it('stores a symbol once per variant, members once overall, and round-trips every version', () => {
    const versions = ['1.0.0', '1.0.1', '1.0.2', '1.1.0'];
    const inputs = versions.map((version) => ({
      package: 'acme/lib',
      version,
      classes: [
        classDecl('Acme\\Same', { methods: [method('run')] }),
        classDecl('Acme\\Changing', { methods: [method('run', version >= '1.1.0' ? { returnType: 'int' } : {})] }),
      ],
      functions: [],
    }));
    const stored = encodePackage('acme/lib', inputs);
    assert.deepEqual(stored.versions, versions);
    assert.equal(stored.classes['Acme\\Same']!.length, 1);
    assert.equal(stored.classes['Acme\\Same']![0]![0], '0-3');
    assert.deepEqual(
      stored.classes['Acme\\Changing']!.map(([t]) => t),
      ['0-2', '3'],
    );
    assert.equal(stored.members.length, 2, 'run() and run(): int');
    const decoded = decodePackageVersions(stored);
    for (const [i, input] of inputs.entries()) {
      const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
      assert.deepEqual(decoded[i]!.classes.sort(byName), input.classes.sort(byName));
    }
  });

  it('is deterministic: the same input gives the same bytes', () => {
    const a = tempDir();
    const b = tempDir();
    buildFixture(a);
    buildFixture(b);
    for (const file of ['manifest.json', 'packages/magento/module-catalog.json.br']) {
      assert.deepEqual(readFileSync(join(a, file)), readFileSync(join(b, file)), file);
    }
  });
});

describe('loadSymbolIndex', () => {
  const dir = tempDir();
  buildFixture(dir);

  it('answers by release with the declaration of that release', async () => {
    const old = await loadSymbolIndex({ release: '2.4.0' }, { dataDir: dir });
    const now = await loadSymbolIndex({ release: '2.4.1' }, { dataDir: dir });
    assert.equal(old.coverage, 'indexed');
    assert.equal(old.getClass('\\magento\\catalog\\model\\PRODUCT')?.package, 'magento/module-catalog');
    assert.equal(old.getClass('Magento\\Catalog\\Model\\Product')?.methods[0]?.returnType, undefined);
    assert.equal(now.getClass('Magento\\Catalog\\Model\\Product')?.methods[0]?.returnType, 'string');
    assert.equal(now.getClass('Magento\\Catalog\\Model\\Product')?.methods[0]?.bodyHash, 'aa');
    assert.equal(now.getClass('Magento\\Catalog\\Model\\Product')?.constants[0]?.line, 7);
    assert.equal(old.getClass('Magento\\Catalog\\Api\\NewThing'), undefined);
    assert.equal(now.getClass('Magento\\Catalog\\Api\\NewThing')?.kind, 'interface');
    assert.equal(now.getFunction('__')?.package, 'magento/framework');
    assert.equal(now.fileHash('magento/module-catalog', 'view/frontend/templates/list.phtml'), 'abc123');
    assert.equal(old.fileHash('magento/module-catalog', 'view/frontend/templates/list.phtml'), undefined);
  });

  it('answers for an explicit package set and lists what it does not hold', async () => {
    const index = await loadSymbolIndex(
      { packages: { 'magento/module-catalog': '104.0.0', 'magento/framework': '999.0.0', 'acme/x': '1.0.0' } },
      { dataDir: dir },
    );
    assert.deepEqual(index.packages(), { 'magento/module-catalog': '104.0.0' });
    assert.deepEqual(index.unindexed(), { 'magento/framework': '999.0.0', 'acme/x': '1.0.0' });
    assert.equal(index.getClass('Magento\\Framework\\Model\\AbstractModel'), undefined);
    assert.ok(index.getClass('Magento\\Catalog\\Model\\Product'));
  });

  it('applies published removals to a derived release and says it is derived', async () => {
    const index = await loadSymbolIndex({ release: '2.4.2' }, { dataDir: dir });
    assert.equal(index.coverage, 'derived');
    assert.equal(index.base, '2.4.1');
    assert.deepEqual(
      index.getClass('Magento\\Catalog\\Model\\Product')?.methods.map((m) => m.name),
      ['getName'],
    );
    assert.equal(index.getClass('Magento\\Catalog\\Api\\NewThing'), undefined);
  });

  it('loads package files lazily: a lookup in one namespace reads only that package', async () => {
    clearApiCache();
    const lazyDir = tempDir();
    buildFixture(lazyDir);
    rmSync(join(lazyDir, 'packages/magento/framework.json.br'));
    const index = await loadSymbolIndex({ release: '2.4.1' }, { dataDir: lazyDir });
    assert.ok(index.getClass('Magento\\Catalog\\Model\\Product'), 'catalog loads without the framework file');
    assert.throws(() => index.getClass('Magento\\Framework\\Model\\AbstractModel'), KnowledgeDataError);
  });

  it('refuses a corrupt or truncated package file with an error naming it', async () => {
    clearApiCache();
    const bad = tempDir();
    buildFixture(bad);
    const file = join(bad, 'packages/magento/module-catalog.json.br');
    const bytes = readFileSync(file);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = (bytes[middle] ?? 0) ^ 0xff;
    writeFileSync(file, bytes);
    const index = await loadSymbolIndex({ release: '2.4.1' }, { dataDir: bad });
    assert.throws(
      () => index.getClass('Magento\\Catalog\\Model\\Product'),
      /module-catalog\.json\.br: checksum mismatch/,
    );
    truncateSync(file, 10);
    clearApiCache();
    const again = await loadSymbolIndex({ release: '2.4.1' }, { dataDir: bad });
    assert.throws(
      () => again.getClass('Magento\\Catalog\\Model\\Product'),
      /module-catalog\.json\.br: is 10 bytes.*truncated/,
    );
  });

  it('refuses a truncated manifest and an unknown release with suggestions', async () => {
    const bad = tempDir();
    buildFixture(bad);
    await assert.rejects(loadSymbolIndex({ release: '2.4.9' }, { dataDir: bad }), UnknownVersionError);
    await assert.rejects(
      loadSymbolIndex({ release: '2.4.9' }, { dataDir: bad }),
      /Nearest known: 2\.4\.2, 2\.4\.1, 2\.4\.0/,
    );
    const manifest = join(bad, 'manifest.json');
    writeFileSync(manifest, readFileSync(manifest).subarray(0, 40));
    await assert.rejects(loadSymbolIndex({ release: '2.4.1' }, { dataDir: bad }), /manifest\.json: is not valid JSON/);
  });

  it('lets a user index in extraDirs win over the shipped data and merges new versions in', async () => {
    const extra = tempDir();
    const writer = new ApiDataWriter(extra);
    writer.addPackage('magento/module-catalog', [
      {
        package: 'magento/module-catalog',
        version: '104.0.0',
        classes: [classDecl('Magento\\Catalog\\Model\\Product')],
        functions: [],
      },
    ]);
    writer.finish();
    const merged = new ApiDataWriter(extra, { merge: true });
    merged.addPackage('magento/module-catalog', [
      { package: 'magento/module-catalog', version: '105.0.0', classes: [], functions: [] },
    ]);
    merged.finish();
    assert.deepEqual(readManifest(extra).packages['magento/module-catalog']?.versions, ['104.0.0', '105.0.0']);
    const index = await loadSymbolIndex({ release: '2.4.1' }, { dataDir: dir, extraDirs: [extra] });
    assert.deepEqual(index.getClass('Magento\\Catalog\\Model\\Product')?.methods, [], 'the extra dir answered');
    assert.ok(index.getClass('Magento\\Framework\\Model\\AbstractModel'), 'the shipped dir answers the rest');
    const releases = await listIndexedReleases({ dataDir: dir, extraDirs: [extra] });
    assert.deepEqual(
      releases.map((r) => `${r.version}:${r.coverage}`),
      ['2.4.0:indexed', '2.4.1:indexed', '2.4.2:derived'],
    );
  });
});
