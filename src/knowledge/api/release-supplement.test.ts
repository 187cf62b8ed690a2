import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classDecl, indexOf } from '../../rules/php-api/fixtures.js';
import { releaseFixture } from '../../rules/testing.js';
import { ApiDataWriter } from './writer.js';
import { supplementIndex } from './release-supplement.js';

test('adds packages the metapackage requires but the release index lacks, at the highest stored fitting version', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mageup-supplement-'));
  try {
    const writer = new ApiDataWriter(dir, { generatedAt: '2026-01-01T00:00:00.000Z', compression: 'fast' });
    writer.addPackage('acme/zf1', [
      { package: 'acme/zf1', version: '1.15.0', classes: [classDecl('Zend_Json')], functions: [] },
      { package: 'acme/zf1', version: '1.16.0', classes: [classDecl('Zend_Json_Newer')], functions: [] },
    ]);
    writer.finish();
    const release = releaseFixture('2.4.5', { thirdParty: { 'acme/zf1': '~1.15.0', 'acme/unstored': '^1.0' } });
    const base = indexOf([classDecl('Magento\\Framework\\Kept')]);
    const index = await supplementIndex(base, release, dir);
    assert.ok(index.getClass('Magento\\Framework\\Kept'));
    assert.equal(index.getClass('zend_json')?.package, 'acme/zf1');
    assert.equal(index.getClass('Zend_Json_Newer'), undefined); // 1.16.0 does not satisfy ~1.15.0
    assert.equal(index.packages()['acme/zf1'], '1.15.0');
    assert.equal(index.packages()['acme/unstored'], undefined);
    // Nothing to add: the same index comes back.
    assert.equal(await supplementIndex(base, releaseFixture('2.4.5'), dir), base);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
