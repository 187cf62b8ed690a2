import { strict as assert } from 'node:assert';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { gitBlobHash, layerReleaseFiles, releaseFilesFromMemory, releaseFilesFromVendor } from './release-files.js';
import { unifiedDiff } from './unified-diff.js';

describe('release files', () => {
  it('hashes like git (so vendor trees and the shipped index compare)', () => {
    const expected = execFileSync('git', ['hash-object', '--stdin'], { input: 'hello\n' }).toString().trim();
    assert.equal(gitBlobHash(Buffer.from('hello\n')), expected.slice(0, 10));
  });

  it('reads a vendor tree: modules by module.xml, themes by registration.php, lib/web of magento2-base', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mageup-vendor-'));
    try {
      const put = (path: string, text: string) => {
        mkdirSync(join(dir, path, '..'), { recursive: true });
        writeFileSync(join(dir, path), text);
      };
      put('magento/module-foo/etc/module.xml', '<config><module name="Magento_Foo"/></config>');
      put(
        'magento/module-foo/view/frontend/layout/foo_index.xml',
        '<page><block name="foo.list"/><container name="foo.main"/></page>',
      );
      put(
        'magento/theme-frontend-luma/registration.php',
        "<?php ComponentRegistrar::register(ComponentRegistrar::THEME, 'frontend/Magento/luma', __DIR__);",
      );
      put('magento/theme-frontend-luma/Magento_Foo/templates/x.phtml', 'x');
      put('magento/magento2-base/lib/web/mage/a.js', 'a');
      put('broken/not-a-module/README', 'no registration');
      const files = releaseFilesFromVendor(dir);
      assert.ok(
        files.hasComponent('Magento_Foo') && files.hasComponent('frontend/Magento/luma') && files.hasComponent('lib'),
      );
      assert.equal(files.hash('frontend/Magento/luma', 'Magento_Foo/templates/x.phtml'), gitBlobHash(Buffer.from('x')));
      assert.equal(files.hash('lib', 'mage/a.js'), gitBlobHash(Buffer.from('a')));
      assert.equal(files.hash('Magento_Foo', 'missing.phtml'), undefined);
      assert.deepEqual([...files.layoutNames()].sort(), [
        ['foo.list', 'block'],
        ['foo.main', 'container'],
      ]);
      assert.ok(files.layoutHandles().has('foo_index'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a missing vendor directory is a clear error', () => {
    assert.throws(() => releaseFilesFromVendor('/nonexistent/vendor'), /not a directory/);
  });

  it('layers a partial vendor tree over the index', () => {
    const vendor = releaseFilesFromMemory('vendor', { Magento_Foo: { 'a.phtml': 'local' } });
    const index = releaseFilesFromMemory('index', {
      Magento_Foo: { 'a.phtml': 'indexed', 'b.phtml': 'b' },
      Magento_Bar: {},
    });
    const layered = layerReleaseFiles(vendor, index);
    assert.equal(layered.hash('Magento_Foo', 'a.phtml'), gitBlobHash(Buffer.from('local')));
    assert.equal(layered.hash('Magento_Foo', 'b.phtml'), gitBlobHash(Buffer.from('b')));
    assert.ok(layered.hasComponent('Magento_Bar'));
  });
});

describe('unifiedDiff', () => {
  it('shows a changed line with context and hunk header', () => {
    const diff = unifiedDiff('a\nb\nc\nd\n', 'a\nb\nC\nd\n', 'old', 'new');
    assert.equal(diff, '--- old\n+++ new\n@@ -1,5 +1,5 @@\n a\n b\n-c\n+C\n d\n ');
  });
  it('is empty for identical texts', () => {
    assert.equal(unifiedDiff('x\n', 'x\n', 'a', 'b'), '');
  });
});
