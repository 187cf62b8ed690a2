import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Problem } from '../core/problem.js';
import type { ReleaseCatalog } from '../knowledge/types.js';
import { projectFixture, releaseFixture } from '../rules/testing.js';
import { releaseOfVersion, resolveCurrent } from './current-release.js';

// Mage-OS 2.2.1 is built on Magento 2.4.8-p4; Magento 2.2.1 itself is older than the catalog.
const known = releaseFixture('2.4.8-p4');
const catalog: ReleaseCatalog & { mageOsUpstream(v: string): string | undefined } = {
  all: () => [known],
  get: (v) => (v === known.version ? known : undefined),
  resolve: () => known,
  nearest: () => ['2.3.0'],
  mageOsUpstream: (v) => (v === '2.2.1' ? '2.4.8-p4' : undefined),
};

test('an Adobe Commerce 2.2.1 is not read as Mage-OS 2.2.1 (built on 2.4.8-p4): its release is unknown', () => {
  const problems: Problem[] = [];
  const model = projectFixture({
    magento: { version: '2.2.1', edition: 'b2b', b2b: true, versionSource: 'composer.lock', productPackage: null },
  });
  const current = resolveCurrent(model, catalog, undefined, problems);
  assert.equal(current.release, null);
  assert.deepEqual(
    problems.map((p) => p.code),
    ['version-unknown'],
  );
  assert.equal(releaseOfVersion(catalog, '2.2.1', 'commerce'), undefined);
  assert.equal(releaseOfVersion(catalog, '2.2.1', 'open-source'), undefined);
});

test('a Mage-OS install still maps its version to the Magento release it is built on', () => {
  const model = projectFixture({
    magento: { version: '2.2.1', edition: 'mage-os', b2b: false, versionSource: 'composer.lock', productPackage: null },
  });
  assert.equal(resolveCurrent(model, catalog, undefined, []).release?.version, '2.4.8-p4');
  assert.equal(releaseOfVersion(catalog, '2.4.8-p4', 'commerce')?.version, '2.4.8-p4');
});
