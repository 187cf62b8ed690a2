import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectRoot } from './root.js';

// Shaped on skukla/magento-cloud: Adobe Commerce Cloud's template requires magento/magento-cloud-metapackage, which
// brings magento/product-enterprise-edition; no app/ nor vendor/ is committed. It was "not a Magento project".
test('an Adobe Commerce Cloud project (the cloud metapackage in composer.json) is a project', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mageup-cloud-'));
  try {
    writeFileSync(
      join(dir, 'composer.json'),
      JSON.stringify({
        name: 'magento/project-enterprise-edition',
        require: { 'magento/magento-cloud-metapackage': '>=2.4.0 <2.4.1' },
      }),
    );
    assert.deepEqual(detectRoot(dir), {
      root: dir,
      kind: 'project',
      evidence: 'composer.json requires magento/magento-cloud-metapackage',
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
