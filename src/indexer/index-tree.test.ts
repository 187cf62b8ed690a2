import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { main } from '../cli/main.js';
import { loadSymbolIndex } from '../knowledge/api/load.js';
import { indexTree } from './index-tree.js';
import { readInstalledPackages } from './installed-packages.js';
import { selectPackageFiles } from './package-files.js';

const FIXTURE = join(import.meta.dirname, '../../test/fixtures/index-tree');
const temps: string[] = [];
function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mageup-index-'));
  temps.push(dir);
  return dir;
}
after(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('installed packages', () => {
  it('reads Composer 2 installed.json, skipping metapackages and absent directories', () => {
    const { packages, problems, source } = readInstalledPackages(FIXTURE);
    assert.equal(source, 'vendor/composer/installed.json');
    assert.deepEqual(
      packages.map((p) => `${p.name}@${p.version}`),
      ['acme/lib@v2.1.0', 'acme/module-shop@101.0.3-p1'],
    );
    assert.match(problems[0]?.message ?? '', /acme\/not-installed 1\.0\.0 is listed but .* does not exist/);
  });

  it('reads Composer 1 installed.json and falls back to composer.lock', () => {
    const root = temp();
    cpSync(FIXTURE, root, { recursive: true });
    const installed = JSON.parse(readFileSync(join(root, 'vendor/composer/installed.json'), 'utf8')) as {
      packages: Record<string, unknown>[];
    };
    const composer1 = installed.packages.map(({ 'install-path': _ignored, ...rest }) => rest);
    writeFileSync(join(root, 'vendor/composer/installed.json'), JSON.stringify(composer1));
    assert.equal(readInstalledPackages(root).packages.length, 2);
    rmSync(join(root, 'vendor/composer/installed.json'));
    writeFileSync(
      join(root, 'composer.lock'),
      JSON.stringify({ packages: composer1.slice(0, 2), 'packages-dev': composer1.slice(2) }),
    );
    const fromLock = readInstalledPackages(root);
    assert.equal(fromLock.source, 'composer.lock');
    assert.equal(fromLock.packages.length, 2);
  });

  it('names the file when the package list is broken', () => {
    const root = temp();
    cpSync(FIXTURE, root, { recursive: true });
    writeFileSync(join(root, 'vendor/composer/installed.json'), '{"packages": [');
    assert.throws(
      () => readInstalledPackages(root),
      /installed\.json: vendor\/composer\/installed\.json is not valid JSON/,
    );
    assert.throws(() => readInstalledPackages(temp()), /neither vendor\/composer\/installed\.json nor composer\.lock/);
  });
});

describe('package file selection', () => {
  it('honours autoload roots and exclude-from-classmap, keeps Test/Unit out, picks overridable files of modules', () => {
    const paths = ['src/A.php', 'src/Tests/ATest.php', 'tests/BTest.php', 'bin/tool.php'];
    assert.deepEqual(
      selectPackageFiles(paths, { 'psr-4': { 'X\\': 'src/' }, 'exclude-from-classmap': ['/Tests/'] }, 'library').php,
      ['src/A.php'],
    );
    const module = ['Model/A.php', 'Test/Unit/ATest.php', 'view/frontend/templates/a.phtml', 'etc/di.xml', 'README.md'];
    const selected = selectPackageFiles(module, { 'psr-4': { 'M\\': '' } }, 'magento2-module');
    assert.deepEqual(selected.php, ['Model/A.php']);
    assert.deepEqual(selected.overridable, ['etc/di.xml', 'view/frontend/templates/a.phtml']);
  });
});

describe('indexTree', () => {
  it('indexes every package of the tree into a loadable index, listing unparsable files', async () => {
    const out = temp();
    const result = await indexTree(FIXTURE, { out, workers: 1, generatedAt: '2026-01-01T00:00:00.000Z' });
    assert.equal(result.packages, 2);
    assert.equal(result.phpFiles, 5, 'registration.php, Cart, Broken, Base, Contract (not Test/Unit, not tests/)');
    assert.equal(result.release, '2.9.9');
    assert.ok(
      result.problems.some((p) => p.code === 'php-syntax' && p.file === 'vendor/acme/module-shop/Model/Broken.php'),
    );

    const index = await loadSymbolIndex({ release: '2.9.9' }, { dataDir: out });
    const cart = index.getClass('Acme\\Shop\\Model\\Cart');
    assert.equal(cart?.package, 'acme/module-shop');
    assert.equal(cart?.file, 'Model/Cart.php');
    assert.equal(cart?.api, true);
    assert.deepEqual(
      cart?.methods.map((m) => m.name),
      ['add', 'legacy'],
    );
    assert.equal(index.getClass('Acme\\Shop\\Model\\Broken')?.methods[0]?.name, 'fine', 'partial symbols kept');
    assert.equal(index.getClass('Acme\\Shop\\Test\\Unit\\CartTest'), undefined);
    assert.equal(index.getFunction('Acme\\Lib\\helper')?.package, 'acme/lib');
    assert.match(index.fileHash('acme/module-shop', 'view/frontend/templates/cart.phtml') ?? '', /^[0-9a-f]{16}$/);

    const byPackages = await loadSymbolIndex(
      { packages: { 'acme/lib': 'v2.1.0' } },
      { extraDirs: [out], dataDir: out },
    );
    assert.equal(byPackages.getClass('Acme\\Lib\\Base')?.abstract, true);
  });

  it('runs as `mageup index` and refuses a directory without a package list', async () => {
    const out = temp();
    const write = process.stdout.write.bind(process.stdout);
    let printed = '';
    process.stdout.write = ((chunk: string) => {
      printed += chunk;
      return true;
    }) as typeof process.stdout.write;
    let code: number;
    try {
      code = await main(['index', FIXTURE, '--out', out, '--workers', '1']);
    } finally {
      process.stdout.write = write;
    }
    assert.equal(code, 0);
    assert.match(printed, /Indexed 2 packages \(5 PHP files, 4 classes, release 2\.9\.9\)/);
    const errors: string[] = [];
    const writeErr = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => {
      errors.push(chunk);
      return true;
    }) as typeof process.stderr.write;
    try {
      assert.equal(await main(['index', temp()]), 2);
    } finally {
      process.stderr.write = writeErr;
    }
    assert.match(errors.join(''), /neither vendor\/composer\/installed\.json nor composer\.lock/);
  });
});
