import { strict as assert } from 'node:assert';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { compareLooseVersions } from './versions.js';
import { loadSymbolIndex, SHIPPED_API_DIR } from './load.js';
import { readManifest } from './store.js';

/** Releases from 2.3.0 to 2.4.8-p1 with no public tree: covered from the nearest indexed release (derived). */
const NO_PUBLIC_TREE = new Set(['2.3.2-p2', '2.3.3-p1', '2.3.5', '2.4.3-p3']);
/** Patch releases published on the day of 2.4.8-p1 or later, on older lines: no tree yet either. */
const LATER_PATCH = /^2\.4\.4-p(1[4-9])$|^2\.4\.5-p(1[4-9])$|^2\.4\.6-p(1[2-9])$|^2\.4\.7-p([89]|1\d)$/;

const present = existsSync(join(SHIPPED_API_DIR, 'manifest.json'));

describe('shipped API index', { skip: present ? false : 'data/api is not built' }, () => {
  it('covers every release 2.3.0 … 2.4.8-p1 as indexed, and later ones as derived with their base', () => {
    const manifest = readManifest(SHIPPED_API_DIR);
    const releases = Object.keys(manifest.releases).sort(compareLooseVersions);
    const inRange = releases.filter(
      (v) => compareLooseVersions(v, '2.3.0') >= 0 && compareLooseVersions(v, '2.4.8-p1') <= 0,
    );
    const expectedIndexed = inRange.filter((v) => !NO_PUBLIC_TREE.has(v) && !LATER_PATCH.test(v));
    assert.ok(expectedIndexed.length >= 70, `only ${expectedIndexed.length} releases in range`);
    for (const version of expectedIndexed) {
      assert.equal(manifest.releases[version]?.coverage, 'indexed', `${version} should be indexed`);
      assert.ok(
        Object.keys(manifest.releases[version]!.packages).length > 280,
        `${version} has its package set with libraries`,
      );
    }
    // 2.4.7-p8 and 2.4.8-p2 from public full installs (scripts/install-trees.ts).
    for (const version of [
      '2.3.0',
      '2.3.7-p4',
      '2.4.0',
      '2.4.4',
      '2.4.6-p11',
      '2.4.7-p7',
      '2.4.7-p8',
      '2.4.8',
      '2.4.8-p1',
      '2.4.8-p2',
    ]) {
      assert.equal(manifest.releases[version]?.coverage, 'indexed', version);
    }
    for (const [version, release] of Object.entries(manifest.releases)) {
      if (release.coverage !== 'derived') continue;
      assert.equal(
        manifest.releases[release.base ?? '']?.coverage,
        'indexed',
        `${version} builds on an indexed release`,
      );
    }
    assert.equal(manifest.releases['2.4.9']?.coverage, 'derived');
  });

  it('lists files whose size matches, and fits the size budget with the rest of data/', () => {
    const manifest = readManifest(SHIPPED_API_DIR);
    let total = statSync(join(SHIPPED_API_DIR, 'manifest.json')).size;
    for (const [file, entry] of Object.entries(manifest.files)) {
      assert.equal(statSync(join(SHIPPED_API_DIR, file)).size, entry.bytes, file);
      total += entry.bytes;
    }
    assert.ok(total < 30e6, `API index is ${(total / 1e6).toFixed(1)} MB`);
  });

  it('answers a lookup at a release with that release’s signature', async () => {
    const old = await loadSymbolIndex({ release: '2.4.3' });
    const now = await loadSymbolIndex({ release: '2.4.4' });
    assert.equal(old.getClass('Magento\\Catalog\\Model\\Product')?.package, 'magento/module-catalog');
    assert.ok(old.getClass('Magento\\Framework\\App\\Action\\Action'));
    assert.ok(now.getClass('Monolog\\Logger'), 'third-party libraries are indexed too');
    assert.equal(now.packages()['monolog/monolog']?.startsWith('2.'), true, '2.4.4 installs Monolog 2');
    const m248 = await loadSymbolIndex({ release: '2.4.8' });
    assert.equal(m248.packages()['monolog/monolog']?.startsWith('3.'), true, '2.4.8 installs Monolog 3');
  });
});
