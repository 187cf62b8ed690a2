// `mageup check --focus overrides` end to end: only override/conflict rules run, and with --baseline-vendor /
// --target-vendor the theme template finding of the sample store carries the upstream diff of the original.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCheck } from '../src/check/run-check.js';
import { fixedClock } from '../src/knowledge/clock.js';
import { writeTree } from './fixtures/vendor-pair/pair.js';

const SAMPLE = fileURLToPath(new URL('../examples/sample-store', import.meta.url));
const GALLERY = 'app/design/frontend/Acme/default/Magento_Catalog/templates/product/view/gallery.phtml';

describe('check --focus overrides', () => {
  const root = mkdtempSync(join(tmpdir(), 'mageup-overrides-check-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const vendor = (gallery: string) => ({
    'magento/module-catalog/etc/module.xml': '<config><module name="Magento_Catalog"/></config>',
    'magento/module-catalog/view/frontend/templates/product/view/gallery.phtml': gallery,
    'magento/theme-frontend-luma/registration.php':
      "<?php ComponentRegistrar::register(ComponentRegistrar::THEME, 'frontend/Magento/luma', __DIR__);",
    'magento/theme-frontend-blank/registration.php':
      "<?php ComponentRegistrar::register(ComponentRegistrar::THEME, 'frontend/Magento/blank', __DIR__);",
  });
  writeTree(join(root, 'before'), vendor('<img src="<?= $placeholder ?>"/>\n'));
  writeTree(join(root, 'after'), vendor('<img src="<?= $placeholder ?>" width="<?= $width ?>"/>\n'));
  const check = (extra: object = {}) =>
    runCheck({
      path: SAMPLE,
      to: '2.4.8',
      focus: ['overrides'],
      workers: 1,
      cacheDir: false,
      clock: fixedClock('2026-11-23'),
      ...extra,
    });

  it('runs only override and conflict rules, from the shipped index', async () => {
    const result = await check();
    assert.ok(result.findings.length > 0);
    assert.deepEqual([...new Set(result.findings.map((f) => f.category))].sort(), ['conflicts', 'overrides']);
    const gallery = result.findings.find((f) => f.file === GALLERY)!;
    assert.equal(gallery.ruleId, 'overrides/theme-template-changed');
    assert.equal(gallery.messageId, 'changedNoDiff');
  });

  it('shows the upstream diff of the original with --baseline-vendor/--target-vendor', async () => {
    const result = await check({ baselineVendor: join(root, 'before'), targetVendor: join(root, 'after') });
    const gallery = result.findings.find((f) => f.file === GALLERY)!;
    assert.equal(gallery.ruleId, 'overrides/theme-template-changed');
    assert.match(gallery.details ?? '', /^-<img src="<\?= \$placeholder \?>"\/>$/m);
    assert.match(gallery.details ?? '', /^\+<img src="<\?= \$placeholder \?>" width=/m);
  });

  it('a vendor directory that does not exist is a clear option error', async () => {
    await assert.rejects(
      check({ baselineVendor: join(root, 'missing') }),
      /--baseline-vendor .*missing is not a directory/,
    );
  });
});
