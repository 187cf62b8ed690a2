import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  declaredLayoutNames,
  encodeRanges,
  isTrackedFile,
  loadFileHashIndex,
  rangesContain,
  SHIPPED_FILE_HASH_DIR,
} from './index.js';

describe('shipped file-hash data: meaningful hashes', () => {
  it("tells a change of comments only (Checkout's cart/totals.phtml, 2.3.2 → 2.3.3: an escaping annotation) from a real change", () => {
    const index = loadFileHashIndex();
    const path = 'view/frontend/templates/cart/totals.phtml';
    const [before, after] = ['100.3.2', '100.3.3'].map((v) => index.packageFiles('magento/module-checkout', v)!);
    assert.notEqual(before!.hashes.get(path), after!.hashes.get(path));
    assert.equal(before!.meaningful.get(path), after!.meaningful.get(path));
    const cart = 'view/frontend/templates/cart/item/default.phtml';
    assert.notEqual(
      before!.meaningful.get(cart),
      index.packageFiles('magento/module-checkout', '100.4.8')!.meaningful.get(cart),
    );
  });
});

describe('file-hash index format', () => {
  it('encodes version index sets as ranges', () => {
    assert.equal(encodeRanges([5, 0, 1, 2, 7, 8]), '0-2,5,7-8');
    assert.ok(rangesContain('0-2,5,7-8', 8) && rangesContain('0-2,5,7-8', 5) && !rangesContain('0-2,5,7-8', 6));
  });
  it('keeps overridable non-PHP files only', () => {
    for (const p of [
      'view/frontend/templates/a/b.phtml',
      'view/base/web/js/x.js',
      'view/frontend/email/x.html',
      'etc/di.xml',
      'etc/frontend/routes.xml',
      'view/frontend/requirejs-config.js',
      'Magento_Catalog/templates/x.phtml',
      'lib/web/mage/x.js',
    ])
      assert.ok(isTrackedFile(p), p);
    for (const p of ['Model/X.php', 'Test/Unit/x.xml', 'view/frontend/web/images/x.png', 'README.md'])
      assert.ok(!isTrackedFile(p), p);
  });
  it('finds declared blocks and containers, not references', () => {
    assert.deepEqual(
      declaredLayoutNames('<container name="a"><block class="X" name="b"/><referenceBlock name="c"/></container>'),
      [
        { name: 'a', kind: 'container' },
        { name: 'b', kind: 'block' },
      ],
    );
  });
});

describe('shipped file-hash index', () => {
  const index = loadFileHashIndex();
  it('covers the code-tracker releases and tells a changed core template', () => {
    assert.ok(index.releases().includes('2.4.6-p3') && index.releases().includes('2.4.8'));
    const pkg = index.packageOfComponent('Magento_Catalog')!;
    assert.equal(pkg, 'magento/module-catalog');
    const at = (release: string) => index.packageFiles(pkg, index.releasePackages(release)![pkg]!)!;
    const path = 'view/frontend/templates/product/view/gallery.phtml';
    assert.ok(at('2.4.6-p3').hashes.get(path) && at('2.4.8').hashes.get(path));
    assert.notEqual(at('2.4.6-p3').hashes.get(path), at('2.4.8').hashes.get(path));
    assert.ok(at('2.4.8').layoutNames.has('product.info.main'));
    assert.equal(index.packageOfComponent('frontend/Magento/luma'), 'magento/theme-frontend-luma');
  });
  it('refuses a corrupt package file with a clear error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mageup-fh-'));
    try {
      cpSync(SHIPPED_FILE_HASH_DIR, dir, { recursive: true });
      writeFileSync(join(dir, 'packages/magento/module-catalog.json.gz'), 'garbage');
      const broken = loadFileHashIndex(dir);
      assert.throws(() => broken.packageFiles('magento/module-catalog', '104.0.8'), /checksum does not match/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('a missing index is a clear error', () => {
    assert.throws(() => loadFileHashIndex('/nonexistent'), /file-hash index is missing/);
  });
});
